package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.ingest.RawTopicFollower;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedKafka;

/** What the raw topic holds, read from a real broker: reports, file details, records that are not raw tips. */
class RecordedDocumentsIT {

  private static final Deserializer<RawTip> AVRO = ContractSerdes.registryFree().value(RawTip.class).deserializer();
  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void indexesReportsAndFileDetailsAndSkipsRecordsThatAreNotRawTips() throws Exception {
    String topic = newTopic();
    UUID tipId = UUID.randomUUID();
    RawTip report = raw(tipId, "a".repeat(64), "11", Map.of("document", "report"));
    RawTip details = raw(tipId, "b".repeat(64), "11", Map.of("document", "fileDetails"));
    RawTip upstream = raw(UUID.randomUUID(), "c".repeat(64), "22", Map.of());
    write(topic, List.of(encode(topic, report), "not avro".getBytes(StandardCharsets.UTF_8), encode(topic, details),
        encode(topic, upstream)));

    try (RecordedDocuments recorded = new RecordedDocuments(consumer(), AVRO, topic)) {
      recorded.catchUp(Duration.ofSeconds(30));

      assertThat(recorded.contains("a".repeat(64))).isTrue();
      assertThat(recorded.contains("b".repeat(64))).isTrue();
      assertThat(recorded.contains("d".repeat(64))).isFalse();
      assertThat(recorded.tipOfReport("11")).contains(tipId);
      assertThat(recorded.tipOfReport("22")).isPresent();
      assertThat(recorded.tipOfReport("33")).isEmpty();
    }
  }

  @Test
  void aRecordThatCannotBeDecodedYetIsReadAgainNextTime() throws Exception {
    String topic = newTopic();
    RawTip report = raw(UUID.randomUUID(), "e".repeat(64), "44", Map.of("document", "report"));
    write(topic, List.of(encode(topic, report)));
    AtomicBoolean registryDown = new AtomicBoolean(true);
    Deserializer<RawTip> flaky = (name, bytes) -> {
      if (registryDown.get()) {
        throw new IllegalStateException(new ExecutionException(new ConnectException("Connection refused")));
      }
      return AVRO.deserialize(name, bytes);
    };
    KafkaConsumer<String, byte[]> consumer = consumer();
    try (RecordedDocuments recorded = new RecordedDocuments(consumer, flaky, topic)) {
      assertThatThrownBy(() -> recorded.catchUp(Duration.ofSeconds(30)))
          .isInstanceOf(RawTopicFollower.UnavailableException.class);
      assertThat(consumer.position(new TopicPartition(topic, 0))).isZero();
      assertThat(recorded.contains("e".repeat(64))).isFalse();

      registryDown.set(false);
      recorded.catchUp(Duration.ofSeconds(30));
      assertThat(recorded.contains("e".repeat(64))).isTrue();
    }
  }

  private static String newTopic() throws Exception {
    String topic = "raw-" + UUID.randomUUID();
    try (Admin admin = Admin.create(clients.admin("recorded-documents-it"))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }

  private static void write(String topic, List<byte[]> values) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer("recorded-documents-it"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, 0, "key", value)).get();
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    Map<String, Object> props = clients.consumer("recorded-documents-it", "recorded-documents-it-" + UUID.randomUUID());
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static byte[] encode(String topic, RawTip tip) {
    return ContractSerdes.registryFree().value(RawTip.class).serializer().serialize(topic, tip);
  }

  private static RawTip raw(UUID tipId, String sha256, String reportId, Map<String, String> attributes) {
    return RawTip.newBuilder().setTipId(tipId).setChannel(Channel.CYBERTIPLINE).setReceivedAt(Instant.EPOCH)
        .setContentType("text/xml").setPayload(ByteBuffer.wrap(new byte[] {1})).setPayloadSha256(sha256)
        .setExternalId(reportId).setSource("ingest-cybertipline").setAttributes(attributes).build();
  }
}
