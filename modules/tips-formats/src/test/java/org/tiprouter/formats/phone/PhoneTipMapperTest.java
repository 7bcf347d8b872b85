package org.tiprouter.formats.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.formats.Parsed;

class PhoneTipMapperTest {

  private final PhoneCallParser parser = new PhoneCallParser(Clock.fixed(PhoneCallParserTest.NOW, ZoneOffset.UTC));
  private final PhoneTipMapper mapper = new PhoneTipMapper();

  private Tip map(byte[] payload, String contentType) {
    PhoneCall call = ((Parsed.Accepted<PhoneCall>) parser.parse(payload, contentType)).value();
    Tip.Builder envelope = Tip.newBuilder()
        .setTipId(UUID.fromString("0b8a6f52-5d7e-4c1e-9c55-1f0f3a1e2b01"))
        .setChannel(Channel.PHONE)
        .setReceivedAt(Instant.parse("2025-06-01T12:00:00Z"))
        .setNormalisedAt(Instant.parse("2025-06-01T12:00:01Z"))
        .setProvenance(Provenance.newBuilder().setRawTopic("tips.raw.phone.v1").setRawPartition(0).setRawOffset(7)
            .setPayloadSha256("0".repeat(64)).setContentType(contentType).setSource("ingest-phone").build());
    return mapper.fill(envelope, call).build();
  }

  private static Location only(Tip tip, LocationRole role) {
    return tip.getLocations().stream().filter(l -> l.getRole() == role).findFirst().orElseThrow();
  }

  @Test
  void mapsACallTakerEntryOnTopOfTheWebMapping() throws IOException {
    Tip tip = map(PhoneCallParserTest.fixture("call.json"), "application/json");

    assertThat(tip.getExternalIds()).extracting(id -> id.getKind(), id -> id.getValue())
        .containsExactly(tuple("CALL_ID", "KX-2025-03-14-0042"));
    assertThat(tip.getIncident().getNarrative()).startsWith("Caller says a man at the skate park");
    assertThat(only(tip, LocationRole.INCIDENT).getStreet()).isEqualTo("1500 Cumberland Ave");
    Location caller = only(tip, LocationRole.CALLER);
    assertThat(caller.getPrecision()).isEqualTo(LocationPrecision.AREA_CODE);
    assertThat(caller.getState()).isEqualTo("TN");
    assertThat(caller.getSource()).isEqualTo("call.callerNumber");
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getSubjectRole() == SubjectRole.REPORTER)
        .extracting(Identifier::getKind, Identifier::getValue, Identifier::getOriginal)
        .containsExactly(tuple(IdentifierKind.PHONE, "+18655550142", "(865) 555-0142"));
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getSubjectRole() == SubjectRole.SUSPECT)
        .extracting(Identifier::getValue).contains("+18655550199", "coachray");
    assertThat(tip.getReporter().getKind()).isEqualTo(ReporterKind.PARENT);
    assertThat(tip.getReporter().getCallbackConsent()).isTrue();
    assertThat(tip.getReporter().getPhone()).isEqualTo("+18655550142");
    assertThat(tip.getIncident().getRemainder()).extracting(RemainderFact::getPath, RemainderFact::getValue)
        .contains(tuple("call.callStartedAt", "2025-03-14T18:02:11-04:00"), tuple("call.callTaker", "op-117"),
            tuple("call.callEndedAt", "2025-03-14T18:09:40-04:00"));
  }

  @Test
  void keepsAnAnonymousCallersNumberOutOfTheReporter() {
    String row = PhoneCallParserTest.ROW.replace("(865) 555-0142,false", "(865) 555-0142,true");
    Tip tip = map(row.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");

    assertThat(tip.getReporter().getAnonymous()).isTrue();
    assertThat(tip.getReporter().getKind()).isEqualTo(ReporterKind.ANONYMOUS);
    assertThat(tip.getReporter().getPhone()).isNull();
    assertThat(tip.getIdentifiers()).extracting(Identifier::getSource).contains("csv.caller_number");
    assertThat(tip.getIncident().getRemainder()).extracting(RemainderFact::getPath)
        .contains("csv.call_started_at", "csv.call_taker", "location.zip");
    assertThat(tip.getUrgency().getChildInImmediateDanger()).isTrue();
  }

  @Test
  void mapsATwilioTranscriptionWithTheCallersPlaceAndTheRecording() {
    byte[] body = ("CallSid=CA42&TranscriptionStatus=failed&RecordingSid=RE42"
        + "&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Frec%2FRE42&From=%2B18655550142&To=%2B18005550100"
        + "&FromCity=KNOXVILLE&FromState=TN&FromZip=37902&FromCountry=US").getBytes(StandardCharsets.UTF_8);
    Tip tip = map(body, "application/x-www-form-urlencoded");

    assertThat(tip.getExternalIds()).extracting(id -> id.getValue()).containsExactly("CA42");
    assertThat(tip.getIncident().getNarrative()).contains("https://api.twilio.com/rec/RE42");
    assertThat(tip.getLocations()).extracting(Location::getRole, Location::getPrecision, Location::getSource)
        .containsExactly(tuple(LocationRole.CALLER, LocationPrecision.ZIP, "twilio.FromZip"),
            tuple(LocationRole.CALLER, LocationPrecision.AREA_CODE, "twilio.From"));
    assertThat(tip.getLocations().get(0).getZip()).isEqualTo("37902");
    assertThat(tip.getAttachments()).extracting(a -> a.getFileId()).containsExactly("RE42");
    assertThat(tip.getIncident().getRemainder()).extracting(RemainderFact::getPath)
        .contains("twilio.To", "twilio.RecordingUrl", "twilio.TranscriptionStatus");
  }
}
