package org.tiprouter.ops.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.IntakeRefusals;

/**
 * The front door every JSON intake API shares (the web tip API, the phone call-taker API): POST
 * only, the per-client rate limit, {@code application/json} in UTF-8, and the size cap before a
 * byte is parsed. What it refuses it answers as {@code {"error", "field", "message"}}, and outside
 * input it refused is dead-lettered through {@link IntakeRefusals} (a 405 or 429 is not: nothing was
 * received to keep).
 */
public final class JsonIntakeFront {

  private static final Logger LOG = LoggerFactory.getLogger(JsonIntakeFront.class);
  private static final String JSON = "application/json";

  private final String endpoint;
  private final String noun;
  private final String rateLimitAdvice;
  private final IntakeRefusals refusals;
  private final ClientRateLimiter rateLimiter;
  private final boolean trustForwardedFor;
  private final int maxBodyBytes;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param endpoint the endpoint name in dead letters ({@code api}, {@code calls})
   * @param noun what the endpoint takes, singular, for messages and logs ({@code tip}, {@code call})
   * @param rateLimitAdvice a sentence added to the 429 message, or empty
   * @param refusals where refused input is dead-lettered
   * @param rateLimiter the per-client limit
   * @param trustForwardedFor whether the client address may come from {@code X-Forwarded-For}
   * @param maxBodyBytes the largest body read; a larger one is refused unread
   */
  public JsonIntakeFront(String endpoint, String noun, String rateLimitAdvice, IntakeRefusals refusals,
      ClientRateLimiter rateLimiter, boolean trustForwardedFor, int maxBodyBytes) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.noun = Objects.requireNonNull(noun, "noun");
    this.rateLimitAdvice = rateLimitAdvice.isEmpty() ? "" : " " + rateLimitAdvice;
    this.refusals = Objects.requireNonNull(refusals, "refusals");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.trustForwardedFor = trustForwardedFor;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The body of a request that passed the front door, or empty when the request was already
   * answered (and, where it carried outside input, dead-lettered); the caller then returns
   * {@code true} to Jetty.
   */
  public Optional<byte[]> admit(Request request, Response response, Callback callback) {
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      error(response, callback, 405, "METHOD_NOT_ALLOWED", null, "Send " + noun + "s with POST.");
      return Optional.empty();
    }
    ClientRateLimiter.Decision rate = rateLimiter.tryAcquire(ClientAddress.of(request, trustForwardedFor));
    if (!rate.allowed()) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(rate.retryAfterSeconds()));
      RequestBodies.discard(request, response);
      error(response, callback, 429, "RATE_LIMITED", null, "Too many " + noun + "s from your connection in a short "
          + "time. Try again in " + rate.retryAfterSeconds() + " seconds." + rateLimitAdvice);
      return Optional.empty();
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isJson(contentType)) {
      RequestBodies.discard(request, response);
      refusals.refuseMediaType(endpoint, "UNSUPPORTED_MEDIA_TYPE", contentType);
      error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", null, "Send " + noun + "s as application/json (UTF-8).");
      return Optional.empty();
    }
    Optional<byte[]> read;
    try {
      read = RequestBodies.readAtMost(request, response, maxBodyBytes);
    } catch (IOException e) {
      refusals.refuse(endpoint, 400, ReasonCode.PARSE_REJECTED, "UNREADABLE_BODY", null, null);
      error(response, callback, 400, "UNREADABLE_BODY", null, "The request body could not be read.");
      return Optional.empty();
    }
    if (read.isEmpty()) {
      refusals.refuseOversized(endpoint, "PAYLOAD_TOO_LARGE", request.getLength(), maxBodyBytes);
      error(response, callback, 413, "PAYLOAD_TOO_LARGE", null,
          "A " + noun + " may be at most " + maxBodyBytes + " bytes.");
    }
    return read;
  }

  /**
   * Answers {@code {"error": code, "field": field, "message": message}} with {@code status}; logs the
   * status and code only.
   */
  public boolean error(Response response, Callback callback, int status, String code, String field, String message) {
    LOG.info("{} {} refused: {} {}", endpoint, noun, status, code);
    ObjectNode body = json.createObjectNode().put("error", code);
    if (field == null) {
      body.putNull("field");
    } else {
      body.put("field", field);
    }
    return Responses.send(response, callback, status, JSON, body.put("message", message).toString());
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals(JSON) && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }
}
