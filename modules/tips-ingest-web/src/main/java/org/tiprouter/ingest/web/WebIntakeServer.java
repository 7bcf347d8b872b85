package org.tiprouter.ingest.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.ingest.RawTipPublisher.NotAcknowledgedException;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.Responses;

/**
 * The web intake's HTTP server. {@code POST /api/v1/tips} takes a JSON tip, stores its exact bytes
 * as a {@link RawTip} on the web raw topic and answers {@code 202} with the tip id and a receipt
 * only after the broker acknowledged it. Oversized bodies are refused before they are read, and
 * neither the tipster's address nor any part of the payload is logged or stored beyond the tip.
 */
public final class WebIntakeServer implements AutoCloseable {

  static final String TIPS_PATH = "/api/v1/tips";
  /** The option that sets the intake port, named when the port is taken. */
  public static final String PORT_OPTION = "--intake-port";
  private static final String SOURCE = "ingest-web";

  private final HttpEndpoint endpoint;
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
    this.endpoint = new HttpEndpoint("Web intake", config.host(), config.port(), PORT_OPTION, 64, this::serve);
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
      return Responses.send(response, callback, 200, "text/html; charset=utf-8", LandingPage.HTML);
    }
    return error(response, callback, 404, "NOT_FOUND", "There is nothing here.");
  }

  private boolean receive(Request request, Response response, Callback callback) {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isJson(contentType)) {
      return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", "Send tips as application/json.");
    }
    Optional<byte[]> read;
    try {
      read = RequestBodies.readAtMost(request, response, maxBodyBytes);
    } catch (IOException e) {
      return error(response, callback, 400, "UNREADABLE_BODY", "The request body could not be read.");
    }
    if (read.isEmpty()) {
      return error(response, callback, 413, "PAYLOAD_TOO_LARGE", "A tip may be at most " + maxBodyBytes + " bytes.");
    }
    byte[] body = read.get();
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
    return Responses.send(response, callback, 202, "application/json", answer);
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals("application/json") && (charset == null || charset.equalsIgnoreCase("utf-8"));
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
    return Responses.send(response, callback, status, "application/json", body);
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
