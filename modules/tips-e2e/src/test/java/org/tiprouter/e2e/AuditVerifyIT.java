package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tiprouter.app.Tiprouter;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.topics.TopicNames;

/**
 * {@code tiprouter audit show|verify} on a real pipeline: an honest run verifies; a forged audit
 * record and deleted audit records are found and named.
 */
class AuditVerifyIT {

  private static final TopicNames TOPICS = TopicNames.defaults();

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withoutDirectory();

  @Test
  void verifiesAnHonestRunThenNamesAForgedAndADeletedRecord() throws Exception {
    RawTip first = rawTip("{\"description\":\"first audited tip\"}");
    RawTip second = rawTip("{\"description\":\"second audited tip\"}");
    try (RawTipPublisher publisher = new RawTipPublisher(running.clients(), "audit-it", running.serdes(), TOPICS,
        Duration.ofSeconds(30))) {
      publisher.publish(first, Duration.ofSeconds(30));
      publisher.publish(second, Duration.ofSeconds(30));
    }
    awaitRouted();

    Run honest = tiprouter("audit", "verify", "--all");
    assertThat(honest.code).as(honest.toString()).isZero();
    assertThat(honest.out).contains("every chain of custody is intact").contains("2 raw payloads");

    Run show = tiprouter("audit", "show", "--tip", first.getTipId().toString());
    assertThat(show.code).as(show.toString()).isZero();
    assertThat(show.out).contains("RECEIVED").contains("NORMALISED").contains("CLASSIFIED").containsPattern("ROUTED|TRIAGED")
        .contains("chain intact");

    AuditEvent forged = AuditEvent.newBuilder().setEventId(UUID.randomUUID()).setTipId(first.getTipId())
        .setStage("route").setType(AuditEventType.ROUTED).setOccurredAt(Instant.now()).setAgencyId("somewhere-else")
        .setPreviousEventHash(Sha256.hex("not the head".getBytes(StandardCharsets.UTF_8))).build();
    try (KafkaProducer<String, AuditEvent> producer = new KafkaProducer<>(running.clients().producer("forger"),
        new StringSerializer(), running.serdes().value(AuditEvent.class).serializer())) {
      producer.send(new ProducerRecord<>(TOPICS.audit(), first.getTipId().toString(), forged)).get();
    }
    Run afterForgery = tiprouter("audit", "verify", "--tip", first.getTipId().toString());
    assertThat(afterForgery.code).isEqualTo(1);
    assertThat(afterForgery.out).contains("BROKEN: tip " + first.getTipId()).contains("ROUTED points to");

    List<ConsumerRecord<String, AuditEvent>> events = TopicSnapshot.read(running.clients(), TOPICS.audit(),
        new StringDeserializer(), running.serdes().value(AuditEvent.class).deserializer(), Duration.ofSeconds(30));
    ConsumerRecord<String, AuditEvent> secondsNormalised = events.stream()
        .filter(record -> record.value().getTipId().equals(second.getTipId()))
        .filter(record -> record.value().getType() == AuditEventType.NORMALISED).findFirst().orElseThrow();
    try (Admin admin = Admin.create(running.clients().admin("deleter"))) {
      admin.deleteRecords(Map.of(new TopicPartition(TOPICS.audit(), secondsNormalised.partition()),
          RecordsToDelete.beforeOffset(secondsNormalised.offset()))).all().get();
    }
    Run afterDeletion = tiprouter("audit", "verify", "--tip", second.getTipId().toString());
    assertThat(afterDeletion.code).isEqualTo(1);
    assertThat(afterDeletion.out).contains("BROKEN: tip " + second.getTipId()).contains("removed");
  }

  private record Run(int code, String out, String err) {}

  private static Run tiprouter(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--bootstrap-server";
    all[args.length + 1] = running.platform().bootstrapServers();
    all[args.length + 2] = "--registry-url";
    all[args.length + 3] = running.platform().registryUrl();
    int code = Tiprouter.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new Run(code, out.toString(), err.toString());
  }

  private static RawTip rawTip(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return RawTip.newBuilder().setTipId(UUID.randomUUID()).setChannel(Channel.WEB).setReceivedAt(Instant.now())
        .setContentType("application/json").setPayload(ByteBuffer.wrap(payload)).setPayloadSha256(Sha256.hex(payload))
        .setExternalId(null).setSource("audit-it").setAttributes(Map.of()).build();
  }

  private static void awaitRouted() {
    try (Admin admin = Admin.create(running.clients().admin("audit-it-lag"))) {
      await().atMost(ofSeconds(90)).untilAsserted(() -> {
        assertThat(ConsumerGroupLag.of(admin, Stage.NORMALISE.applicationId(), List.of(TOPICS.raw(Channel.WEB)))).isZero();
        assertThat(ConsumerGroupLag.of(admin, Stage.CLASSIFY.applicationId(), List.of(TOPICS.normalised()))).isZero();
        assertThat(ConsumerGroupLag.of(admin, Stage.ROUTE.applicationId(), List.of(TOPICS.classified()))).isZero();
      });
    }
  }
}
