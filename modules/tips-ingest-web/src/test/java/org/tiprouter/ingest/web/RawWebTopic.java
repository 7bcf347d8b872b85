package org.tiprouter.ingest.web;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;

/**
 * The web raw topic and the ingest dead-letter topic as the tests see them: created on a broker,
 * and read back from a mark, so each test sees only what it wrote. Reads wait on end offsets, never
 * on time.
 */
final class RawWebTopic {

  static final TopicNames TOPICS = TopicNames.defaults();
  static final String NAME = TOPICS.raw(Channel.WEB);
  static final String DEAD_LETTERS = TOPICS.deadLetters(Stage.INGEST);

  private final KafkaClientConfigs clients;
  private final ContractSerdes serdes;

  RawWebTopic(String bootstrapServers, ContractSerdes serdes) {
    this.clients = new KafkaClientConfigs(bootstrapServers, Map.of());
    this.serdes = serdes;
  }

  /** Creates every pipeline topic (idempotent). */
  RawWebTopic create() {
    try (Admin admin = Admin.create(clients.admin("web-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TOPICS, TopicSettings.brokerDefaults()).pipelineTopics());
    }
    return this;
  }

  /** The current end of every partition. */
  Map<TopicPartition, Long> mark() {
    return mark(NAME);
  }

  /** The current end of every partition of the ingest dead-letter topic. */
  Map<TopicPartition, Long> markDeadLetters() {
    return mark(DEAD_LETTERS);
  }

  /**
   * The ingest dead letters written after {@code mark}, once there are at least {@code expected}
   * (they are written after the sender's answer), read up to the end at that moment.
   */
  List<DeadLetter> deadLettersSince(Map<TopicPartition, Long> mark, int expected) {
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(clients.consumer("web-it", "web-it-"
        + UUID.randomUUID()), new StringDeserializer(), serdes.value(DeadLetter.class).deserializer())) {
      List<TopicPartition> partitions = List.copyOf(mark.keySet());
      consumer.assign(partitions);
      partitions.forEach(partition -> consumer.seek(partition, mark.get(partition)));
      await().atMost(ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> letters.add(record.value()));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        return letters.size() >= expected && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
    }
    return letters;
  }

  private Map<TopicPartition, Long> mark(String name) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumer("web-it", "web-it-"
        + UUID.randomUUID()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
          .map(info -> new TopicPartition(name, info.partition())).toList();
      return new HashMap<>(consumer.endOffsets(partitions));
    }
  }

  /** Every committed raw web tip written after {@code mark}, read up to the current end. */
  List<RawTip> since(Map<TopicPartition, Long> mark) {
    return records(mark).stream().map(ConsumerRecord::value).toList();
  }

  List<ConsumerRecord<String, RawTip>> records(Map<TopicPartition, Long> mark) {
    List<ConsumerRecord<String, RawTip>> records = new ArrayList<>();
    try (KafkaConsumer<String, RawTip> consumer = new KafkaConsumer<>(clients.consumer("web-it", "web-it-"
        + UUID.randomUUID()), new StringDeserializer(), serdes.value(RawTip.class).deserializer())) {
      List<TopicPartition> partitions = List.copyOf(mark.keySet());
      consumer.assign(partitions);
      partitions.forEach(partition -> consumer.seek(partition, mark.get(partition)));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
    }
    return records;
  }

  /** The raw bytes of every record value written after {@code mark} (to look for what must never be there). */
  List<byte[]> rawValues(Map<TopicPartition, Long> mark) {
    List<byte[]> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumer("web-it", "web-it-"
        + UUID.randomUUID()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.copyOf(mark.keySet());
      consumer.assign(partitions);
      partitions.forEach(partition -> consumer.seek(partition, mark.get(partition)));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
    }
    return values;
  }
}
