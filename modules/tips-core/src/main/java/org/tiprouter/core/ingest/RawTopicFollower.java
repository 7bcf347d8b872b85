package org.tiprouter.core.ingest;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;

/**
 * Follows a raw topic from its beginning for an intake's idempotency: {@link #catchUp} reads it to
 * its current end and hands every raw tip to the intake's index, so what was stored survives
 * restarts and includes what other instances wrote. A record that can never be decoded (not a raw
 * tip) is skipped and logged by position; one that cannot be decoded because the schema registry
 * is unreachable stops the catch-up and is read again next time.
 */
public final class RawTopicFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RawTopicFollower.class);

  /** Reading the topic did not finish in time (the broker or the registry is unavailable). */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Deserializer<RawTip> values;
  private final String topic;
  private final Consumer<RawTip> index;

  /**
   * @param consumer a consumer of the raw topic that this object owns (values as bytes)
   * @param values how raw tips are decoded
   * @param topic the raw topic
   * @param index receives every raw tip read, in topic order per partition
   */
  public RawTopicFollower(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Deserializer<RawTip> values, String topic, Consumer<RawTip> index) {
    this.consumer = consumer;
    this.values = values;
    this.topic = topic;
    this.index = index;
  }

  /** Reads the topic up to its current end. */
  public synchronized void catchUp(Duration timeout) throws UnavailableException {
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

  private void index(ConsumerRecords<String, byte[]> batch) throws UnavailableException {
    List<TopicPartition> partitions = new ArrayList<>(batch.partitions());
    for (int i = 0; i < partitions.size(); i++) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(i))) {
        RawTip tip;
        try {
          tip = record.value() == null ? null : values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
          if (!unreachable(e)) {
            LOG.warn("Skipping undecodable record {}-{}@{} while reading what was stored", record.topic(),
                record.partition(), record.offset());
            continue;
          }
          consumer.seek(partitions.get(i), record.offset());
          for (TopicPartition later : partitions.subList(i + 1, partitions.size())) {
            consumer.seek(later, batch.records(later).get(0).offset());
          }
          throw new UnavailableException("raw tips cannot be decoded right now: " + e.getClass().getSimpleName(), e);
        }
        if (tip != null) {
          index.accept(tip);
        }
      }
    }
  }

  /** Whether decoding failed because a service (the schema registry) could not be reached in time. */
  private static boolean unreachable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof SocketTimeoutException
          || cause instanceof UnknownHostException || cause instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
