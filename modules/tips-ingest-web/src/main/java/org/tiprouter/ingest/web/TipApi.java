package org.tiprouter.ingest.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.IntakeRefusals;
import org.tiprouter.formats.web.WebErrorCode;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.formats.web.WebViolation;
import org.tiprouter.ops.http.Responses;
import org.tiprouter.ops.http.ClientRateLimiter;
import org.tiprouter.ops.http.JsonIntakeFront;

/**
 * {@code POST /api/v1/tips}: the JSON API. In order: the client's rate (429), the media type
 * (415), the size before anything is parsed (413), the contract (400), the submission id (same
 * tip again: the same 202; reused for a different tip: 409), then the write, answered 202 only
 * after the broker acknowledged it (503 otherwise). Every 400, 409, 413 and 415 is also a dead letter
 * (endpoint {@code api}); 429 and 503 are not (nothing was refused / nowhere to write). Log lines
 * carry status, code and tip id only.
 */
final class TipApi {

  private static final Logger LOG = LoggerFactory.getLogger(TipApi.class);
  static final String CONTENT_TYPE = WebSubmissionParser.JSON;
  static final String ENDPOINT = "api";

  private final TipSubmissions submissions;
  private final IntakeRefusals refusals;
  private final JsonIntakeFront front;
  private final ObjectMapper json = new ObjectMapper();

  TipApi(TipSubmissions submissions, IntakeRefusals refusals, ClientRateLimiter rateLimiter, boolean trustForwardedFor,
      int maxBodyBytes) {
    this.submissions = submissions;
    this.refusals = refusals;
    this.front = new JsonIntakeFront(ENDPOINT, "tip", "If a child is in immediate danger, call 911.", refusals,
        rateLimiter, trustForwardedFor, maxBodyBytes);
  }

  boolean handle(Request request, Response response, Callback callback) {
    Optional<byte[]> admitted = front.admit(request, response, callback);
    if (admitted.isEmpty()) {
      return true;
    }
    byte[] body = admitted.get();
    WebSubmissionParser.Checked checked = submissions.parser().checkJson(body);
    if (!checked.valid()) {
      WebViolation first = checked.violations().get(0);
      refusals.refuse(ENDPOINT, 400, reasonOf(first.code()), first.code().name(), first.field(), body);
      return front.error(response, callback, 400, first.code().name(), first.field(), first.message());
    }
    TipSubmissions.Outcome outcome = submissions.submit(checked.submission(), body, CONTENT_TYPE);
    if (outcome instanceof TipSubmissions.Outcome.Stored stored) {
      if (stored.repeat()) {
        LOG.info("Web tip {} sent again with its submission id: answered as before, nothing written", stored.tipId());
      }
      String answer = json.createObjectNode().put("tipId", stored.tipId().toString())
          .put("receipt", Receipts.of(stored.tipId())).toString();
      return Responses.send(response, callback, 202, "application/json", answer);
    }
    if (outcome instanceof TipSubmissions.Outcome.Reused reused) {
      refusals.refuse(ENDPOINT, 409, ReasonCode.VALIDATION_FAILED, "SUBMISSION_ID_REUSED", "submissionId", body);
      return front.error(response, callback, 409, "SUBMISSION_ID_REUSED", "submissionId",
          "This submissionId was already used for a different tip (receipt " + Receipts.of(reused.earlierTipId())
              + "). Nothing was stored; send a new tip with a new submissionId.");
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return front.error(response, callback, 503, "NOT_STORED", null,
        "Your tip could not be stored right now and was not received. Please try again shortly.");
  }

  /** Malformed JSON or form encoding is a parse failure; every other broken rule a contract violation. */
  static ReasonCode reasonOf(WebErrorCode code) {
    return code == WebErrorCode.INVALID_JSON || code == WebErrorCode.INVALID_FORM_ENCODING
        ? ReasonCode.PARSE_REJECTED : ReasonCode.VALIDATION_FAILED;
  }
}
