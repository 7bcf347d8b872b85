package org.tiprouter.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.JurisdictionCandidate;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

class ClassifyTopologyTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:01.125Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:30:00.900Z");
  private static final String DEFAULT_AGENCY = "fallback-desk";
  private static final UUID TIP_ID = ContractFixtures.TIP_ID;

  private final TopicNames topics = TopicNames.defaults();
  private final ContractSerdes serdes = ContractSerdes.registryFree();

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> tips;
  private TestOutputTopic<String, ClassifiedTip> classified;
  private TestOutputTopic<String, AuditEvent> audit;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestInputTopic<String, byte[]> agencies;

  @BeforeEach
  void startDriver() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, Stage.CLASSIFY.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new ClassifyTopology(topics, DEFAULT_AGENCY, serdes, clock,
        TestDirectories.reference()).build(), properties);
    tips = driver.createInputTopic(topics.normalised(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    classified = driver.createOutputTopic(topics.classified(), Serdes.String().deserializer(),
        serdes.value(ClassifiedTip.class).deserializer());
    audit = driver.createOutputTopic(topics.audit(), Serdes.String().deserializer(),
        serdes.value(AuditEvent.class).deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(Stage.CLASSIFY), Serdes.String().deserializer(),
        serdes.value(DeadLetter.class).deserializer());
    agencies = driver.createInputTopic(topics.agencies(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void triagesEveryTipToTheFallbackAgencyWhileNoDirectoryIsLoaded() {
    Tip tip = ContractFixtures.tip();
    pipe(TIP_ID.toString(), encode(tip));

    TestRecord<String, ClassifiedTip> record = classified.readRecord();
    assertThat(record.key()).isEqualTo(TIP_ID.toString());
    assertThat(record.value().getTip()).isEqualTo(tip);
    JurisdictionDecision decision = record.value().getDecision();
    assertThat(decision.getPrimaryAgencyId()).isEqualTo(DEFAULT_AGENCY);
    assertThat(decision.getAssignments()).hasSize(1);
    AgencyAssignment assignment = decision.getAssignments().get(0);
    assertThat(assignment.getAgencyId()).isEqualTo(DEFAULT_AGENCY);
    assertThat(assignment.getRole()).isEqualTo(AgencyRole.PRIMARY);
    assertThat(assignment.getReason()).isEqualTo("triage: NO_DIRECTORY");
    assertThat(decision.getReasons()).containsExactly("no agency directory loaded -> fallback-desk (fallback triage agency)");
    assertThat(decision.getTriageReason()).isEqualTo("NO_DIRECTORY");
    assertThat(decision.getDirectoryVersion()).isNull();
    assertThat(decision.getDecidedAt()).isEqualTo(NOW);
    assertThat(classified.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void routesByJurisdictionOnceTheDirectoryIsOnItsTopic() {
    loadDirectory(TestDirectories.testDirectory().toRecords());
    pipe(TIP_ID.toString(), encode(tipAtZip("37902")));

    JurisdictionDecision decision = classified.readValue().getDecision();
    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getAssignments()).extracting(AgencyAssignment::getAgencyId).containsExactly("knoxville-pd", "tn-icac");
    assertThat(decision.getReasons()).contains("incident ZIP 37902 -> county 47093 (Knox, TN) -> knoxville-pd (zip area)");
    assertThat(decision.getDirectoryVersion()).isEqualTo(TestDirectories.testDirectory().version());
    assertThat(audit.readValue().getDetail()).isEqualTo("primary knoxville-pd");
  }

  @Test
  void appliesADirectoryChangeToTheNextTipWithoutARestart() {
    List<Agency> records = TestDirectories.testDirectory().toRecords();
    loadDirectory(records);
    pipe(TIP_ID.toString(), encode(tipAtZip("37902")));
    Agency knoxville = records.stream().filter(a -> a.getAgencyId().equals("knoxville-pd")).findFirst().orElseThrow();
    Agency withoutZips = Agency.newBuilder(knoxville).setAreas(knoxville.getAreas().subList(1, 2))
        .setDirectoryVersion("8+sha256:0123456789abcdef").build();
    agencies.pipeInput(knoxville.getAgencyId(), serdes.value(Agency.class).serializer().serialize(null, withoutZips));
    pipe(ContractFixtures.EARLIER_TIP_ID.toString(), encode(Tip.newBuilder(tipAtZip("37902"))
        .setTipId(ContractFixtures.EARLIER_TIP_ID).build()));

    List<JurisdictionDecision> decisions = classified.readValuesToList().stream().map(ClassifiedTip::getDecision).toList();
    assertThat(decisions).extracting(JurisdictionDecision::getPrimaryAgencyId).containsExactly("knoxville-pd", "knox-county-so");
    assertThat(decisions.get(1).getDirectoryVersion()).contains("8+sha256:0123456789abcdef");
  }

  @Test
  void forgetsAnAgencyWhoseRecordIsTombstoned() {
    loadDirectory(TestDirectories.testDirectory().toRecords());
    agencies.pipeInput("knoxville-pd", (byte[]) null);
    pipe(TIP_ID.toString(), encode(tipAtZip("37902")));

    JurisdictionDecision decision = classified.readValue().getDecision();
    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knox-county-so");
    assertThat(decision.getCandidates()).extracting(JurisdictionCandidate::getAgencyId).doesNotContain("knoxville-pd");
  }

  @Test
  void triagesToTheDirectorysTriageAgencyWithTheReason() {
    loadDirectory(TestDirectories.testDirectory().toRecords());
    pipe(TIP_ID.toString(), encode(Tip.newBuilder(ContractFixtures.tip()).setLocations(List.of()).setReporter(null).build()));

    JurisdictionDecision decision = classified.readValue().getDecision();
    assertThat(decision.getPrimaryAgencyId()).isEqualTo("national-triage");
    assertThat(decision.getTriageReason()).isEqualTo("NO_LOCATION");
    assertThat(audit.readValue().getDetail()).isEqualTo("primary national-triage triage NO_LOCATION");
  }

  @Test
  void goesBackToTheFallbackAgencyWhenEveryAgencyIsTombstoned() {
    List<Agency> records = TestDirectories.testDirectory().toRecords();
    loadDirectory(records);
    records.forEach(agency -> agencies.pipeInput(agency.getAgencyId(), (byte[]) null));
    pipe(TIP_ID.toString(), encode(tipAtZip("37902")));

    assertThat(classified.readValue().getDecision().getTriageReason()).isEqualTo("NO_DIRECTORY");
  }

  @Test
  void ignoresAnUndecodableOrMisKeyedDirectoryRecordAndKeepsTheRest() {
    loadDirectory(TestDirectories.testDirectory().toRecords());
    agencies.pipeInput("knox-county-so", "garbage".getBytes(StandardCharsets.UTF_8));
    agencies.pipeInput("someone-else", serdes.value(Agency.class).serializer().serialize(null, ContractFixtures.knoxvillePd()));
    pipe(TIP_ID.toString(), encode(tipAtZip("37902")));

    JurisdictionDecision decision = classified.readValue().getDecision();
    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getCandidates()).extracting(JurisdictionCandidate::getAgencyId)
        .doesNotContain("knox-county-so", "someone-else");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void writesOneClassifiedAuditEventContinuingTheChainFromTheTipsAuditHead() {
    Tip tip = ContractFixtures.tip();
    pipe(TIP_ID.toString(), encode(tip));

    ClassifiedTip result = classified.readValue();
    List<TestRecord<String, AuditEvent>> events = audit.readRecordsToList();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).key()).isEqualTo(TIP_ID.toString());
    AuditEvent event = events.get(0).value();
    assertThat(event.getType()).isEqualTo(AuditEventType.CLASSIFIED);
    assertThat(event.getTipId()).isEqualTo(TIP_ID);
    assertThat(event.getStage()).isEqualTo(Stage.CLASSIFY.id());
    assertThat(event.getAgencyId()).isEqualTo(DEFAULT_AGENCY);
    assertThat(event.getDetail()).isEqualTo("primary fallback-desk triage NO_DIRECTORY");
    assertThat(event.getOccurredAt()).isEqualTo(NOW);
    assertThat(event.getPreviousEventHash()).isEqualTo(tip.getAuditHead());
    assertThat(result.getAuditHead()).isEqualTo(AuditTrail.hash(event));
  }

  @Test
  void classifiesEachTipOnItsOwnChain() {
    UUID otherId = ContractFixtures.EARLIER_TIP_ID;
    Tip other = Tip.newBuilder(ContractFixtures.tip()).setTipId(otherId)
        .setAuditHead(ContractFixtures.sha256("NORMALISED other".getBytes(StandardCharsets.UTF_8))).build();
    pipe(TIP_ID.toString(), encode(ContractFixtures.tip()));
    pipe(otherId.toString(), encode(other));

    List<TestRecord<String, ClassifiedTip>> results = classified.readRecordsToList();
    assertThat(results).extracting(TestRecord::key).containsExactly(TIP_ID.toString(), otherId.toString());
    List<AuditEvent> events = audit.readValuesToList();
    assertThat(events).extracting(AuditEvent::getTipId).containsExactly(TIP_ID, otherId);
    assertThat(events.get(1).getPreviousEventHash()).isEqualTo(other.getAuditHead());
    assertThat(results.get(1).value().getAuditHead()).isEqualTo(AuditTrail.hash(events.get(1)));
  }

  @Test
  void deadLettersGarbageBytesAsUndeserialisableWithOriginalBytesAndSource() {
    byte[] garbage = "{\"tipId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);
    pipe(TIP_ID.toString(), garbage);

    TestRecord<String, DeadLetter> record = deadLetters.readRecord();
    assertThat(record.key()).isEqualTo(TIP_ID.toString());
    DeadLetter letter = record.value();
    assertThat(letter.getStage()).isEqualTo(Stage.CLASSIFY.id());
    assertThat(letter.getReasonCode()).isEqualTo("UNDESERIALISABLE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.normalised());
    assertThat(letter.getSourcePartition()).isEqualTo(0);
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(RECORD_TIME);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(TIP_ID.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
    assertThat(classified.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersTombstoneAsNullValue() {
    pipe(TIP_ID.toString(), null);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo(Stage.CLASSIFY.id());
    assertThat(letter.getReasonCode()).isEqualTo("NULL_VALUE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.normalised());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(TIP_ID.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(classified.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void keepsClassifyingAfterEachBadRecord() {
    UUID afterTombstone = ContractFixtures.EARLIER_TIP_ID;
    pipe(TIP_ID.toString(), new byte[] {(byte) 0xff, 0x00, (byte) 0xff});
    pipe(TIP_ID.toString(), encode(ContractFixtures.tip()));
    pipe(afterTombstone.toString(), null);
    pipe(afterTombstone.toString(), encode(Tip.newBuilder(ContractFixtures.tip()).setTipId(afterTombstone).build()));

    assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("UNDESERIALISABLE", "NULL_VALUE");
    assertThat(classified.readValuesToList()).extracting(result -> result.getTip().getTipId())
        .containsExactly(TIP_ID, afterTombstone);
    assertThat(audit.readValuesToList()).hasSize(2);
  }

  private void pipe(String key, byte[] value) {
    tips.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, RECORD_TIME);
  }

  private void loadDirectory(List<Agency> records) {
    records.forEach(agency -> agencies.pipeInput(agency.getAgencyId(),
        serdes.value(Agency.class).serializer().serialize(null, agency)));
  }

  private static Tip tipAtZip(String zip) {
    return Tip.newBuilder(ContractFixtures.tip()).setChannel(Channel.WEB).setReporter(null).setLocations(List.of(
        Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.ZIP).setZip(zip).build()))
        .build();
  }

  private byte[] encode(Tip tip) {
    return serdes.value(Tip.class).serializer().serialize(null, tip);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
