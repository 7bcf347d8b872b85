package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.route.RouteDriver.NOW;
import static org.tiprouter.route.RouteDriver.RECORD_TIME;
import static org.tiprouter.route.TestTips.COPY;
import static org.tiprouter.route.TestTips.PRIMARY;
import static org.tiprouter.route.TestTips.TRIAGE_AGENCY;
import static org.tiprouter.route.TestTips.classified;
import static org.tiprouter.route.TestTips.email;
import static org.tiprouter.route.TestTips.primaryAndCopy;
import static org.tiprouter.route.TestTips.singlePrimary;
import static org.tiprouter.route.TestTips.urgency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.topics.TopicNames;

/** Routing to agency queues, urgent lanes and triage, the directory and queue checks, and dead letters. */
class RouteTopologyTest {

  private static final UUID TIP_ID = ContractFixtures.TIP_ID;
  private static final String KEY = TIP_ID.toString();

  @TempDir
  Path stateDir;

  private RouteDriver route;
  private TopicNames topics;

  @BeforeEach
  void startDriver() {
    route = new RouteDriver(stateDir, PRIMARY, COPY, TRIAGE_AGENCY);
    topics = route.topics;
  }

  @AfterEach
  void closeDriver() {
    route.close();
  }

  // ---- agency queues ---------------------------------------------------------------------------

  @Test
  void routesTipToEachAssignedAgencyQueueExactlyOnceWithItsRole() {
    ClassifiedTip input = classified(urgency(false, false), primaryAndCopy());
    route.pipe(input);

    List<TestRecord<String, RoutedTip>> primary = route.readRoutedRecords(topics.agencyQueue(PRIMARY));
    List<TestRecord<String, RoutedTip>> copy = route.readRoutedRecords(topics.agencyQueue(COPY));
    assertThat(primary).hasSize(1);
    assertThat(copy).hasSize(1);
    assertThat(primary.get(0).key()).isEqualTo(KEY);
    assertThat(copy.get(0).key()).isEqualTo(KEY);
    assertRoutedTip(primary.get(0).value(), input, PRIMARY, AgencyRole.PRIMARY, false);
    assertRoutedTip(copy.get(0).value(), input, COPY, AgencyRole.COPY, false);
    assertThat(primary.get(0).value().getRelated()).isEmpty();
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(
        topics.agencyQueue(PRIMARY), topics.agencyQueue(COPY), topics.audit());
  }

  @Test
  void routesUrgentTipToAgencyQueueAndUrgentLane() {
    ClassifiedTip input = classified(urgency(true, false), singlePrimary(PRIMARY));
    route.pipe(input);

    List<RoutedTip> queue = route.readRouted(topics.agencyQueue(PRIMARY));
    List<RoutedTip> urgentLane = route.readRouted(topics.agencyUrgentLane(PRIMARY));
    assertThat(queue).hasSize(1);
    assertThat(urgentLane).hasSize(1);
    assertRoutedTip(queue.get(0), input, PRIMARY, AgencyRole.PRIMARY, true);
    assertThat(urgentLane.get(0)).isEqualTo(queue.get(0));
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(
        topics.agencyQueue(PRIMARY), topics.agencyUrgentLane(PRIMARY), topics.audit());
  }

  @Test
  void routesEscalatedTipToTheUrgentLaneOfEveryAssignedAgency() {
    ClassifiedTip input = classified(urgency(false, true), primaryAndCopy());
    route.pipe(input);

    List<RoutedTip> primaryUrgent = route.readRouted(topics.agencyUrgentLane(PRIMARY));
    List<RoutedTip> copyUrgent = route.readRouted(topics.agencyUrgentLane(COPY));
    assertThat(primaryUrgent).hasSize(1);
    assertThat(copyUrgent).hasSize(1);
    assertRoutedTip(primaryUrgent.get(0), input, PRIMARY, AgencyRole.PRIMARY, true);
    assertRoutedTip(copyUrgent.get(0), input, COPY, AgencyRole.COPY, true);
    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).containsExactly(primaryUrgent.get(0));
    assertThat(route.readRouted(topics.agencyQueue(COPY))).containsExactly(copyUrgent.get(0));
  }

  @Test
  void writesOneRoutedAuditEventPerAssignmentChainedFromTheClassifiedAuditHead() {
    ClassifiedTip input = classified(urgency(false, false), primaryAndCopy());
    route.pipe(input);

    RoutedTip primary = route.routed(topics.agencyQueue(PRIMARY)).readValue();
    RoutedTip copy = route.routed(topics.agencyQueue(COPY)).readValue();
    List<TestRecord<String, AuditEvent>> records = route.audit().readRecordsToList();
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

  // ---- triage decided by classify --------------------------------------------------------------

  @Test
  void sendsTriageDecisionOnlyToTheTriageTopicWithATriagedAuditEvent() {
    ClassifiedTip input = classified(urgency(true, true), ContractFixtures.triageDecision());
    route.pipe(input);

    List<TestRecord<String, RoutedTip>> triaged = route.readRoutedRecords(topics.triage());
    assertThat(triaged).hasSize(1);
    assertThat(triaged.get(0).key()).isEqualTo(KEY);
    RoutedTip routedTip = triaged.get(0).value();
    assertRoutedTip(routedTip, input, TRIAGE_AGENCY, AgencyRole.PRIMARY, true);

    List<AuditEvent> events = route.audit().readValuesToList();
    assertThat(events).hasSize(1);
    AuditEvent event = events.get(0);
    assertThat(event.getType()).isEqualTo(AuditEventType.TRIAGED);
    assertThat(event.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(event.getAgencyId()).isEqualTo(TRIAGE_AGENCY);
    assertThat(event.getDetail()).isEqualTo("NO_LOCATION");
    assertThat(event.getPreviousEventHash()).isEqualTo(input.getAuditHead());
    assertThat(routedTip.getAuditHead()).isEqualTo(AuditTrail.hash(event));

    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  @Test
  void sendsADecisionThatNamesNoAgencyToTriageRatherThanDroppingIt() {
    JurisdictionDecision empty = JurisdictionDecision.newBuilder(singlePrimary(PRIMARY))
        .setAssignments(List.of()).setTriageReason(null).build();
    route.pipe(classified(urgency(false, false), empty));

    assertThat(route.readRouted(topics.triage())).hasSize(1);
    AuditEvent event = route.audit().readValue();
    assertThat(event.getType()).isEqualTo(AuditEventType.TRIAGED);
    assertThat(event.getDetail()).isEqualTo("NO_AGENCY_ASSIGNED");
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  // ---- the directory changed: AGENCY_REMOVED ---------------------------------------------------

  @Test
  void sendsATipWhosePrimaryLeftTheDirectoryToTriageAsAgencyRemovedAndStillDeliversTheCopy() {
    route.publish(TestTips.agency(COPY));
    route.publish(TestTips.triageAgency(TRIAGE_AGENCY));
    ClassifiedTip input = classified(urgency(false, false), primaryAndCopy());
    route.pipe(input);

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).isEmpty();
    RoutedTip copy = route.routed(topics.agencyQueue(COPY)).readValue();
    assertRoutedTip(copy, input, COPY, AgencyRole.COPY, false);
    List<RoutedTip> triaged = route.readRouted(topics.triage());
    assertThat(triaged).hasSize(1);
    RoutedTip triage = triaged.get(0);
    assertThat(triage.getKind()).isEqualTo(RoutedTipKind.TIP);
    assertThat(triage.getAgencyId()).isEqualTo(TRIAGE_AGENCY);
    assertThat(triage.getRole()).isEqualTo(AgencyRole.PRIMARY);
    assertThat(triage.getTip()).isEqualTo(input.getTip());
    assertThat(triage.getDecision().getTriageReason()).isEqualTo("AGENCY_REMOVED");
    assertThat(triage.getDecision().getReasons()).startsWith(input.getDecision().getReasons().toArray(String[]::new))
        .contains("route: knoxville-pd is no longer in the agency directory -> triage (AGENCY_REMOVED)");

    List<AuditEvent> events = route.audit().readValuesToList();
    assertThat(events).extracting(AuditEvent::getType).containsExactly(AuditEventType.ROUTED, AuditEventType.TRIAGED);
    assertThat(events.get(1).getDetail()).isEqualTo("AGENCY_REMOVED knoxville-pd");
    assertThat(events.get(1).getAgencyId()).isEqualTo(TRIAGE_AGENCY);
    assertThat(triage.getAuditHead()).isEqualTo(AuditTrail.hash(events.get(1)));
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.agencyQueue(COPY), topics.triage(),
        topics.audit());
  }

  @Test
  void appliesAnAgencyRemovalFromTheDirectoryTopicToTheNextTip() {
    route.publish(TestTips.agency(PRIMARY));
    route.publish(TestTips.triageAgency(TRIAGE_AGENCY));
    ClassifiedTip first = TestTips.tip(UUID.randomUUID(), singlePrimary(PRIMARY));
    route.pipe(first);
    route.removeFromDirectory(PRIMARY);
    ClassifiedTip second = TestTips.tip(UUID.randomUUID(), singlePrimary(PRIMARY));
    route.pipe(second);

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getTipId)
        .containsExactly(first.getTip().getTipId());
    assertThat(route.readRouted(topics.triage())).singleElement().satisfies(triaged -> {
      assertThat(triaged.getTipId()).isEqualTo(second.getTip().getTipId());
      assertThat(triaged.getDecision().getTriageReason()).isEqualTo("AGENCY_REMOVED");
      assertThat(triaged.getRole()).isEqualTo(AgencyRole.PRIMARY);
    });
  }

  @Test
  void deliversToAgenciesMissingFromTheDirectoryWhileNoDirectoryIsLoaded() {
    route.pipe(classified(urgency(false, false), primaryAndCopy()));

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).hasSize(1);
    assertThat(route.readRouted(topics.agencyQueue(COPY))).hasSize(1);
    assertThat(route.readRouted(topics.triage())).isEmpty();
  }

  @Test
  void namesTheFallbackTriageAgencyWhenTheDirectoryNamesNoTriageAgency() {
    route.publish(TestTips.agency(COPY));
    route.pipe(classified(urgency(false, false), primaryAndCopy()));

    assertThat(route.readRouted(topics.triage())).singleElement()
        .satisfies(triaged -> assertThat(triaged.getAgencyId()).isEqualTo(RouteDriver.FALLBACK_TRIAGE));
  }

  // ---- a missing queue: AGENCY_QUEUE_MISSING ---------------------------------------------------

  @Test
  void sendsATipToTriageAsQueueMissingInsteadOfWritingToACopyAgencysMissingQueue() {
    route.queues.delete(topics.agencyQueue(COPY));
    ClassifiedTip input = classified(urgency(false, false), primaryAndCopy());
    route.pipe(input);

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).hasSize(1);
    RoutedTip triage = route.routed(topics.triage()).readValue();
    assertThat(triage.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(triage.getAgencyId()).isEqualTo(RouteDriver.FALLBACK_TRIAGE);
    assertThat(triage.getDecision().getTriageReason()).isEqualTo("AGENCY_QUEUE_MISSING");
    assertThat(triage.getDecision().getReasons())
        .contains("route: tn-icac has no topic tips.agency.tn-icac.v1 -> triage (AGENCY_QUEUE_MISSING)");
    assertThat(route.audit().readValuesToList()).extracting(AuditEvent::getType, AuditEvent::getDetail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEventType.ROUTED, "routed to knoxville-pd as PRIMARY"),
            org.assertj.core.groups.Tuple.tuple(AuditEventType.TRIAGED, "AGENCY_QUEUE_MISSING tn-icac"));
    assertThat(route.publicTopicsWritten()).doesNotContain(topics.agencyQueue(COPY));
    assertThat(route.queues.asked()).contains(topics.agencyQueue(COPY));
  }

  @Test
  void sendsATipWhosePrimaryQueueIsMissingToTriageAsPrimary() {
    route.queues.delete(topics.agencyQueue(PRIMARY));
    route.pipe(classified(urgency(false, false), singlePrimary(PRIMARY)));

    RoutedTip triage = route.routed(topics.triage()).readValue();
    assertThat(triage.getRole()).isEqualTo(AgencyRole.PRIMARY);
    assertThat(triage.getDecision().getTriageReason()).isEqualTo("AGENCY_QUEUE_MISSING");
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  @Test
  void deliversAnUrgentTipToTheQueueAndTriageWhenTheAgencyHasNoUrgentLane() {
    route.queues.delete(topics.agencyUrgentLane(PRIMARY));
    route.pipe(classified(urgency(true, false), singlePrimary(PRIMARY)));

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).hasSize(1);
    RoutedTip triage = route.routed(topics.triage()).readValue();
    assertThat(triage.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(triage.getUrgent()).isTrue();
    assertThat(triage.getDecision().getReasons())
        .contains("route: knoxville-pd has no topic tips.agency.knoxville-pd.urgent.v1 -> triage (AGENCY_QUEUE_MISSING)");
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.agencyQueue(PRIMARY), topics.triage(),
        topics.audit());
  }

  @Test
  void namesEveryMissedAgencyInTheTriagedAuditEvent() {
    route.publish(TestTips.agency(COPY));
    route.publish(TestTips.triageAgency(TRIAGE_AGENCY));
    route.queues.delete(topics.agencyQueue(COPY));
    route.pipe(classified(urgency(false, false), primaryAndCopy()));

    RoutedTip triage = route.routed(topics.triage()).readValue();
    assertThat(triage.getDecision().getTriageReason()).isEqualTo("AGENCY_REMOVED");
    assertThat(route.audit().readValuesToList()).singleElement()
        .satisfies(event -> assertThat(event.getDetail()).isEqualTo("AGENCY_REMOVED knoxville-pd; AGENCY_QUEUE_MISSING tn-icac"));
    assertThat(route.publicTopicsWritten()).containsExactlyInAnyOrder(topics.triage(), topics.audit());
  }

  // ---- dead letters ----------------------------------------------------------------------------

  @Test
  void deadLettersGarbageBytesAsUndeserialisableWithOriginalBytesAndSource() {
    byte[] garbage = {0x02, 0x41, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99,
        (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99};
    route.pipe(KEY, garbage);

    TestRecord<String, DeadLetter> record = route.deadLetters().readRecord();
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
    assertThat(route.driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void deadLettersTombstoneAsNullValue() {
    route.pipe(KEY, null);

    DeadLetter letter = route.deadLetters().readValue();
    assertThat(letter.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(letter.getReasonCode()).isEqualTo("NULL_VALUE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.classified());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(route.driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void deadLettersDecisionNamingAnInvalidAgencyIdAsProcessingFailed() {
    byte[] value = route.encode(classified(urgency(false, false), singlePrimary("Knoxville PD")));
    route.pipe(KEY, value);

    DeadLetter letter = route.deadLetters().readValue();
    assertThat(letter.getReasonCode()).isEqualTo("PROCESSING_FAILED");
    assertThat(letter.getTipId()).isEqualTo(TIP_ID);
    assertThat(letter.getSourceTopic()).isEqualTo(topics.classified());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(route.driver.producedTopicNames()).containsExactly(topics.deadLetters(Stage.ROUTE));
  }

  @Test
  void keepsRoutingAfterEachBadRecord() {
    UUID second = ContractFixtures.EARLIER_TIP_ID;
    ClassifiedTip good = TestTips.tip(TIP_ID, singlePrimary(PRIMARY), email("first.sender@example.org"));
    ClassifiedTip secondGood = TestTips.tip(second, singlePrimary(PRIMARY), email("second.sender@example.org"));

    route.pipe(KEY, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    route.pipe(good);
    route.pipe(second.toString(), null);
    route.pipe(second.toString(), route.encode(classified(urgency(false, false), singlePrimary("Not An Agency"))));
    route.pipe(secondGood);

    assertThat(route.deadLetters().readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("UNDESERIALISABLE", "NULL_VALUE", "PROCESSING_FAILED");
    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getTipId)
        .containsExactly(TIP_ID, second);
    assertThat(route.audit().readValuesToList()).hasSize(2);
  }

  @Test
  void leavesNothingInThePendingStoreOnceATipIsRouted() {
    route.pipe(classified(urgency(false, false), primaryAndCopy()));

    try (var pending = route.driver.<String, byte[]>getKeyValueStore(RouteCollector.STORE).all()) {
      assertThat(pending.hasNext()).isFalse();
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void assertRoutedTip(RoutedTip routed, ClassifiedTip input, String agencyId, AgencyRole role,
      boolean urgent) {
    assertThat(routed.getKind()).isEqualTo(RoutedTipKind.TIP);
    assertThat(routed.getTipId()).isEqualTo(input.getTip().getTipId());
    assertThat(routed.getAgencyId()).isEqualTo(agencyId);
    assertThat(routed.getRole()).isEqualTo(role);
    assertThat(routed.getUrgent()).isEqualTo(urgent);
    assertThat(routed.getTip()).isEqualTo(input.getTip());
    assertThat(routed.getDecision()).isEqualTo(input.getDecision());
    assertThat(routed.getRoutedAt()).isEqualTo(NOW);
    assertThat(routed.getAuditHead()).isNotNull().isNotEqualTo(input.getAuditHead());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
