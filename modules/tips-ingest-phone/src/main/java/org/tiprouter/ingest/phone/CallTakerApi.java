package org.tiprouter.ingest.phone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
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
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.formats.phone.PhoneViolation;
import org.tiprouter.formats.web.WebErrorCode;
import org.tiprouter.ops.http.ClientAddress;
import org.tiprouter.ops.http.ClientRateLimiter;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.Responses;

/**
 * {@code POST /api/v1/phone/calls}: what a call-taker's console or CAD system sends after a call,
 * answered like the web API: the media type (415), the size before anything is parsed (413), the
 * contract (400, the first violation), the call id (the same call again: the same 202 and nothing
 * written; the id reused for other content: 409), then the write, answered 202 only after the
 * broker acknowledged it (503 otherwise). Every 400, 409, 413 and 415 is also a dead letter
 * (endpoint {@code calls}); 429 and 503 are not. Log lines carry status, code and tip id only.
 */
final class CallTakerApi {

  static final String SOURCE = "ingest-phone";
  static final String ENDPOINT = "calls";
  private static final Logger LOG = LoggerFactory.getLogger(CallTakerApi.class);

  private final PhoneCallParser parser;
  private final CallRecorder recorder;
  private final IntakeRefusals refusals;
  private final ClientRateLimiter rateLimiter;
  private final boolean trustForwardedFor;
  private final int maxBodyBytes;
  private final ObjectMapper json = new ObjectMapper();

  CallTakerApi(PhoneCallParser parser, CallRecorder recorder, IntakeRefusals refusals, int maxBodyBytes,
      ClientRateLimiter rateLimiter, boolean trustForwardedFor) {
    this.parser = parser;
    this.recorder = recorder;
    this.refusals = refusals;
    this.rateLimiter = rateLimiter;
    this.trustForwardedFor = trustForwardedFor;
    this.maxBodyBytes = maxBodyBytes;
  }

  boolean handle(Request request, Response response, Callback callback) {
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return error(response, callback, 405, "METHOD_NOT_ALLOWED", null, "Send calls with POST.");
    }
    ClientRateLimiter.Decision rate = rateLimiter.tryAcquire(ClientAddress.of(request, trustForwardedFor));
    if (!rate.allowed()) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(rate.retryAfterSeconds()));
      RequestBodies.discard(request, response);
      return error(response, callback, 429, "RATE_LIMITED", null,
          "Too many calls from this client in a short time. Try again in " + rate.retryAfterSeconds() + " seconds.");
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isJson(contentType)) {
      RequestBodies.discard(request, response);
      refusals.refuseMediaType(ENDPOINT, "UNSUPPORTED_MEDIA_TYPE", contentType);
      return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", null, "Send calls as application/json (UTF-8).");
    }
    Optional<byte[]> read;
    try {
      read = RequestBodies.readAtMost(request, response, maxBodyBytes);
    } catch (IOException e) {
      refusals.refuse(ENDPOINT, 400, ReasonCode.PARSE_REJECTED, "UNREADABLE_BODY", null, null);
      return error(response, callback, 400, "UNREADABLE_BODY", null, "The request body could not be read.");
    }
    if (read.isEmpty()) {
      refusals.refuseOversized(ENDPOINT, "PAYLOAD_TOO_LARGE", request.getLength(), maxBodyBytes);
      return error(response, callback, 413, "PAYLOAD_TOO_LARGE", null, "A call may be at most " + maxBodyBytes + " bytes.");
    }
    byte[] body = read.get();
    PhoneCallParser.Checked checked = parser.checkJson(body);
    if (!checked.valid()) {
      PhoneViolation first = checked.violations().get(0);
      ReasonCode reason = WebErrorCode.INVALID_JSON.name().equals(first.code()) ? ReasonCode.PARSE_REJECTED
          : ReasonCode.VALIDATION_FAILED;
      refusals.refuse(ENDPOINT, 400, reason, first.code(), first.field(), body);
      return error(response, callback, 400, first.code(), first.field(), first.message());
    }
    String callId = checked.call().callId();
    CallRecorder.Outcome outcome = recorder.record(callId, body, PhoneCallParser.JSON, SOURCE, Map.of());
    if (outcome instanceof CallRecorder.Outcome.Stored stored) {
      if (stored.repeat()) {
        LOG.info("Call (tip {}) sent again: answered as before, nothing written", stored.tipId());
      }
      String answer = json.createObjectNode().put("tipId", stored.tipId().toString()).put("callId", callId)
          .put("repeat", stored.repeat()).toString();
      return Responses.send(response, callback, 202, "application/json", answer);
    }
    if (outcome instanceof CallRecorder.Outcome.Reused reused) {
      LOG.info("Call id of tip {} reused for other content: 409", reused.earlierTipId());
      refusals.refuse(ENDPOINT, 409, ReasonCode.VALIDATION_FAILED, "CALL_ID_REUSED", "call.callId", body);
      return error(response, callback, 409, "CALL_ID_REUSED", "call.callId",
          "This callId was already stored with other content (tip " + reused.earlierTipId() + "). Nothing was "
              + "stored; a call is stored once.");
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return error(response, callback, 503, "NOT_STORED", null,
        "The call could not be stored right now and was not received. Please try again shortly.");
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals(PhoneCallParser.JSON) && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }

  private boolean error(Response response, Callback callback, int status, String code, String field, String message) {
    LOG.info("Call refused: {} {}", status, code);
    var body = json.createObjectNode().put("error", code);
    if (field == null) {
      body.putNull("field");
    } else {
      body.put("field", field);
    }
    return Responses.send(response, callback, status, "application/json", body.put("message", message).toString());
  }
}
