package org.tiprouter.route;

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
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

class RouteTopologyTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:02.375Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:30:02.010Z");
  private static final UUID TIP_ID = ContractFixtures.TIP_ID;
  private static final String KEY = TIP_ID.toString();
  private static final String PRIMARY = "knoxville-pd";
  private static final String COPY = "tn-icac";
  private static final String TRIAGE_AGENCY = "national-triage";

  private final TopicNames topics = TopicNames.defaults();
  private final ContractSerdes serdes = ContractSerdes.registryFree();

  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> classifiedTips;
  private TestOutputTopic<String, AuditEvent> audit;
  private TestOutputTopic<String, DeadLetter> deadLetters;

  @BeforeEach
  void startDriver() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, Stage.ROUTE.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new RouteTopology(topics, serdes, clock).build(), properties);
    classifiedTips = driver.createInputTopic(topics.classified(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    audit = driver.createOutputTopic(topics.audit(), Serdes.String().deserializer(),
        serdes.value(AuditEvent.class).deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(Stage.ROUTE), Serdes.String().deserializer(),
        serdes.value(DeadLetter.class).deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  // ---- agency queues ---------------------------------------------------------------------------

  @Test
  void routesTipToEachAssignedAgencyQueueExactlyOnceWithItsRole() {
    ClassifiedTip input = classified(urgency(false, false), ContractFixtures.decision());
    pipe(KEY, encode(input));

    List<TestRecord<String, RoutedTip>> primary = routed(topics.agencyQueue(PRIMARY)).readRecordsToList();
    List<TestRecord<String, RoutedTip>> copy = routed(topics.agencyQueue(COPY)).readRecordsToList();
    assertThat(primary).hasSize(1);
    assertThat(copy).hasSize(1);
    assertThat(primary.get(0).key()).isEqualTo(KEY);
    assertThat(copy.get(0).key()).isEqualTo(KEY);
    assertRoutedTip(primary.get(0).value(), input, PRIMARY, AgencyRole.PRIMARY, false);
    assertRoutedTip(copy.get(0).value(), input, COPY, AgencyRole.COPY, false);
    assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder(
        topics.agencyQueue(PRIMARY), topics.agencyQueue(COPY), topics.audit());
  }

  @Test
  void routesUrgentTipToAgencyQueueAndUrgentLane() {
    ClassifiedTip input = classified(urgency(true, false), singlePrimary(PRIMARY));
    pipe(KEY, encode(input));

    List<RoutedTip> queue = routed(topics.agencyQueue(PRIMARY)).readValuesToList();
    List<RoutedTip> urgentLane = routed(topics.agencyUrgentLane(PRIMARY)).readValuesToList();
    assertThat(queue).hasSize(1);
    assertThat(urgentLane).hasSize(1);
    assertRoutedTip(queue.get(0), input, PRIMARY, AgencyRole.PRIMARY, true);
    assertThat(urgentLane.get(0)).isEqualTo(queue.get(0));
    assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder(
        topics.agencyQueue(PRIMARY), topics.agencyUrgentLane(PRIMARY), topics.audit());
  }

  @Test
  void routesEscalatedTipToTheUrgentLaneOfEveryAssignedAgency() {
    ClassifiedTip input = classified(urgency(false, true), ContractFixtures.decision());
    pipe(KEY, encode(input));

    RoutedTip primaryUrgent = routed(topics.agencyUrgentLane(PRIMARY)).readValue();
    RoutedTip copyUrgent = routed(topics.agencyUrgentLane(COPY)).readValue();
    assertRoutedTip(primaryUrgent, input, PRIMARY, AgencyRole.PRIMARY, true);
    assertRoutedTip(copyUrgent, input, COPY, AgencyRole.COPY, true);
    assertThat(routed(topics.agencyQueue(PRIMARY)).readValuesToList()).containsExactly(primaryUrgent);
    assertThat(routed(topics.agencyQueue(COPY)).readValuesToList()).containsExactly(copyUrgent);
    assertThat(routed(topics.agencyUrgentLane(PRIMARY)).isEmpty()).isTrue();
    assertThat(routed(topics.agencyUrgentLane(COPY)).isEmpty()).isTrue();
  }

  @Test
  void writesOneRoutedAuditEventPerAssignmentChainedFromTheClassifiedAuditHead() {
    ClassifiedTip input = classified(urgency(false, false), ContractFixtures.decision());
    pipe(KEY, encode(input));

    RoutedTip primary = routed(topics.agencyQueue(PRIMARY)).readValue();
    RoutedTip copy = routed(topics.agencyQueue(COPY)).readValue();
    List<TestRecord<String, AuditEvent>> records = audit.readRecordsToList();
    assertThat(records).hasSize(2);
    assertThat(records).extracting(TestRecord::key).containsOnly(KEY);
    AuditEvent first = records.get(0).value();
    AuditEvent second = records.get(1).value();

    assertThat(first.getType()).isEqualTo(AuditEventType.ROUTED);
    assertThat(first.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(first.getTipId()).isEqualTo(TIP_ID);
    assertThat(first.getAgencyId()).isEqualTo(PRIMARY);
    assertThat(first.getRole()).isEqualTo(AgencyRole.PRIMARY);
    assertThat(first.getOccurredAt()).isEqualTo(NOW);
    assertThat(first.getPreviousEventHash()).isEqualTo(input.getAuditHead());

    assertThat(second.getType()).isEqualTo(AuditEventType.ROUTED);
    assertThat(second.getAgencyId()).isEqualTo(COPY);
    assertThat(second.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(second.getPreviousEventHash()).isEqualTo(AuditTrail.hash(first));

    assertThat(primary.getAuditHead()).isEqualTo(AuditTrail.hash(first));
    assertThat(copy.getAuditHead()).isEqualTo(AuditTrail.hash(second));
  }

  // ---- triage ----------------------------------------------------------------------------------

  @Test
  void sendsTriageDecisionOnlyToTheTriageTopicWithATriagedAuditEvent() {
    ClassifiedTip input = classified(urgency(true, true), ContractFixtures.triageDecision());
    pipe(KEY, encode(input));

    List<TestRecord<String, RoutedTip>> triaged = routed(topics.triage()).readRecordsToList();
    assertThat(triaged).hasSize(1);
    assertThat(triaged.get(0).key()).isEqualTo(KEY);
    RoutedTip routedTip = triaged.get(0).value();
    assertRoutedTip(routedTip, input, TRIAGE_AGENCY, AgencyRole.PRIMARY, true);

    List<AuditEvent> events = audit.readValuesToList();
    assertThat(events).hasSize(1);
    AuditEvent event = events.get(0);
    assertThat(event.getType()).isEqualTo(AuditEventType.TRIAGED);
    assertThat(event.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(event.getAgencyId()).isEqualTo(TRIAGE_AGENCY);
    assertThat(event.getDetail()).isEqualTo("NO_LOCATION");
    assertThat(event.getPreviousEventHash()).isEqualTo(input.getAuditHead());
    assertThat(routedTip.getAuditHead()).isEqualTo(AuditTrail.hash(event));

    assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  @Test
  void sendsADecisionThatNamesNoAgencyToTriageRatherThanDroppingIt() {
    JurisdictionDecision empty = JurisdictionDecision.newBuilder(singlePrimary(PRIMARY))
        .setAssignments(List.of()).setTriageReason(null).build();
    pipe(KEY, encode(classified(urgency(false, false), empty)));

    List<RoutedTip> triaged = routed(topics.triage()).readValuesToList();
    assertThat(triaged).hasSize(1);
    AuditEvent event = audit.readValue();
    assertThat(event.getType()).isEqualTo(AuditEventType.TRIAGED);
    assertThat(event.getDetail()).isEqualTo("NO_AGENCY_ASSIGNED");
    assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  // ---- dead letters ----------------------------------------------------------------------------

  @Test
  void deadLettersGarbageBytesAsUndeserialisableWithOriginalBytesAndSource() {
    byte[] garbage = {0x02, 0x41, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99,
        (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99};
    pipe(KEY, garbage);

    TestRecord<String, DeadLetter> record = deadLetters.readRecord();
    assertThat(record.key()).isEqualTo(KEY);
    DeadLetter letter = record.value();
    assertThat(letter.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(letter.getReasonCode()).isEqualTo("UNDESERIALISABLE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.classified());
    assertThat(letter.getSourcePartition()).isEqualTo(0);
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(RECORD_TIME);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
    assertThat(driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void deadLettersTombstoneAsNullValue() {
    pipe(KEY, null);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(letter.getReasonCode()).isEqualTo("NULL_VALUE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.classified());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void deadLettersDecisionNamingAnInvalidAgencyIdAsProcessingFailed() {
    byte[] value = encode(classified(urgency(false, false), singlePrimary("Knoxville PD")));
    pipe(KEY, value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("PROCESSING_FAILED");
    assertThat(letter.getTipId()).isEqualTo(TIP_ID);
    assertThat(letter.getSourceTopic()).isEqualTo(topics.classified());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void keepsRoutingAfterEachBadRecord() {
    UUID second = ContractFixtures.EARLIER_TIP_ID;
    ClassifiedTip good = classified(urgency(false, false), singlePrimary(PRIMARY));
    ClassifiedTip secondGood = ClassifiedTip.newBuilder(good)
        .setTip(Tip.newBuilder(good.getTip()).setTipId(second).build()).build();

    pipe(KEY, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    pipe(KEY, encode(good));
    pipe(second.toString(), null);
    pipe(second.toString(), encode(classified(urgency(false, false), singlePrimary("Not An Agency"))));
    pipe(second.toString(), encode(secondGood));

    assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("UNDESERIALISABLE", "NULL_VALUE", "PROCESSING_FAILED");
    assertThat(routed(topics.agencyQueue(PRIMARY)).readValuesToList()).extracting(RoutedTip::getTipId)
        .containsExactly(TIP_ID, second);
    assertThat(audit.readValuesToList()).hasSize(2);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertRoutedTip(RoutedTip routed, ClassifiedTip input, String agencyId, AgencyRole role,
      boolean urgent) {
    assertThat(routed.getKind()).isEqualTo(RoutedTipKind.TIP);
    assertThat(routed.getTipId()).isEqualTo(TIP_ID);
    assertThat(routed.getAgencyId()).isEqualTo(agencyId);
    assertThat(routed.getRole()).isEqualTo(role);
    assertThat(routed.getUrgent()).isEqualTo(urgent);
    assertThat(routed.getTip()).isEqualTo(input.getTip());
    assertThat(routed.getDecision()).isEqualTo(input.getDecision());
    assertThat(routed.getRoutedAt()).isEqualTo(NOW);
    assertThat(routed.getAuditHead()).isNotNull().isNotEqualTo(input.getAuditHead());
  }

  private static ClassifiedTip classified(Urgency urgency, JurisdictionDecision decision) {
    ClassifiedTip fixture = ContractFixtures.classifiedTip();
    return ClassifiedTip.newBuilder(fixture)
        .setTip(Tip.newBuilder(fixture.getTip()).setUrgency(urgency).build())
        .setDecision(decision)
        .build();
  }

  private static Urgency urgency(boolean childInImmediateDanger, boolean escalated) {
    return Urgency.newBuilder()
        .setChildInImmediateDanger(childInImmediateDanger)
        .setEscalated(escalated)
        .setReason(childInImmediateDanger || escalated ? "reporter: child in danger tonight" : null)
        .build();
  }

  private static JurisdictionDecision singlePrimary(String agencyId) {
    return JurisdictionDecision.newBuilder(ContractFixtures.decision())
        .setPrimaryAgencyId(agencyId)
        .setAssignments(List.of(AgencyAssignment.newBuilder().setAgencyId(agencyId).setRole(AgencyRole.PRIMARY)
            .setReason("victim ZIP 37902 -> " + agencyId + " (zip area)").build()))
        .build();
  }

  private TestOutputTopic<String, RoutedTip> routed(String topic) {
    return driver.createOutputTopic(topic, Serdes.String().deserializer(),
        serdes.value(RoutedTip.class).deserializer());
  }

  private void pipe(String key, byte[] value) {
    classifiedTips.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, RECORD_TIME);
  }

  private byte[] encode(ClassifiedTip classified) {
    return serdes.value(ClassifiedTip.class).serializer().serialize(null, classified);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
