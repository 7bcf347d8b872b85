package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.route.TestTips.COPY;
import static org.tiprouter.route.TestTips.PRIMARY;
import static org.tiprouter.route.TestTips.TRIAGE_AGENCY;
import static org.tiprouter.route.TestTips.classified;
import static org.tiprouter.route.TestTips.primaryAndCopy;
import static org.tiprouter.route.TestTips.urgency;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.contract.Urgency;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditChainVerifier;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.serde.AvroBinarySerde;

/**
 * Files reported after their tip: route attaches them to every agency holding the tip, after the
 * tip's chain head, whether they arrive after the tip was routed or before; holds them a bounded
 * time; records a repeat once; and keeps the tip's chain of custody one linear chain throughout.
 */
class AttachmentTopologyTest {

  private static final UUID TIP_ID = ContractFixtures.TIP_ID;
  private static final Duration HOLD = Duration.ofHours(1);

  @TempDir
  Path stateDir;

  private RouteDriver route;
  /** The CLASSIFIED event the classified tip's head points to, so the whole chain can be verified. */
  private AuditEvent classifiedEvent;

  @AfterEach
  void closeDriver() {
    if (route != null) {
      route.close();
    }
  }

  @Test
  void attachesAFileToEveryAgencyHoldingTheTipAfterTheRoutingEvents() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    route.pipe(attachment("a1"));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    List<RoutedTip> atCopy = route.readRouted(route.topics.agencyQueue(COPY));
    assertThat(atCopy).extracting(RoutedTip::getKind).containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    RoutedTip attached = atCopy.get(1);
    assertThat(attached.getTipId()).isEqualTo(TIP_ID);
    assertThat(attached.getAgencyId()).isEqualTo(COPY);
    assertThat(attached.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(attached.getTip()).isNull();
    assertThat(attached.getDecision()).isNull();
    assertThat(attached.getAttachment()).isEqualTo(attachment("a1"));
    assertThat(attached.getAttachment().getAttachment().getViewedByEsp()).isFalse();

    List<AuditEvent> chain = verifiedChain();
    assertThat(chain).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED, AuditEventType.ROUTED, AuditEventType.ATTACHED, AuditEventType.ATTACHED);
    AuditEvent attachedEvent = chain.get(4);
    assertThat(attachedEvent.getAgencyId()).isEqualTo(COPY);
    assertThat(attachedEvent.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(attachedEvent.getSourceTopic()).isEqualTo(route.topics.attachments());
    assertThat(attachedEvent.getPayloadSha256()).isEqualTo(payloadSha256("a1"));
    assertThat(attached.getAuditHead()).isEqualTo(AuditTrail.hash(attachedEvent));
    assertThat(route.deadLetters().isEmpty()).isTrue();
  }

  @Test
  void holdsAFileThatOvertookItsTipAndAttachesItOnceTheTipIsRouted() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(attachment("a1"));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).isEmpty();
    assertThat(route.audit().isEmpty()).isTrue();

    route.driver.advanceWallClockTime(HOLD.minusMinutes(1));
    route.pipe(tip(urgency(false, false), primaryAndCopy()));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    assertThat(verifiedChain()).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED, AuditEventType.ROUTED, AuditEventType.ATTACHED, AuditEventType.ATTACHED);

    route.driver.advanceWallClockTime(HOLD.multipliedBy(2));
    assertThat(route.deadLetters().isEmpty()).as("a released file is no longer held").isTrue();
  }

  @Test
  void deadLettersAFileWhoseTipIsNotRoutedWithinTheHoldTime() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    byte[] value = route.encode(attachment("a1"));
    route.pipeAttachment(TIP_ID.toString(), value);

    route.driver.advanceWallClockTime(HOLD.minusMinutes(2));
    assertThat(route.deadLetters().isEmpty()).isTrue();
    route.driver.advanceWallClockTime(Duration.ofMinutes(3));

    DeadLetter letter = route.deadLetters().readValue();
    assertThat(letter.getReasonCode()).isEqualTo("ATTACHMENT_TIP_UNKNOWN");
    assertThat(letter.getTipId()).isEqualTo(TIP_ID);
    assertThat(letter.getSourceTopic()).isEqualTo(route.topics.attachments());
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(value));
    assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(TIP_ID.toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(route.audit().isEmpty()).isTrue();

    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP);
  }

  @Test
  void recordsTheSameFileAgainAsADuplicateOnTheChainWithoutDeliveringItTwice() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    route.pipe(attachment("a1"));
    route.pipe(attachment("a1"));
    route.pipe(attachment("a2"));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT, RoutedTipKind.ATTACHMENT);
    List<AuditEvent> chain = verifiedChain();
    assertThat(chain).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED, AuditEventType.ROUTED, AuditEventType.ATTACHED, AuditEventType.ATTACHED,
        AuditEventType.DUPLICATE, AuditEventType.ATTACHED, AuditEventType.ATTACHED);
    assertThat(chain.get(5).getDetail()).isEqualTo("DUPLICATE_OF attachment " + payloadSha256("a1"));
  }

  @Test
  void holdsARepeatedFileThatOvertookItsTipOnceAndRecordsTheRepeat() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(attachment("a1"));
    route.pipe(attachment("a1"));
    route.pipe(tip(urgency(false, false), singlePrimaryDecision()));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    assertThat(verifiedChain()).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED, AuditEventType.ATTACHED, AuditEventType.DUPLICATE);
  }

  @Test
  void sendsTheFileOfAnUrgentTipToTheUrgentLaneToo() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(true, false), singlePrimaryDecision()));
    route.pipe(attachment("a1"));

    List<RoutedTip> lane = route.readRouted(route.topics.agencyUrgentLane(PRIMARY));
    assertThat(lane).extracting(RoutedTip::getKind).containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    assertThat(lane.get(1).getUrgent()).isTrue();
    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
  }

  @Test
  void sendsTheFileOfATriagedTipToTriage() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), ContractFixtures.triageDecision()));
    route.pipe(attachment("a1"));

    List<RoutedTip> triage = route.readRouted(route.topics.triage());
    assertThat(triage).extracting(RoutedTip::getKind).containsExactly(RoutedTipKind.TIP, RoutedTipKind.ATTACHMENT);
    assertThat(triage.get(1).getAgencyId()).isEqualTo(triage.get(0).getAgencyId());
    assertThat(verifiedChain()).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.TRIAGED, AuditEventType.ATTACHED);
  }

  @Test
  void sendsTheFileToTriageForAnAgencyThatCanNoLongerReceiveIt() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    route.queues.delete(route.topics.agencyQueue(COPY));
    route.pipe(attachment("a1"));

    assertThat(route.readRouted(route.topics.agencyQueue(COPY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP);
    List<RoutedTip> triage = route.readRouted(route.topics.triage());
    assertThat(triage).singleElement().satisfies(record -> {
      assertThat(record.getKind()).isEqualTo(RoutedTipKind.ATTACHMENT);
      assertThat(record.getRole()).isEqualTo(AgencyRole.COPY);
    });
    List<AuditEvent> chain = verifiedChain();
    assertThat(chain.get(chain.size() - 1).getDetail()).contains("AGENCY_QUEUE_MISSING " + COPY);
  }

  @Test
  void deadLettersAFileNamingAReportTheTipDoesNotCarry() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    TipAttachment other = TipAttachment.newBuilder(attachment("a1")).setReportExternalId(
        ExternalId.newBuilder().setKind("CYBERTIPLINE_REPORT_ID").setValue("1234567").build()).build();
    route.pipe(other);

    DeadLetter letter = route.deadLetters().readValue();
    assertThat(letter.getReasonCode()).isEqualTo("REPORT_MISMATCH");
    assertThat(letter.getDetail()).doesNotContain("1234567");
    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP);
    assertThat(verifiedChain()).extracting(AuditEvent::getType).containsExactly(AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED, AuditEventType.ROUTED);
  }

  @Test
  void deadLettersAFileKeyedByAnotherTipAndGarbage() {
    start(PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipeAttachment(UUID.randomUUID().toString(), route.encode(attachment("a1")));
    route.pipeAttachment(TIP_ID.toString(), new byte[] {1, 2, 3});
    route.pipeAttachment(TIP_ID.toString(), null);

    assertThat(route.deadLetters().readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("INVALID_KEY", "UNDESERIALISABLE", "NULL_VALUE");
  }

  @Test
  void keepsTheTipsCustodyOnlyForTheRetention() {
    route = new RouteDriver(stateDir, new AttachmentSettings(HOLD, Duration.ofDays(2)), PRIMARY, COPY, TRIAGE_AGENCY);
    route.pipe(tip(urgency(false, false), primaryAndCopy()));
    route.driver.advanceWallClockTime(Duration.ofDays(2).plusMinutes(1));
    route.pipe(attachment("a1"));

    assertThat(route.readRouted(route.topics.agencyQueue(PRIMARY))).extracting(RoutedTip::getKind)
        .containsExactly(RoutedTipKind.TIP);
    route.driver.advanceWallClockTime(HOLD.plusMinutes(1));
    assertThat(route.deadLetters().readValue().getReasonCode()).isEqualTo("ATTACHMENT_TIP_UNKNOWN");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void start(String... agencies) {
    route = new RouteDriver(stateDir, new AttachmentSettings(HOLD, Duration.ofDays(400)), agencies);
  }

  private static JurisdictionDecision singlePrimaryDecision() {
    return TestTips.singlePrimary(PRIMARY);
  }

  /** The fixture tip (report {@value ContractFixtures#REPORT_ID}), its head a real CLASSIFIED event. */
  private ClassifiedTip tip(Urgency urgency, JurisdictionDecision decision) {
    classifiedEvent = new AuditTrail(Stage.CLASSIFY, Clock.fixed(RouteDriver.NOW, ZoneOffset.UTC))
        .event(TIP_ID, AuditEventType.CLASSIFIED, null).setDetail("test").build();
    return ClassifiedTip.newBuilder(classified(urgency, decision)).setAuditHead(AuditTrail.hash(classifiedEvent))
        .build();
  }

  /** A file of the fixture's report; {@code name} tells files (and their raw payloads) apart. */
  private static TipAttachment attachment(String name) {
    TipAttachment fixture = ContractFixtures.tipAttachment();
    Provenance provenance = Provenance.newBuilder(fixture.getProvenance()).setPayloadSha256(payloadSha256(name))
        .build();
    return TipAttachment.newBuilder(fixture).setProvenance(provenance).build();
  }

  private static String payloadSha256(String name) {
    return ContractFixtures.sha256(("fileDetails " + name).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The tip's whole chain as stored (the CLASSIFIED event, then every event route wrote), checked
   * with the verifier `tiprouter audit verify` uses: it must be one linear chain.
   */
  private List<AuditEvent> verifiedChain() {
    AvroBinarySerde<AuditEvent> encoding = new AvroBinarySerde<>(AuditEvent.class);
    List<AuditChainVerifier.StoredEvent> stored = new ArrayList<>();
    stored.add(new AuditChainVerifier.StoredEvent("classify", encoding.serializer().serialize(null, classifiedEvent),
        classifiedEvent));
    for (TestRecord<byte[], byte[]> record : route.rawRecords(route.topics.audit())) {
      AuditEvent event = encoding.deserializer().deserialize(null, record.value());
      if (event.getTipId().equals(TIP_ID)) {
        stored.add(new AuditChainVerifier.StoredEvent("audit " + stored.size(), record.value(), event));
      }
    }
    assertThat(new AuditChainVerifier().verify(TIP_ID, stored)).as("breaks in the chain").isEmpty();
    return stored.stream().map(AuditChainVerifier.StoredEvent::event).toList();
  }
}
