package org.tiprouter.core.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads every committed record of a topic, from the beginning up to the end offsets at the time
 * of the call, without joining a consumer group (nothing is committed). For commands that show a
 * topic (audit, agency tail) and for tests.
 */
public final class TopicSnapshot {

  private TopicSnapshot() {}

  /**
   * The committed record at one position, if it is still there (retention may have removed it).
   *
   * @throws TimeoutException when the broker did not answer within {@code timeout}
   */
  public static <K, V> java.util.Optional<ConsumerRecord<K, V>> readAt(KafkaClientConfigs clients, String topic,
      int partition, long offset, Deserializer<K> keys, Deserializer<V> values, Duration timeout)
      throws TimeoutException {
    Map<String, Object> settings = clients.consumer("record-at-" + topic, "tiprouter-snapshot-" + UUID.randomUUID());
    TopicPartition position = new TopicPartition(topic, partition);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(settings, keys, values)) {
      consumer.assign(List.of(position));
      long end = consumer.endOffsets(List.of(position), timeout).get(position);
      if (offset >= end) {
        return java.util.Optional.empty();
      }
      consumer.seek(position, offset);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (consumer.position(position) < end) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Could not read " + topic + "-" + partition + "@" + offset + " within " + timeout);
        }
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() == offset) {
            return java.util.Optional.of(record);
          }
          if (record.offset() > offset) {
            return java.util.Optional.empty();
          }
        }
      }
      return java.util.Optional.empty();
    }
  }

  /**
   * @throws TimeoutException when the end was not reached within {@code timeout}
   */
  public static <K, V> List<ConsumerRecord<K, V>> read(KafkaClientConfigs clients, String topic,
      Deserializer<K> keys, Deserializer<V> values, Duration timeout) throws TimeoutException {
    return readSince(clients, topic, null, keys, values, timeout);
  }

  /**
   * Like {@link #read}, but starts in each partition at the first record with a timestamp at or
   * after {@code since} (from the beginning when {@code since} is null).
   *
   * @throws TimeoutException when the end was not reached within {@code timeout}
   */
  public static <K, V> List<ConsumerRecord<K, V>> readSince(KafkaClientConfigs clients, String topic, Instant since,
      Deserializer<K> keys, Deserializer<V> values, Duration timeout) throws TimeoutException {
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    forEachSince(clients, topic, since, keys, values, timeout, records::add);
    return records;
  }

  /**
   * Like {@link #readSince}, but hands each record to {@code action} as it is read instead of
   * keeping them all, for topics too large to hold in memory.
   *
   * @throws TimeoutException when the end was not reached within {@code timeout}
   */
  public static <K, V> void forEachSince(KafkaClientConfigs clients, String topic, Instant since,
      Deserializer<K> keys, Deserializer<V> values, Duration timeout, Consumer<ConsumerRecord<K, V>> action)
      throws TimeoutException {
    Map<String, Object> settings = clients.consumer("snapshot-" + topic, "tiprouter-snapshot-" + UUID.randomUUID());
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(settings, keys, values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
      consumer.seekToBeginning(partitions);
      if (since != null) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
        consumer.offsetsForTimes(times, timeout).forEach((partition, found) ->
            consumer.seek(partition, found == null ? ends.get(partition) : found.offset()));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("Could not read " + topic + " to its end within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(action);
      }
    }
  }
}
