package org.tiprouter.formats.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Incident;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.formats.canonical.PhoneNumbers;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;
import org.tiprouter.formats.phone.PhoneCall.TwilioCall;
import org.tiprouter.formats.web.WebTipMapper;

/**
 * Maps a checked {@link PhoneCall} to the content of the canonical {@link Tip}. What the caller
 * reported is mapped by {@link WebTipMapper} (incident, incident location, people, identifiers,
 * urgency); on top of it this adds the call: its id ({@code ExternalId} {@value #CALL_ID}), the
 * caller's number (a {@code PHONE} identifier of the reporter, E.164), where the caller probably
 * is ({@code CALLER} locations from the area code and the provider's FromCity/FromState/FromZip,
 * never mixed with the incident's), the callback consent, a Twilio recording as an attachment
 * reference, and every other fact of the call in {@code incident.remainder}
 * ({@code call.callTaker}, {@code csv.call_started_at}, {@code twilio.RecordingUrl}). The caller
 * (normalise) sets the envelope: tip id, channel, times, provenance, audit head.
 */
public final class PhoneTipMapper {

  /** {@code ExternalId.kind} of a call id (a Twilio CallSid too). */
  public static final String CALL_ID = "CALL_ID";

  private final WebTipMapper web = new WebTipMapper();

  /** Fills the content fields of {@code tip} from {@code call}; returns {@code tip}. */
  public Tip.Builder fill(Tip.Builder tip, PhoneCall call) {
    web.fill(tip, call.submission());
    String prefix = switch (call.kind()) {
      case CALL_TAKER -> "call.";
      case CALL_SHEET -> "csv.";
      case TWILIO -> "twilio.";
    };
    List<RemainderFact> remainder = new ArrayList<>(tip.getIncident().getRemainder());
    List<Location> locations = new ArrayList<>(tip.getLocations());
    List<Identifier> identifiers = new ArrayList<>(tip.getIdentifiers());
    List<ExternalId> externalIds = new ArrayList<>(tip.getExternalIds());
    externalIds.add(ExternalId.newBuilder().setKind(CALL_ID).setValue(call.callId()).build());

    String numberField = switch (call.kind()) {
      case CALL_TAKER -> "call.callerNumber";
      case CALL_SHEET -> "csv.caller_number";
      case TWILIO -> "twilio.From";
    };
    Optional<String> e164 = call.callerNumber() == null ? Optional.empty() : PhoneNumbers.e164(call.callerNumber());
    if (e164.isPresent()) {
      identifiers.add(Identifier.newBuilder()
          .setKind(IdentifierKind.PHONE)
          .setValue(e164.get())
          .setOriginal(call.callerNumber())
          .setSubjectRole(SubjectRole.REPORTER)
          .setSource(numberField)
          .build());
    }
    if (call.twilio() != null) {
      TwilioCall twilio = call.twilio();
      CallerPlaces.ofProvider(twilio.fromCity(), twilio.fromState(), twilio.fromZip(), twilio.fromCountry(), prefix)
          .ifPresent(locations::add);
    }
    e164.flatMap(number -> CallerPlaces.ofNumber(number, numberField)).ifPresent(locations::add);

    switch (call.kind()) {
      case CALL_TAKER -> {
        fact(remainder, "call.callStartedAt", call.callStartedAt());
        fact(remainder, "call.callEndedAt", call.callEndedAt());
        fact(remainder, "call.callTaker", call.callTaker());
        if (e164.isEmpty()) {
          fact(remainder, "call.callerNumber", call.callerNumber());
        }
      }
      case CALL_SHEET -> {
        fact(remainder, "csv.call_started_at", call.callStartedAt());
        fact(remainder, "csv.call_taker", call.callTaker());
        if (e164.isEmpty()) {
          fact(remainder, "csv.caller_number", call.callerNumber());
        }
      }
      case TWILIO -> {
        for (FormParameter parameter : call.twilio().parameters()) {
          boolean narrative = parameter.name().equals("TranscriptionText") && call.twilio().transcribed();
          if (!narrative && !parameter.value().isEmpty()) {
            fact(remainder, "twilio." + parameter.name(), parameter.value());
          }
        }
      }
    }

    Incident incident = Incident.newBuilder(tip.getIncident()).setRemainder(remainder).build();
    return tip
        .setExternalIds(externalIds)
        .setIncident(incident)
        .setLocations(locations)
        .setIdentifiers(identifiers)
        .setReporter(reporter(tip.getReporter(), call, e164.orElse(null)))
        .setAttachments(attachments(tip.getAttachments(), call));
  }

  /**
   * The reporter is the caller. An anonymous caller's number stays an identifier (the call
   * centre's ANI) but is not written as the reporter's contact.
   */
  private static Reporter reporter(Reporter given, PhoneCall call, String e164) {
    if (given == null) {
      boolean anonymous = Boolean.TRUE.equals(call.callerAnonymous());
      return Reporter.newBuilder()
          .setKind(anonymous ? ReporterKind.ANONYMOUS : ReporterKind.PUBLIC)
          .setAnonymous(anonymous)
          .setPhone(anonymous ? null : e164)
          .setCallbackConsent(call.callbackConsent())
          .build();
    }
    Reporter.Builder reporter = Reporter.newBuilder(given);
    if (call.callbackConsent() != null) {
      reporter.setCallbackConsent(call.callbackConsent());
    }
    if (given.getPhone() == null && !given.getAnonymous() && e164 != null) {
      reporter.setPhone(e164);
    }
    return reporter.build();
  }

  private static List<AttachmentRef> attachments(List<AttachmentRef> given, PhoneCall call) {
    if (call.twilio() == null || call.twilio().recordingSid() == null) {
      return given;
    }
    List<AttachmentRef> attachments = new ArrayList<>(given);
    attachments.add(AttachmentRef.newBuilder()
        .setFileId(call.twilio().recordingSid())
        .setFileName(null)
        .build());
    return attachments;
  }

  private static void fact(List<RemainderFact> remainder, String path, String value) {
    if (value != null) {
      remainder.add(RemainderFact.newBuilder().setPath(path).setValue(value).build());
    }
  }
}
