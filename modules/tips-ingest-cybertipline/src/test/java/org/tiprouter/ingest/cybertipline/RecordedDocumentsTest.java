package org.tiprouter.ingest.cybertipline;

import org.tiprouter.core.ingest.RawTopicFollower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.serde.ContractSerdes;

/** What the raw topic holds, read without a broker (MockConsumer). */
class RecordedDocumentsTest {

  private static final String TOPIC = "tips.raw.cybertipline.v1";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Deserializer<RawTip> AVRO = ContractSerdes.registryFree().value(RawTip.class).deserializer();

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");

  RecordedDocumentsTest() {
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
  }

  @Test
  void indexesReportsAndFileDetailsAndSkipsRecordsThatAreNotRawTips() throws Exception {
    UUID tipId = UUID.randomUUID();
    RawTip report = raw(tipId, "a".repeat(64), "11", Map.of("document", "report"));
    RawTip details = raw(tipId, "b".repeat(64), "11", Map.of("document", "fileDetails"));
    RawTip upstream = raw(UUID.randomUUID(), "c".repeat(64), "22", Map.of());
    deliver(List.of(encode(report), "not avro".getBytes(), encode(details), encode(upstream)));
    RecordedDocuments recorded = new RecordedDocuments(consumer, AVRO, TOPIC);

    recorded.catchUp(Duration.ofSeconds(5));

    assertThat(recorded.contains("a".repeat(64))).isTrue();
    assertThat(recorded.contains("b".repeat(64))).isTrue();
    assertThat(recorded.contains("d".repeat(64))).isFalse();
    assertThat(recorded.tipOfReport("11")).contains(tipId);
    assertThat(recorded.tipOfReport("22")).isPresent();
    assertThat(recorded.tipOfReport("33")).isEmpty();
  }

  @Test
  void aRecordThatCannotBeDecodedYetIsReadAgainNextTime() throws Exception {
    RawTip report = raw(UUID.randomUUID(), "e".repeat(64), "44", Map.of("document", "report"));
    AtomicBoolean registryDown = new AtomicBoolean(true);
    Deserializer<RawTip> flaky = (topic, bytes) -> {
      if (registryDown.get()) {
        throw new IllegalStateException(new java.util.concurrent.ExecutionException(new java.net.ConnectException("Connection refused")));
      }
      return AVRO.deserialize(topic, bytes);
    };
    byte[] encoded = encode(report);
    deliver(List.of(encoded));
    RecordedDocuments recorded = new RecordedDocuments(consumer, flaky, TOPIC);

    assertThatThrownBy(() -> recorded.catchUp(Duration.ofSeconds(5)))
        .isInstanceOf(RawTopicFollower.UnavailableException.class);
    assertThat(consumer.position(PARTITION)).isZero();
    assertThat(recorded.contains("e".repeat(64))).isFalse();

    registryDown.set(false);
    consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0L, "key", encoded)));
    recorded.catchUp(Duration.ofSeconds(5));
    assertThat(recorded.contains("e".repeat(64))).isTrue();
  }

  private void deliver(List<byte[]> values) {
    consumer.updateEndOffsets(Map.of(PARTITION, (long) values.size()));
    consumer.schedulePollTask(() -> {
      for (int i = 0; i < values.size(); i++) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, "key", values.get(i)));
      }
    });
  }

  private static byte[] encode(RawTip tip) {
    return ContractSerdes.registryFree().value(RawTip.class).serializer().serialize(TOPIC, tip);
  }

  private static RawTip raw(UUID tipId, String sha256, String reportId, Map<String, String> attributes) {
    return RawTip.newBuilder().setTipId(tipId).setChannel(Channel.CYBERTIPLINE).setReceivedAt(Instant.EPOCH)
        .setContentType("text/xml").setPayload(ByteBuffer.wrap(new byte[] {1})).setPayloadSha256(sha256)
        .setExternalId(reportId).setSource("ingest-cybertipline").setAttributes(attributes).build();
  }
}
