package org.tiprouter.ingest.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.core.ingest.IntakeRefusals;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.Responses;
import org.tiprouter.ops.http.ClientRateLimiter;

/**
 * The web intake's HTTP server: the public form at {@code /} ({@link TipForm}), the JSON API at
 * {@code POST /api/v1/tips} ({@link TipApi}) and the form's stylesheet. Both store the exact bytes
 * received as a raw tip on the web raw topic and answer success only after the broker
 * acknowledged it; every refused request is also a dead letter ({@link IntakeRefusals}, channel
 * {@code web}). There is no request log, and neither the tipster's address nor their user
 * agent is stored or logged; the address only feeds the rate limiter's keyed hash in memory.
 */
public final class WebIntakeServer implements AutoCloseable {

  static final String TIPS_PATH = "/api/v1/tips";
  static final String FORM_PATH = "/";
  static final String STYLESHEET_PATH = "/assets/form.css";
  /** The option that sets the intake port, named when the port is taken. */
  public static final String PORT_OPTION = "--intake-port";

  private final HttpEndpoint endpoint;
  private final TipApi api;
  private final TipForm form;
  private final String stylesheet;
  private final Map<String, HttpEndpoint.RequestHandler> mounted = new ConcurrentHashMap<>();

  WebIntakeServer(WebIntakeConfig config, TipSubmissions submissions, IntakeRefusals refusals) {
    ClientRateLimiter rateLimiter = new ClientRateLimiter(config.rateLimitRequests(), config.rateLimitWindow(),
        config.rateLimitMaxClients(), System::nanoTime);
    this.api = new TipApi(submissions, refusals, rateLimiter, config.trustForwardedFor(), config.maxBodyBytes());
    this.form = new TipForm(submissions, refusals, rateLimiter, new CrossOriginCheck(config.allowedOrigins()),
        new TipFormPage(config.formTimeZone()), config.trustForwardedFor(), config.maxBodyBytes());
    this.stylesheet = resource("form.css");
    this.endpoint = new HttpEndpoint("Web intake", config.host(), config.port(), PORT_OPTION, 64, this::serve);
  }

  /**
   * Serves every path starting with {@code pathPrefix} (e.g. {@code /cybertipline/}) with
   * {@code handler}, so another intake shares this port. Call before {@link #start()}.
   */
  public WebIntakeServer mount(String pathPrefix, HttpEndpoint.RequestHandler handler) {
    mounted.put(pathPrefix, handler);
    return this;
  }

  /** Starts listening; fails with a message naming the port when it is taken. */
  public WebIntakeServer start() {
    endpoint.start();
    return this;
  }

  public int port() {
    return endpoint.port();
  }

  public boolean isRunning() {
    return endpoint.isRunning();
  }

  private boolean serve(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    for (Map.Entry<String, HttpEndpoint.RequestHandler> mount : mounted.entrySet()) {
      if (path.startsWith(mount.getKey())) {
        return mount.getValue().handle(request, response, callback);
      }
    }
    switch (path) {
      case TIPS_PATH:
        return api.handle(request, response, callback);
      case FORM_PATH:
        return form.handle(request, response, callback);
      case STYLESHEET_PATH:
        return HtmlPages.sendStylesheet(response, callback, stylesheet);
      default:
        if (path.startsWith("/api/")) {
          return Responses.send(response, callback, 404, "application/json",
              "{\"error\":\"NOT_FOUND\",\"field\":null,\"message\":\"There is nothing here.\"}");
        }
        return HtmlPages.send(response, callback, 404, HtmlPages.message("Page not found", "There is nothing here."));
    }
  }

  private static String resource(String name) {
    try (InputStream in = WebIntakeServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
