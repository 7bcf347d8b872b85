package org.tiprouter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.AvroBinarySerde;

class AuditTrailTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:02.375Z");
  private static final UUID TIP_ID = ContractFixtures.TIP_ID;

  private final AuditTrail trail = new AuditTrail(Stage.ROUTE, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void startsAnEventOfItsStageForTheTipAtTheClocksTimeLinkedToThePreviousHash() {
    String previous = ContractFixtures.sha256(new byte[] {1, 2, 3});

    AuditEvent event = trail.event(TIP_ID, AuditEventType.ROUTED, previous).setAgencyId("knoxville-pd").build();

    assertThat(event.getEventId()).isNotNull();
    assertThat(event.getTipId()).isEqualTo(TIP_ID);
    assertThat(event.getStage()).isEqualTo(Stage.ROUTE.id());
    assertThat(event.getType()).isEqualTo(AuditEventType.ROUTED);
    assertThat(event.getOccurredAt()).isEqualTo(NOW);
    assertThat(event.getPreviousEventHash()).isEqualTo(previous);
    assertThat(event.getAgencyId()).isEqualTo("knoxville-pd");
  }

  @Test
  void givesEveryEventItsOwnId() {
    AuditEvent first = trail.event(TIP_ID, AuditEventType.ROUTED, null).build();
    AuditEvent second = trail.event(TIP_ID, AuditEventType.ROUTED, null).build();

    assertThat(first.getEventId()).isNotEqualTo(second.getEventId());
  }

  @Test
  void hashIsTheLowerCaseHexSha256OfTheEventsAvroBinaryEncoding() throws IOException {
    AuditEvent event = ContractFixtures.routedEvent();

    assertThat(AuditTrail.hash(event))
        .matches("[0-9a-f]{64}")
        .isEqualTo(ContractFixtures.sha256(avroBinary(event)));
  }

  @Test
  void hashIsDeterministic() {
    AuditEvent event = ContractFixtures.normalisedEvent();
    AvroBinarySerde<AuditEvent> serde = new AvroBinarySerde<>(AuditEvent.class);
    AuditEvent readBack = serde.deserializer().deserialize(null, serde.serializer().serialize(null, event));

    assertThat(AuditTrail.hash(event))
        .isEqualTo(AuditTrail.hash(event))
        .isEqualTo(AuditTrail.hash(AuditEvent.newBuilder(event).build()))
        .isEqualTo(AuditTrail.hash(readBack))
        .isEqualTo(AuditTrail.hash(ContractFixtures.normalisedEvent()));
  }

  @Test
  void hashChangesWhenAnyFieldChanges() {
    AuditEvent base = completeEvent();
    Map<String, UnaryOperator<AuditEvent.Builder>> changes = new LinkedHashMap<>();
    changes.put("eventId", b -> b.setEventId(UUID.fromString("9b1e2c3d-4f5a-4b6c-8d7e-0f1a2b3c4d5e")));
    changes.put("tipId", b -> b.setTipId(ContractFixtures.EARLIER_TIP_ID));
    changes.put("stage", b -> b.setStage("classify"));
    changes.put("type", b -> b.setType(AuditEventType.TRIAGED));
    changes.put("occurredAt", b -> b.setOccurredAt(NOW.plusMillis(1)));
    changes.put("detail", b -> b.setDetail("routed to knoxville-pd as COPY"));
    changes.put("agencyId", b -> b.setAgencyId("knox-county-so"));
    changes.put("role", b -> b.setRole(AgencyRole.COPY));
    changes.put("relatedTipId", b -> b.setRelatedTipId(ContractFixtures.DUPLICATE_TIP_ID));
    changes.put("sourceTopic", b -> b.setSourceTopic("tips.normalised.v1"));
    changes.put("sourcePartition", b -> b.setSourcePartition(3));
    changes.put("sourceOffset", b -> b.setSourceOffset(9_312L));
    changes.put("payloadSha256", b -> b.setPayloadSha256(ContractFixtures.sha256(new byte[] {9})));
    changes.put("previousEventHash", b -> b.setPreviousEventHash(ContractFixtures.sha256(new byte[] {8})));

    assertThat(changes.keySet()).as("one change per AuditEvent field")
        .containsExactlyElementsOf(AuditEvent.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
    String baseHash = AuditTrail.hash(base);
    changes.forEach((field, change) -> {
      AuditEvent changed = change.apply(AuditEvent.newBuilder(base)).build();
      assertThat(changed.get(field)).as(field).isNotEqualTo(base.get(field));
      assertThat(AuditTrail.hash(changed)).as("hash after changing %s", field).isNotEqualTo(baseHash);
    });
  }

  @Test
  void hashTellsAMissingOptionalFieldFromAPresentOne() {
    AuditEvent withDetail = completeEvent();
    AuditEvent withoutDetail = AuditEvent.newBuilder(withDetail).setDetail(null).build();

    assertThat(AuditTrail.hash(withoutDetail)).isNotEqualTo(AuditTrail.hash(withDetail));
  }

  @Test
  void chainsEachEventToTheHashOfThePreviousOne() {
    AuditEvent received = trail.event(TIP_ID, AuditEventType.RECEIVED, null).build();
    AuditEvent classified = trail.event(TIP_ID, AuditEventType.CLASSIFIED, AuditTrail.hash(received)).build();
    AuditEvent routed = trail.event(TIP_ID, AuditEventType.ROUTED, AuditTrail.hash(classified)).build();

    assertThat(received.getPreviousEventHash()).isNull();
    assertThat(classified.getPreviousEventHash()).isEqualTo(AuditTrail.hash(received));
    assertThat(routed.getPreviousEventHash()).isEqualTo(AuditTrail.hash(classified));
  }

  @Test
  void alteringAnEventBreaksTheLinkToTheNextOne() {
    AuditEvent classified = trail.event(TIP_ID, AuditEventType.CLASSIFIED, null).setAgencyId("knoxville-pd").build();
    AuditEvent routed = trail.event(TIP_ID, AuditEventType.ROUTED, AuditTrail.hash(classified)).build();

    AuditEvent altered = AuditEvent.newBuilder(classified).setAgencyId("memphis-pd").build();

    assertThat(routed.getPreviousEventHash()).isEqualTo(AuditTrail.hash(classified))
        .isNotEqualTo(AuditTrail.hash(altered));
  }

  private static AuditEvent completeEvent() {
    return AuditEvent.newBuilder(ContractFixtures.routedEvent())
        .setRelatedTipId(ContractFixtures.EARLIER_TIP_ID)
        .setPayloadSha256(ContractFixtures.REPORT_SHA256)
        .build();
  }

  private static byte[] avroBinary(AuditEvent event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(AuditEvent.class).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
