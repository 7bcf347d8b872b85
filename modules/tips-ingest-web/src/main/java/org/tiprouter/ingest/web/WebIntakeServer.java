package org.tiprouter.ingest.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.ingest.RawTipPublisher.NotAcknowledgedException;

/**
 * The web intake's HTTP server. {@code POST /api/v1/tips} takes a JSON tip, stores its exact bytes
 * as a {@link RawTip} on the web raw topic and answers {@code 202} with the tip id and a receipt
 * only after the broker acknowledged it. Oversized bodies are refused before they are read, and
 * neither the tipster's address nor any part of the payload is logged or stored beyond the tip.
 */
public final class WebIntakeServer implements AutoCloseable {

  static final String TIPS_PATH = "/api/v1/tips";
  /** How much of an oversized body is read and thrown away so the sender still gets its 413. */
  private static final long DRAIN_LIMIT = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(WebIntakeServer.class);
  private static final String SOURCE = "ingest-web";

  private final Server server;
  private final ServerConnector connector;
  private final RawTipPublisher publisher;
  private final int maxBodyBytes;
  private final Duration ackTimeout;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final JsonFactory strictJson;

  public WebIntakeServer(WebIntakeConfig config, RawTipPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.maxBodyBytes = config.maxBodyBytes();
    this.ackTimeout = config.ackTimeout();
    this.clock = clock;
    this.strictJson = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
            .maxStringLength(maxBodyBytes).maxNumberLength(32).build())
        .build();
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("ingest-web");
    this.server = new Server(threads);
    this.connector = new ServerConnector(server, 1, 1);
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        return serve(request, response, callback);
      }
    });
  }

  /** Starts listening; fails with a message naming the port when it is taken. */
  public WebIntakeServer start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException("Intake port " + connector.getPort() + " on " + connector.getHost()
          + " is not available: " + e.getMessage(), e);
    }
    LOG.info("Web intake on http://{}:{}{}", connector.getHost(), port(), TIPS_PATH);
    return this;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  private boolean serve(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (path.equals(TIPS_PATH)) {
      if (!"POST".equals(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        return error(response, callback, 405, "METHOD_NOT_ALLOWED", "Send tips with POST.");
      }
      return receive(request, response, callback);
    }
    if (path.equals("/") && "GET".equals(request.getMethod())) {
      return send(response, callback, 200, "text/html; charset=utf-8", LandingPage.HTML);
    }
    return error(response, callback, 404, "NOT_FOUND", "There is nothing here.");
  }

  private boolean receive(Request request, Response response, Callback callback) {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isJson(contentType)) {
      return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", "Send tips as application/json.");
    }
    long declared = request.getLength();
    InputStream in = Content.Source.asInputStream(request);
    if (declared > maxBodyBytes) {
      return tooLarge(in, response, callback);
    }
    byte[] body;
    try {
      body = readAtMost(in, maxBodyBytes);
    } catch (IOException e) {
      return error(response, callback, 400, "UNREADABLE_BODY", "The request body could not be read.");
    }
    if (body == null) {
      return tooLarge(in, response, callback);
    }
    if (!isJsonObject(body)) {
      return error(response, callback, 400, "INVALID_JSON", "The body is not a well-formed JSON object.");
    }
    UUID tipId = UUID.randomUUID();
    RawTip tip = RawTip.newBuilder()
        .setTipId(tipId)
        .setChannel(Channel.WEB)
        .setReceivedAt(clock.instant())
        .setContentType("application/json")
        .setPayload(ByteBuffer.wrap(body))
        .setPayloadSha256(Sha256.hex(body))
        .setExternalId(null)
        .setSource(SOURCE)
        .setAttributes(Map.of())
        .build();
    try {
      publisher.publish(tip, ackTimeout);
    } catch (NotAcknowledgedException e) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
      return error(response, callback, 503, "NOT_STORED",
          "Your tip could not be stored right now and was not received. Please try again shortly.");
    }
    String answer = json.createObjectNode().put("tipId", tipId.toString())
        .put("receipt", Receipts.of(tipId)).toString();
    return send(response, callback, 202, "application/json", answer);
  }

  /**
   * Answers 413 without parsing anything. A body up to {@link #DRAIN_LIMIT} is read and discarded
   * first so that the client receives the answer; beyond that the connection is closed.
   */
  private boolean tooLarge(InputStream in, Response response, Callback callback) {
    try {
      long skipped = 0;
      byte[] sink = new byte[8192];
      for (int n; skipped <= DRAIN_LIMIT && (n = in.read(sink)) != -1; ) {
        skipped += n;
      }
      if (skipped > DRAIN_LIMIT) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
    } catch (IOException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    return error(response, callback, 413, "PAYLOAD_TOO_LARGE", "A tip may be at most " + maxBodyBytes + " bytes.");
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals("application/json") && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }

  /** Reads the body, or returns null as soon as it exceeds {@code limit}. */
  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] chunk = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(chunk)) != -1; ) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  private boolean isJsonObject(byte[] body) {
    try (JsonParser parser = strictJson.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private boolean error(Response response, Callback callback, int status, String code, String message) {
    String body = json.createObjectNode().put("error", code).putNull("field").put("message", message).toString();
    return send(response, callback, status, "application/json", body);
  }

  private static boolean send(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    Content.Sink.write(response, true, body, callback);
    return true;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Web intake did not stop cleanly: {}", e.getMessage());
    }
  }
}
