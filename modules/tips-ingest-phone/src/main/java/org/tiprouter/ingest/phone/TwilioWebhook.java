package org.tiprouter.ingest.phone;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.IntakeRefusals;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.phone.FormBodies;
import org.tiprouter.formats.phone.PhoneCall;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.formats.phone.PhoneCodes;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.Responses;

/**
 * The Twilio-compatible voice webhook. {@code POST /phone/twilio/voice} answers TwiML that tells
 * the caller to hang up and call 911 if a child is in immediate danger, then records their message
 * with transcription; {@code POST /phone/twilio/transcription} stores the transcription callback as
 * a phone tip with call id = {@code CallSid} (a failed transcription too: its tip points to the
 * recording). Every request must carry a valid {@code X-Twilio-Signature} ({@link TwilioSignature})
 * over the URL Twilio used (the configured public base URL plus the path and query, or the URL as
 * received); otherwise 403 and nothing is written but a dead letter.
 *
 * <p>Every refusal is a dead letter (endpoint {@code twilio-voice} or {@code twilio-transcription}):
 * 400, 413, 415 as for the call-taker API; 403 with reason {@code NOT_AUTHENTIC} and <em>no</em>
 * bytes (forged or misconfigured input is not kept for a year; the dead letter has a bounded size
 * whatever was sent, only the body length and a well-formed {@code CallSid} to find a genuine call
 * in the Twilio console); a transcription whose {@code CallSid} was stored with other content is
 * answered 200 (Twilio can do nothing else with it) and dead-lettered with its bytes.
 */
final class TwilioWebhook {

  static final String VOICE_PATH = "/phone/twilio/voice";
  static final String TRANSCRIPTION_PATH = "/phone/twilio/transcription";
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";
  static final String TWIML = "text/xml; charset=utf-8";
  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhook.class);
  /** Twilio's call ids: {@code CA} and 32 hex digits; anything else is not repeated in a dead letter. */
  private static final Pattern CALL_SID = Pattern.compile("CA[0-9a-fA-F]{32}");

  private final TwilioSignature signature;
  private final Optional<String> publicBaseUrl;
  private final PhoneCallParser parser;
  private final CallRecorder recorder;
  private final IntakeRefusals refusals;
  private final int maxBodyBytes;
  private final int recordingMaxSeconds;

  TwilioWebhook(TwilioSignature signature, Optional<String> publicBaseUrl, PhoneCallParser parser,
      CallRecorder recorder, IntakeRefusals refusals, int maxBodyBytes, int recordingMaxSeconds) {
    this.signature = signature;
    this.publicBaseUrl = publicBaseUrl;
    this.parser = parser;
    this.recorder = recorder;
    this.refusals = refusals;
    this.maxBodyBytes = maxBodyBytes;
    this.recordingMaxSeconds = recordingMaxSeconds;
  }

  boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    boolean voice = path.equals(VOICE_PATH);
    if (!voice && !path.equals(TRANSCRIPTION_PATH)) {
      return plain(response, callback, 404, "There is nothing here.");
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return plain(response, callback, 405, "Use POST.");
    }
    String endpoint = voice ? "twilio-voice" : "twilio-transcription";
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (!isForm(contentType)) {
      LOG.info("Twilio request to {} refused: 415", path);
      RequestBodies.discard(request, response);
      refusals.refuseMediaType(endpoint, PhoneCodes.UNSUPPORTED_MEDIA_TYPE, contentType);
      return plain(response, callback, 415, "Send application/x-www-form-urlencoded.");
    }
    Optional<byte[]> read;
    try {
      read = RequestBodies.readAtMost(request, response, maxBodyBytes);
    } catch (IOException e) {
      refusals.refuse(endpoint, 400, ReasonCode.PARSE_REJECTED, "UNREADABLE_BODY", null, null);
      return plain(response, callback, 400, "The request body could not be read.");
    }
    if (read.isEmpty()) {
      LOG.info("Twilio request to {} refused: 413", path);
      refusals.refuseOversized(endpoint, "PAYLOAD_TOO_LARGE", request.getLength(), maxBodyBytes);
      return plain(response, callback, 413, "The request body is too large.");
    }
    byte[] body = read.get();
    Optional<List<FormParameter>> parameters = FormBodies.decode(body);
    String signed = signedUrl(request);
    String given = request.getHeaders().get(SIGNATURE_HEADER);
    if (parameters.isEmpty() || !signature.isValid(signed, parameters.get(), given)) {
      String code = given == null ? "SIGNATURE_MISSING" : "SIGNATURE_INVALID";
      LOG.warn("Twilio request to {} refused: 403 {}", path, code);
      refusals.refuse(endpoint, 403, ReasonCode.NOT_AUTHENTIC, code, null, null,
          unauthenticatedFacts(body, parameters));
      return plain(response, callback, 403, "Invalid signature.");
    }
    return voice ? answerCall(response, callback, baseOf(request)) : transcription(body, response, callback);
  }

  /** The length of what was sent and, when well-formed, the call id (to look the call up at Twilio). */
  private static Map<String, String> unauthenticatedFacts(byte[] body, Optional<List<FormParameter>> parameters) {
    Optional<String> callSid = parameters.stream().flatMap(List::stream)
        .filter(parameter -> parameter.name().equals("CallSid")).map(FormParameter::value)
        .filter(value -> CALL_SID.matcher(value).matches()).findFirst();
    return callSid.isPresent() ? Map.of("bodyBytes", Integer.toString(body.length), "callSid", callSid.get())
        : Map.of("bodyBytes", Integer.toString(body.length));
  }

  private boolean answerCall(Response response, Callback callback, String base) {
    String twiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<Response>\n"
        + "  <Say>You have reached the child safety tip line. If a child is in immediate danger, hang up now and "
        + "call 9 1 1.</Say>\n"
        + "  <Say>Otherwise, after the tone, tell us what happened, where and when, and who was involved. "
        + "Press the pound key or hang up when you are done.</Say>\n"
        + "  <Record maxLength=\"" + recordingMaxSeconds + "\" finishOnKey=\"#\" playBeep=\"true\" transcribe=\"true\" "
        + "transcribeCallback=\"" + xmlAttribute(base + TRANSCRIPTION_PATH) + "\"/>\n"
        + "  <Say>Thank you. Your message was recorded.</Say>\n"
        + "</Response>\n";
    return Responses.send(response, callback, 200, TWIML, twiml);
  }

  private boolean transcription(byte[] body, Response response, Callback callback) {
    Parsed<PhoneCall> parsed = parser.parseTwilioTranscription(body);
    if (parsed instanceof Parsed.Rejected<PhoneCall> rejected) {
      LOG.info("Twilio transcription refused: 400 {}", rejected.code());
      ReasonCode reason = PhoneCodes.FORM_MALFORMED.equals(rejected.code()) ? ReasonCode.PARSE_REJECTED
          : ReasonCode.VALIDATION_FAILED;
      refusals.refuse("twilio-transcription", 400, reason, rejected.code(), rejected.field(), body);
      return plain(response, callback, 400, rejected.detail());
    }
    PhoneCall call = ((Parsed.Accepted<PhoneCall>) parsed).value();
    CallRecorder.Outcome outcome = recorder.record(call.callId(), body, PhoneCallParser.FORM, CallTakerApi.SOURCE,
        Map.of("webhook", "twilio-transcription"));
    if (outcome instanceof CallRecorder.Outcome.Stored stored) {
      if (stored.repeat()) {
        LOG.info("Twilio transcription of tip {} sent again: nothing written", stored.tipId());
      }
      return Responses.send(response, callback, 200, TWIML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }
    if (outcome instanceof CallRecorder.Outcome.Reused reused) {
      LOG.warn("Twilio transcription for the call of tip {} differs from the one stored: not written (CALL_ID_REUSED)",
          reused.earlierTipId());
      refusals.refuse("twilio-transcription", 200, ReasonCode.VALIDATION_FAILED, "CALL_ID_REUSED", "CallSid", body);
      return Responses.send(response, callback, 200, TWIML, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    return plain(response, callback, 503, "Not stored; try again.");
  }

  /** The URL Twilio signed: the public base URL plus path and query, or the URL as received. */
  private String signedUrl(Request request) {
    HttpURI uri = request.getHttpURI();
    return publicBaseUrl.map(base -> base + uri.getPathQuery()).orElseGet(uri::asString);
  }

  private String baseOf(Request request) {
    HttpURI uri = request.getHttpURI();
    return publicBaseUrl.orElseGet(() -> uri.getScheme() + "://" + uri.getAuthority());
  }

  private static String xmlAttribute(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static boolean isForm(String contentType) {
    return contentType != null && MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT)
        .equals(PhoneCallParser.FORM);
  }

  private static boolean plain(Response response, Callback callback, int status, String message) {
    return Responses.send(response, callback, status, "text/plain; charset=utf-8", message);
  }
}
