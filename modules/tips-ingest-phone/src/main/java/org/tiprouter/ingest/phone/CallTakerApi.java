package org.tiprouter.ingest.phone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
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
import org.tiprouter.ops.http.ClientRateLimiter;
import org.tiprouter.ops.http.JsonIntakeFront;
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
  private final JsonIntakeFront front;
  private final ObjectMapper json = new ObjectMapper();

  CallTakerApi(PhoneCallParser parser, CallRecorder recorder, IntakeRefusals refusals, int maxBodyBytes,
      ClientRateLimiter rateLimiter, boolean trustForwardedFor) {
    this.parser = parser;
    this.recorder = recorder;
    this.refusals = refusals;
    this.front = new JsonIntakeFront(ENDPOINT, "call", "", refusals, rateLimiter, trustForwardedFor, maxBodyBytes);
  }

  boolean handle(Request request, Response response, Callback callback) {
    Optional<byte[]> admitted = front.admit(request, response, callback);
    if (admitted.isEmpty()) {
      return true;
    }
    byte[] body = admitted.get();
    PhoneCallParser.Checked checked = parser.checkJson(body);
    if (!checked.valid()) {
      PhoneViolation first = checked.violations().get(0);
      ReasonCode reason = WebErrorCode.INVALID_JSON.name().equals(first.code()) ? ReasonCode.PARSE_REJECTED
          : ReasonCode.VALIDATION_FAILED;
      refusals.refuse(ENDPOINT, 400, reason, first.code(), first.field(), body);
      return front.error(response, callback, 400, first.code(), first.field(), first.message());
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
      return front.error(response, callback, 409, "CALL_ID_REUSED", "call.callId",
          "This callId was already stored with other content (tip " + reused.earlierTipId() + "). Nothing was "
              + "stored; a call is stored once.");
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return front.error(response, callback, 503, "NOT_STORED", null,
        "The call could not be stored right now and was not received. Please try again shortly.");
  }

}
