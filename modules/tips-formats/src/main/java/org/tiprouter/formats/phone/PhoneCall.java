package org.tiprouter.formats.phone;

import java.util.List;
import java.util.Objects;
import org.tiprouter.formats.web.WebSubmission;

/**
 * One hotline call as the phone contract describes it, after {@link PhoneCallParser} checked it:
 * what the caller reported (the web contract's fields, checked by the web rules) plus the facts of
 * the call. Values are as the source gave them; {@link PhoneTipMapper} normalises them.
 *
 * @param kind which of the three phone payloads it came from
 * @param callId the call's id, unique per call (a Twilio CallSid for the webhook), 1..64 visible ASCII characters
 * @param submission what was reported, in the web contract's terms
 * @param callerNumber the caller's number as dialled or as the ANI gave it; null when unknown
 * @param callerAnonymous whether the caller asked to stay anonymous (call sheets); null when not said
 * @param callStartedAt when the call started, ISO-8601 with offset as given; null only for the webhook
 * @param callEndedAt when the call ended, ISO-8601 with offset as given; null when not given
 * @param callTaker the operator's id; null when not given
 * @param callbackConsent whether the caller agreed to be called back; null when not said
 * @param twilio what the telephony provider said about the call; null unless {@code kind} is TWILIO
 */
public record PhoneCall(Kind kind, String callId, WebSubmission submission, String callerNumber,
    Boolean callerAnonymous, String callStartedAt, String callEndedAt, String callTaker, Boolean callbackConsent,
    TwilioCall twilio) {

  /** The three payload kinds of the phone channel. */
  public enum Kind {
    /** {@code POST /api/v1/phone/calls}: web JSON plus a {@code call} object. */
    CALL_TAKER,
    /** One row of a call-sheet CSV ({@code tiprouter import phone}). */
    CALL_SHEET,
    /** A Twilio transcription callback ({@code POST /phone/twilio/transcription}). */
    TWILIO
  }

  public PhoneCall {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(submission, "submission");
  }

  /**
   * A Twilio transcription callback's facts.
   *
   * @param from the caller's number (Twilio's {@code From}), may be null or "anonymous"
   * @param fromCity Twilio's place of the caller's number: city, state, ZIP, country; each may be null
   * @param transcriptionStatus {@code completed} or {@code failed} as Twilio sent it; null when absent
   * @param transcribed true when a non-blank transcription text arrived with status completed
   * @param recordingSid the recording's id at Twilio; null when absent
   * @param recordingUrl where the recording can be fetched; null when absent
   * @param parameters every form parameter as sent, in order (the rest goes to the remainder)
   */
  public record TwilioCall(String from, String fromCity, String fromState, String fromZip, String fromCountry,
      String transcriptionStatus, boolean transcribed, String recordingSid, String recordingUrl,
      List<FormParameter> parameters) {

    public TwilioCall {
      parameters = List.copyOf(parameters);
    }
  }

  /** One name/value pair of a form body, decoded. */
  public record FormParameter(String name, String value) {
    public FormParameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }
}
