package org.tiprouter.ingest.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
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
import org.tiprouter.formats.web.WebErrorCode;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.formats.web.WebViolation;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.Responses;
import org.tiprouter.ops.http.ClientRateLimiter;
import org.tiprouter.ops.http.ClientAddress;

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
  private final ClientRateLimiter rateLimiter;
  private final boolean trustForwardedFor;
  private final int maxBodyBytes;
  private final ObjectMapper json = new ObjectMapper();

  TipApi(TipSubmissions submissions, IntakeRefusals refusals, ClientRateLimiter rateLimiter, boolean trustForwardedFor,
      int maxBodyBytes) {
    this.submissions = submissions;
    this.refusals = refusals;
    this.rateLimiter = rateLimiter;
    this.trustForwardedFor = trustForwardedFor;
    this.maxBodyBytes = maxBodyBytes;
  }

  boolean handle(Request request, Response response, Callback callback) {
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return error(response, callback, 405, "METHOD_NOT_ALLOWED", null, "Send tips with POST.");
    }
    ClientRateLimiter.Decision rate = rateLimiter.tryAcquire(ClientAddress.of(request, trustForwardedFor));
    if (!rate.allowed()) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(rate.retryAfterSeconds()));
      RequestBodies.discard(request, response);
      return error(response, callback, 429, "RATE_LIMITED", null,
          "Too many tips from your connection in a short time. Try again in " + rate.retryAfterSeconds()
              + " seconds. If a child is in immediate danger, call 911.");
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isJson(contentType)) {
      RequestBodies.discard(request, response);
      refusals.refuseMediaType(ENDPOINT, "UNSUPPORTED_MEDIA_TYPE", contentType);
      return error(response, callback, 415, "UNSUPPORTED_MEDIA_TYPE", null,
          "Send tips as application/json (UTF-8).");
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
      return error(response, callback, 413, "PAYLOAD_TOO_LARGE", null,
          "A tip may be at most " + maxBodyBytes + " bytes.");
    }
    byte[] body = read.get();
    WebSubmissionParser.Checked checked = submissions.parser().checkJson(body);
    if (!checked.valid()) {
      WebViolation first = checked.violations().get(0);
      refusals.refuse(ENDPOINT, 400, reasonOf(first.code()), first.code().name(), first.field(), body);
      return error(response, callback, 400, first.code().name(), first.field(), first.message());
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
      return error(response, callback, 409, "SUBMISSION_ID_REUSED", "submissionId",
          "This submissionId was already used for a different tip (receipt " + Receipts.of(reused.earlierTipId())
              + "). Nothing was stored; send a new tip with a new submissionId.");
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return error(response, callback, 503, "NOT_STORED", null,
        "Your tip could not be stored right now and was not received. Please try again shortly.");
  }

  /** Malformed JSON or form encoding is a parse failure; every other broken rule a contract violation. */
  static ReasonCode reasonOf(WebErrorCode code) {
    return code == WebErrorCode.INVALID_JSON || code == WebErrorCode.INVALID_FORM_ENCODING
        ? ReasonCode.PARSE_REJECTED : ReasonCode.VALIDATION_FAILED;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals(CONTENT_TYPE) && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }

  private boolean error(Response response, Callback callback, int status, String code, String field, String message) {
    LOG.info("Web tip refused: {} {}", status, code);
    var body = json.createObjectNode().put("error", code);
    if (field == null) {
      body.putNull("field");
    } else {
      body.put("field", field);
    }
    return Responses.send(response, callback, status, "application/json", body.put("message", message).toString());
  }
}
