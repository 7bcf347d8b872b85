package org.tiprouter.formats.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.formats.Parsed;

class WebTipMapperTest {

  private final WebSubmissionParser parser =
      new WebSubmissionParser(Clock.fixed(WebSubmissionParserTest.NOW, ZoneOffset.UTC));
  private final WebTipMapper mapper = new WebTipMapper();

  private Tip map(byte[] json) {
    WebSubmission submission = ((Parsed.Accepted<WebSubmission>) parser.parseJson(json)).value();
    Tip.Builder envelope = Tip.newBuilder()
        .setTipId(UUID.fromString("0b8a6f52-5d7e-4c1e-9c55-1f0f3a1e2b01"))
        .setChannel(Channel.WEB)
        .setReceivedAt(Instant.parse("2025-06-01T12:00:00Z"))
        .setNormalisedAt(Instant.parse("2025-06-01T12:00:01Z"))
        .setProvenance(Provenance.newBuilder().setRawTopic("tips.raw.web.v1").setRawPartition(0).setRawOffset(7)
            .setPayloadSha256("0".repeat(64)).setContentType("application/json").setSource("ingest-web").build());
    return mapper.fill(envelope, submission).build();
  }

  private Tip map(String json) {
    return map(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mapsEveryFieldIntoTheCanonicalTip() throws IOException {
    Tip tip = map(WebSubmissionParserTest.fixture("full-submission.json"));

    assertThat(tip.getExternalIds()).extracting(id -> id.getKind(), id -> id.getValue())
        .containsExactly(tuple("SUBMISSION_ID", "form-2025.03.14_0001"));
    assertThat(tip.getIncident().getTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION);
    assertThat(tip.getIncident().getOccurredAt()).isEqualTo(Instant.parse("2025-03-14T20:30:00Z"));
    assertThat(tip.getIncident().getNarrative()).startsWith("A man calling himself Coach Ray");

    Location incident = tip.getLocations().get(0);
    assertThat(incident.getRole()).isEqualTo(LocationRole.INCIDENT);
    assertThat(incident.getPrecision()).isEqualTo(LocationPrecision.COORDINATES);
    assertThat(incident.getSubjectIndex()).isNull();
    assertThat(incident.getStreet()).isEqualTo("100 Example Park Rd");
    assertThat(incident.getState()).isEqualTo("TN");
    assertThat(incident.getZip()).isEqualTo("37902");
    assertThat(incident.getCountry()).isEqualTo("US");
    assertThat(incident.getLatitude()).isEqualTo(35.9606);
    assertThat(incident.getSource()).isEqualTo("location");
    assertThat(tip.getLocations()).extracting(Location::getRole, Location::getSubjectIndex, Location::getPrecision,
        Location::getSource).containsExactly(
            tuple(LocationRole.INCIDENT, null, LocationPrecision.COORDINATES, "location"),
            tuple(LocationRole.SUSPECT, 0, LocationPrecision.CITY, "suspects[0].address"),
            tuple(LocationRole.VICTIM, 0, LocationPrecision.ZIP, "victims[0].address"));

    assertThat(tip.getSuspects()).extracting(p -> p.getName(), p -> p.getAge()).containsExactly(tuple("Ray Example", 41));
    assertThat(tip.getVictims()).extracting(p -> p.getName(), p -> p.getAge()).containsExactly(tuple("Jamie Example", 12));
    assertThat(tip.getIdentifiers()).extracting(Identifier::getKind, Identifier::getValue, Identifier::getOriginal,
        Identifier::getService, Identifier::getSubjectRole, Identifier::getSubjectIndex, Identifier::getSource)
        .containsExactly(
            tuple(IdentifierKind.EMAIL, "coach.ray@example.com", "  Coach.Ray@Example.COM ", null, SubjectRole.SUSPECT, 0,
                "suspects[0].emails[0]"),
            tuple(IdentifierKind.PHONE, "+18655550142", "(865) 555-0142", null, SubjectRole.SUSPECT, 0,
                "suspects[0].phones[0]"),
            tuple(IdentifierKind.PHONE, "+442079460958", "+44 20 7946 0958", null, SubjectRole.SUSPECT, 0,
                "suspects[0].phones[1]"),
            tuple(IdentifierKind.PHONE, "+18655550199", "865 555 0199", null, SubjectRole.SUSPECT, 0,
                "suspects[0].phones[2]"),
            tuple(IdentifierKind.USERNAME, "coachray_demo", "@coachray_demo", "Discord", SubjectRole.SUSPECT, 0,
                "suspects[0].usernames[0]"),
            tuple(IdentifierKind.USERNAME, "rayray_demo", "rayray_demo", null, SubjectRole.SUSPECT, 0,
                "suspects[0].usernames[1]"),
            tuple(IdentifierKind.URL, "https://example.com/Profile/RayDemo?x=1",
                "HTTPS://Example.COM:443/Profile/RayDemo?x=1", null, SubjectRole.SUSPECT, 0, "suspects[0].urls[0]"));

    assertThat(tip.getReporter().getKind()).isEqualTo(ReporterKind.PARENT);
    assertThat(tip.getReporter().getAnonymous()).isFalse();
    assertThat(tip.getReporter().getName()).isEqualTo("Alex Example");
    assertThat(tip.getReporter().getEmail()).isEqualTo("alex@example.org");
    assertThat(tip.getReporter().getPhone()).isEqualTo("+18655550100");
    assertThat(tip.getUrgency().getChildInImmediateDanger()).isTrue();
    assertThat(tip.getUrgency().getReason()).isEqualTo(WebTipMapper.DANGER_REASON);

    assertThat(tip.getIncident().getRemainder()).extracting(RemainderFact::getPath, RemainderFact::getValue)
        .containsExactly(
            tuple("location.zip", "37902-1234"),
            tuple("occurredAt", "2025-03-14T16:30:00-04:00"),
            tuple("reporter.email", "Alex@Example.org"),
            tuple("reporter.phone", "865-555-0100"));
  }

  @Test
  void aDescriptionAloneBecomesATipOfTypeOtherThatIsNotUrgent() {
    Tip tip = map("{\"description\": \"x\"}");

    assertThat(tip.getIncident().getTypes()).containsExactly(IncidentType.OTHER);
    assertThat(tip.getIncident().getOccurredAt()).isNull();
    assertThat(tip.getIncident().getRemainder()).isEmpty();
    assertThat(tip.getExternalIds()).isEmpty();
    assertThat(tip.getLocations()).isEmpty();
    assertThat(tip.getIdentifiers()).isEmpty();
    assertThat(tip.getReporter()).isNull();
    assertThat(tip.getUrgency().getChildInImmediateDanger()).isFalse();
    assertThat(tip.getUrgency().getReason()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"anonymous\": true, \"relationship\": \"EDUCATOR\"}|EDUCATOR|true",
      "{\"relationship\": \"THIRD_PARTY_GROUP\"}|THIRD_PARTY_GROUP|true",
      "{\"name\": \"Alex\"}|PUBLIC|false",
      "{\"anonymous\": false}|PUBLIC|false",
      "{\"anonymous\": true}|ANONYMOUS|true",
      "{\"relationship\": \"OTHER\", \"email\": \"a@example.org\"}|OTHER|false",
      "{\"relationship\": \"PUBLIC\"}|PUBLIC|true",
  })
  void mapsTheReporter(String reporter, ReporterKind kind, boolean anonymous) {
    Tip tip = map("{\"description\": \"x\", \"reporter\": " + reporter + "}");

    assertThat(tip.getReporter().getKind()).isEqualTo(kind);
    assertThat(tip.getReporter().getAnonymous()).isEqualTo(anonymous);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"address\": \"1 Main St\", \"zip\": \"37902\"}|STREET",
      "{\"zip\": \"37902\", \"city\": \"Knoxville\"}|ZIP",
      "{\"city\": \"Knoxville\", \"state\": \"TN\"}|CITY",
      "{\"state\": \"TN\"}|STATE",
      "{\"country\": \"mx\"}|COUNTRY",
  })
  void saysHowPreciseALocationIs(String location, LocationPrecision precision) {
    assertThat(map("{\"description\": \"x\", \"location\": " + location + "}").getLocations())
        .extracting(Location::getPrecision).containsExactly(precision);
  }

  @Test
  void keepsAStateOutsideTheUsAsRegionAndLeavesOutEmptyPlaces() {
    Tip tip = map("{\"description\": \"x\", \"location\": {\"state\": \"on\", \"country\": \"ca\"}, "
        + "\"victims\": [{\"name\": \"Jo\", \"address\": {\"city\": \" \"}}]}");

    assertThat(tip.getLocations()).hasSize(1);
    assertThat(tip.getLocations().get(0).getRegion()).isEqualTo("ON");
    assertThat(tip.getLocations().get(0).getState()).isNull();
    assertThat(tip.getLocations().get(0).getCountry()).isEqualTo("CA");
  }

  @Test
  void isAlreadyInTheFormNormalisesCanonicaliserWrites() throws IOException {
    Tip tip = map(WebSubmissionParserTest.fixture("full-submission.json"));

    Tip canonical = new org.tiprouter.formats.canonical.TipCanonicaliser().canonicalise(tip);

    assertThat(canonical.getLocations()).isEqualTo(tip.getLocations());
    // USERNAME is left out: the canonicaliser (formats.canonical) keeps a leading '@' that the contract
    // (docs/contract.md, Identifiers) says to remove; this mapper follows the contract.
    assertThat(canonical.getIdentifiers()).filteredOn(id -> id.getKind() != IdentifierKind.USERNAME)
        .isEqualTo(tip.getIdentifiers().stream().filter(id -> id.getKind() != IdentifierKind.USERNAME).toList());
  }

  @Test
  void keepsEveryIncidentTypeOnceInTheOrderGiven() {
    assertThat(map("{\"description\": \"x\", \"incidentTypes\": [\"SEXTORTION\", \"OTHER\", \"SEXTORTION\"]}")
        .getIncident().getTypes()).isEqualTo(List.of(IncidentType.SEXTORTION, IncidentType.OTHER));
  }
}
