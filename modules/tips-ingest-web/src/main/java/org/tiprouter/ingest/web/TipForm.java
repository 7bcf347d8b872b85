package org.tiprouter.ingest.web;

import static org.tiprouter.ingest.web.HtmlPages.escape;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
import org.tiprouter.formats.web.WebFormDecoder;
import org.tiprouter.formats.web.WebFormDecoder.DecodedForm;
import org.tiprouter.formats.web.WebFormDecoder.FormSpot;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.formats.web.WebViolation;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.ClientRateLimiter;
import org.tiprouter.ops.http.ClientAddress;

/**
 * The public form at {@code /}: {@code GET} shows it, {@code POST} sends it. A post goes through
 * the same rules and the same store as the JSON API; the raw tip keeps the exact form bytes with
 * content type {@value #CONTENT_TYPE}. Whatever goes wrong, the form comes back with what the user
 * typed and the problem next to its field, never an empty form. Every refusal (403, 400, 409, 413,
 * 415) is also a dead letter (endpoint {@code form}), a field error too: the person may correct it
 * and send again, or give up, and then the dead letter is all that is left of the report.
 */
final class TipForm {

  private static final Logger LOG = LoggerFactory.getLogger(TipForm.class);
  /** Content type of raw tips from the form: the bytes are URL-encoded UTF-8. */
  static final String CONTENT_TYPE = WebSubmissionParser.FORM + "; charset=utf-8";
  static final String ENDPOINT = "form";

  private final TipSubmissions submissions;
  private final IntakeRefusals refusals;
  private final ClientRateLimiter rateLimiter;
  private final CrossOriginCheck crossOrigin;
  private final TipFormPage page;
  private final boolean trustForwardedFor;
  private final int maxBodyBytes;
  private final SecureRandom random = new SecureRandom();

  TipForm(TipSubmissions submissions, IntakeRefusals refusals, ClientRateLimiter rateLimiter,
      CrossOriginCheck crossOrigin, TipFormPage page, boolean trustForwardedFor, int maxBodyBytes) {
    this.submissions = submissions;
    this.refusals = refusals;
    this.rateLimiter = rateLimiter;
    this.crossOrigin = crossOrigin;
    this.page = page;
    this.trustForwardedFor = trustForwardedFor;
    this.maxBodyBytes = maxBodyBytes;
  }

  boolean handle(Request request, Response response, Callback callback) {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return HtmlPages.send(response, callback, 200,
          page.render(new TipFormPage.View(null, List.of(), null, newSubmissionId())));
    }
    if (!"POST".equals(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
      return HtmlPages.send(response, callback, 405, HtmlPages.message("Not allowed", "This page only shows the form."));
    }
    return submit(request, response, callback);
  }

  private boolean submit(Request request, Response response, Callback callback) {
    if (!crossOrigin.allows(request)) {
      LOG.info("Web form refused: 403 CROSS_ORIGIN");
      RequestBodies.discard(request, response);
      refusals.refuse(ENDPOINT, 403, ReasonCode.NOT_AUTHENTIC, "CROSS_ORIGIN", null, null);
      return HtmlPages.send(response, callback, 403, HtmlPages.message("Report not sent",
          "This report form can only be sent from its own page. Nothing was stored. Please open the form and "
              + "send your report from there."));
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isForm(contentType)) {
      LOG.info("Web form refused: 415 UNSUPPORTED_MEDIA_TYPE");
      RequestBodies.discard(request, response);
      refusals.refuseMediaType(ENDPOINT, "UNSUPPORTED_MEDIA_TYPE", contentType);
      return HtmlPages.send(response, callback, 415, HtmlPages.message("Report not sent",
          "The report did not arrive as a form. Nothing was stored. Please send it from the form."));
    }
    Optional<byte[]> read;
    try {
      read = RequestBodies.readAtMost(request, response, maxBodyBytes);
    } catch (IOException e) {
      LOG.info("Web form refused: 400 UNREADABLE_BODY");
      refusals.refuse(ENDPOINT, 400, ReasonCode.PARSE_REJECTED, "UNREADABLE_BODY", null, null);
      return HtmlPages.send(response, callback, 400, HtmlPages.message("Report not sent",
          "The report could not be read. Nothing was stored. Please go back and send it again."));
    }
    if (read.isEmpty()) {
      LOG.info("Web form refused: 413 PAYLOAD_TOO_LARGE");
      refusals.refuseOversized(ENDPOINT, "PAYLOAD_TOO_LARGE", request.getLength(), maxBodyBytes);
      return HtmlPages.send(response, callback, 413, HtmlPages.message("Report too long",
          "Your report is longer than this form accepts (" + maxBodyBytes / 1024 + " KiB). Nothing was stored. "
              + "Please go back, shorten the description, and send it again."));
    }
    byte[] body = read.get();
    DecodedForm form = WebFormDecoder.decode(body);
    String submissionId = form.value(WebFormDecoder.SUBMISSION_ID);
    ClientRateLimiter.Decision rate = rateLimiter.tryAcquire(ClientAddress.of(request, trustForwardedFor));
    if (!rate.allowed()) {
      LOG.info("Web form refused: 429 RATE_LIMITED");
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(rate.retryAfterSeconds()));
      return again(response, callback, 429, form, List.of(), "Too many reports were sent from your connection in a "
          + "short time, so this one has not been sent yet. Please wait " + waitingTime(rate.retryAfterSeconds())
          + " and press Send report again. If a child is in danger right now, call 911.", submissionId);
    }
    WebSubmissionParser.Checked checked = submissions.parser().checkForm(form);
    if (!checked.valid()) {
      WebViolation first = checked.violations().get(0);
      LOG.info("Web form refused: 400 {}", first.code());
      refusals.refuse(ENDPOINT, 400, TipApi.reasonOf(first.code()), first.code().name(), first.field(), body);
      return again(response, callback, 400, form, problems(form, checked.violations()), null, submissionId);
    }
    TipSubmissions.Outcome outcome = submissions.submit(checked.submission(), body, CONTENT_TYPE);
    if (outcome instanceof TipSubmissions.Outcome.Stored stored) {
      return HtmlPages.send(response, callback, 200, confirmation(Receipts.of(stored.tipId())));
    }
    if (outcome instanceof TipSubmissions.Outcome.Reused reused) {
      LOG.info("Web form refused: 409 SUBMISSION_ID_REUSED");
      refusals.refuse(ENDPOINT, 409, ReasonCode.VALIDATION_FAILED, "SUBMISSION_ID_REUSED", "submissionId", body);
      return again(response, callback, 409, form, List.of(), "You already sent this form once, with receipt number "
          + Receipts.of(reused.earlierTipId()) + ". What you changed has not been sent. To send it as a new report, "
          + "press Send report again.", newSubmissionId());
    }
    LOG.info("Web form refused: 503 NOT_STORED");
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return again(response, callback, 503, form, List.of(), "Your report could not be stored just now, so it has "
        + "NOT been sent. Please wait a minute and press Send report again. If a child is in danger right now, "
        + "call 911.", submissionId);
  }

  private boolean again(Response response, Callback callback, int status, DecodedForm form, List<TipFormPage.Problem>
      problems, String notice, String submissionId) {
    String id = submissionId == null || submissionId.isBlank() || submissionId.length() > 64 ? newSubmissionId()
        : submissionId;
    return HtmlPages.send(response, callback, status, page.render(new TipFormPage.View(form, problems, notice, id)));
  }

  private static List<TipFormPage.Problem> problems(DecodedForm form, List<WebViolation> violations) {
    List<TipFormPage.Problem> problems = new ArrayList<>();
    for (WebViolation violation : violations) {
      FormSpot spot = form.locate(violation.field());
      String message = spot.line() > 0 ? "Line " + spot.line() + ": " + violation.message() : violation.message();
      problems.add(new TipFormPage.Problem(spot.field(), message));
    }
    return problems;
  }

  private static String confirmation(String receipt) {
    return HtmlPages.page("Report sent: " + receipt, """
        <h1>Thank you. Your report has been sent.</h1>
        <div class="receipt">
        <p>Your receipt number is</p>
        <p class="receipt-number"><strong>%s</strong></p>
        </div>
        <p>Write it down or take a note of it somewhere safe. If you learn more later, send a new report and
        mention this number. The number does not show your report to anyone who has it.</p>
        <h2>What happens next</h2>
        <p>Your report is stored and passed on to the police agency responsible for where it happened, or to a
        team that works out which agency that is. The police decide what to do. They may not contact you, and
        you will not get updates through this site.</p>
        <p><strong>If a child is in danger right now, call 911.</strong></p>
        <p>On a shared phone or computer, close this page when you are done.</p>
        <p><a href="/">Make another report</a></p>
        """.formatted(escape(receipt)));
  }

  private static String waitingTime(long seconds) {
    return seconds < 90 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
  }

  private String newSubmissionId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return "form-" + HexFormat.of().formatHex(bytes);
  }

  private static boolean isForm(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
    String charset = MimeTypes.getCharsetFromContentType(contentType);
    return mime.equals(WebSubmissionParser.FORM) && (charset == null || charset.equalsIgnoreCase("utf-8"));
  }
}
