package org.tiprouter.ingest.phone;

import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.Responses;

/**
 * The phone intake's HTTP endpoints: {@code POST /api/v1/phone/calls} ({@link CallTakerApi}) and,
 * when enabled, the Twilio webhook under {@code /phone/twilio/} ({@link TwilioWebhook}).
 * {@link #handler()} serves them on another endpoint (the demo mounts {@link #PATH_PREFIXES} on the
 * web intake's port); {@link #start()} runs an endpoint of its own.
 */
public final class PhoneIntakeServer implements AutoCloseable {

  /** Path prefix of the call-taker API. */
  public static final String API_PREFIX = "/api/v1/phone/";
  /** Path prefix of the telephony webhook. */
  public static final String WEBHOOK_PREFIX = "/phone/";
  /** Every path of this intake starts with one of these. */
  public static final List<String> PATH_PREFIXES = List.of(API_PREFIX, WEBHOOK_PREFIX);
  static final String CALLS_PATH = API_PREFIX + "calls";
  /** The option that sets the intake port, named when the port is taken. */
  public static final String PORT_OPTION = "--intake-port";

  private final PhoneIntakeConfig config;
  private final CallTakerApi api;
  private final TwilioWebhook twilio;
  private HttpEndpoint endpoint;

  /** @param twilio the webhook, or null when it is not enabled */
  PhoneIntakeServer(PhoneIntakeConfig config, CallTakerApi api, TwilioWebhook twilio) {
    this.config = config;
    this.api = api;
    this.twilio = twilio;
  }

  /** Serves this intake's paths; mount it on an endpoint for each of {@link #PATH_PREFIXES}. */
  public HttpEndpoint.RequestHandler handler() {
    return this::serve;
  }

  public synchronized PhoneIntakeServer start() {
    if (endpoint == null) {
      endpoint = new HttpEndpoint("Phone intake", config.host(), config.port(), PORT_OPTION, 32, this::serve);
      endpoint.start();
    }
    return this;
  }

  public synchronized int port() {
    return endpoint == null ? -1 : endpoint.port();
  }

  private boolean serve(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (path.equals(CALLS_PATH)) {
      return api.handle(request, response, callback);
    }
    if (path.startsWith(WEBHOOK_PREFIX + "twilio/") && twilio != null) {
      return twilio.handle(request, response, callback);
    }
    return Responses.send(response, callback, 404, "application/json",
        "{\"error\":\"NOT_FOUND\",\"field\":null,\"message\":\"There is nothing here.\"}");
  }

  @Override
  public synchronized void close() {
    if (endpoint != null) {
      endpoint.close();
      endpoint = null;
    }
  }
}
