package org.tiprouter.ingest.cybertipline;

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
 * What the CyberTipline raw topic already holds: every document's SHA-256 and, for reports, which
 * tip a report id belongs to. Built by reading the topic from the beginning and kept current by
 * reading it up to its end before each decision, so it survives restarts and sees what other
 * intake instances wrote. Records that are not raw tips at all are skipped (logged by position only).
 *
 * <p>Not a cache that can go stale in a harmful way: a document is only written after the topic was
 * read to its end. Two instances receiving the same bytes in the same instant may both write it;
 * both records then carry the same tip id and payload, and normalise drops the second as a duplicate.
 */
final class RecordedDocuments implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RecordedDocuments.class);

  /** Reading the topic did not finish in time (the broker is unavailable). */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Consumer<String, byte[]> consumer;
  private final Deserializer<RawTip> values;
  private final String topic;
  private final Map<String, UUID> tipOfReport = new HashMap<>();
  private final Set<String> payloads = new HashSet<>();

  /**
   * @param consumer a consumer of the raw topic that this object owns (values as bytes)
   * @param values how raw tips are decoded
   * @param topic the CyberTipline raw topic
   */
  RecordedDocuments(Consumer<String, byte[]> consumer, Deserializer<RawTip> values, String topic) {
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

  /**
   * Indexes a batch. A record that cannot be decoded because something is unreachable (the schema
   * registry) stops the catch-up and is read again next time, together with the rest of the batch;
   * a record that can never be decoded (not a raw tip at all) is skipped and logged by position.
   */
  private void index(ConsumerRecords<String, byte[]> batch) throws UnavailableException {
    List<TopicPartition> partitions = new ArrayList<>(batch.partitions());
    for (int i = 0; i < partitions.size(); i++) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(i))) {
        RawTip tip;
        try {
          tip = record.value() == null ? null : values.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
          if (!unreachable(e)) {
            LOG.warn("Skipping undecodable record {}-{}@{} while reading recorded CyberTipline documents",
                record.topic(), record.partition(), record.offset());
            continue;
          }
          consumer.seek(partitions.get(i), record.offset());
          for (TopicPartition later : partitions.subList(i + 1, partitions.size())) {
            consumer.seek(later, batch.records(later).get(0).offset());
          }
          throw new UnavailableException("raw tips cannot be decoded right now: " + e.getClass().getSimpleName(), e);
        }
        if (tip != null) {
          remember(tip);
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

  /** Adds a record this process has just written (the next catch-up reads it again, harmlessly). */
  synchronized void remember(RawTip tip) {
    payloads.add(tip.getPayloadSha256());
    String document = tip.getAttributes().get(CyberTiplineReceiver.DOCUMENT);
    if (tip.getExternalId() != null && !CyberTiplineReceiver.FILE_DETAILS.equals(document)) {
      tipOfReport.putIfAbsent(tip.getExternalId(), tip.getTipId());
    }
  }

  /** Whether a document with exactly these bytes is on the topic. */
  synchronized boolean contains(String payloadSha256) {
    return payloads.contains(payloadSha256);
  }

  /** The tip of a recorded report. */
  synchronized Optional<UUID> tipOfReport(String reportId) {
    return Optional.ofNullable(tipOfReport.get(reportId));
  }

  @Override
  public synchronized void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
