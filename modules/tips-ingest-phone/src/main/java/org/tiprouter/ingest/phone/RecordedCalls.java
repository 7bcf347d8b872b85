package org.tiprouter.ingest.phone;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;

/**
 * Which calls the phone raw topic already holds: call id → tip id and payload SHA-256, whichever
 * path (API, import, webhook) stored them. Built by reading the topic from the beginning and kept
 * current by reading it to its end before each decision, so idempotency survives restarts and sees
 * what other instances wrote. Records that are not raw tips are skipped (logged by position only).
 */
final class RecordedCalls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecordedCalls.class);

  /** A stored call. */
  record Entry(UUID tipId, String payloadSha256) {}

  /** Reading the topic did not finish in time (the broker or registry is unavailable). */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Consumer<String, byte[]> consumer;
  private final Deserializer<RawTip> values;
  private final String topic;
  private final Map<String, Entry> calls = new HashMap<>();

  RecordedCalls(Consumer<String, byte[]> consumer, Deserializer<RawTip> values, String topic) {
    this.consumer = consumer;
    this.values = values;
    this.topic = topic;
  }

  /** Reads the topic up to its current end. */
  synchronized void catchUp(Duration timeout) throws UnavailableException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      if (!consumer.assignment().containsAll(partitions)) {
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(consumer.assignment());
        consumer.assign(partitions);
        consumer.seekToBeginning(added);
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
      while (behind(ends, deadline)) {
        if (System.nanoTime() > deadline) {
          throw new UnavailableException("the raw topic could not be read to its end in " + timeout, null);
        }
        index(consumer.poll(Duration.ofMillis(100)));
      }
    } catch (KafkaException e) {
      throw new UnavailableException("the raw topic could not be read: " + e.getClass().getSimpleName(), e);
    }
  }

  private boolean behind(Map<TopicPartition, Long> ends, long deadline) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey(), remaining(deadline)) < end.getValue()) {
        return true;
      }
    }
    return false;
  }

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
  }

  /** Indexes a batch; an unreachable registry stops the catch-up and the batch is read again next time. */
  private void index(ConsumerRecords<String, byte[]> batch) throws UnavailableException {
    List<TopicPartition> partitions = new ArrayList<>(batch.partitions());
    for (int i = 0; i < partitions.size(); i++) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(i))) {
        RawTip tip;
        try {
          tip = record.value() == null ? null : values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
          if (!unreachable(e)) {
            LOG.warn("Skipping undecodable record {}-{}@{} while reading recorded calls", record.topic(),
                record.partition(), record.offset());
            continue;
          }
          consumer.seek(partitions.get(i), record.offset());
          for (TopicPartition later : partitions.subList(i + 1, partitions.size())) {
            consumer.seek(later, batch.records(later).get(0).offset());
          }
          throw new UnavailableException("raw tips cannot be decoded right now: " + e.getClass().getSimpleName(), e);
        }
        if (tip != null && tip.getExternalId() != null) {
          calls.putIfAbsent(tip.getExternalId(), new Entry(tip.getTipId(), tip.getPayloadSha256()));
        }
      }
    }
  }

  private static boolean unreachable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof SocketTimeoutException
          || cause instanceof UnknownHostException || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Adds a call this process has just written or is writing (the next catch-up reads it again, harmlessly). */
  synchronized void remember(String callId, Entry entry) {
    calls.putIfAbsent(callId, entry);
  }

  /** Forgets a call whose write was not confirmed. */
  synchronized void forget(String callId, Entry entry) {
    calls.remove(callId, entry);
  }

  synchronized Optional<Entry> get(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  synchronized int size() {
    return calls.size();
  }

  @Override
  public synchronized void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
