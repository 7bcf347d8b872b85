package org.tiprouter.ingest.web;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.web.WebSubmission;
import org.tiprouter.formats.web.WebSubmissionParser;

/**
 * Refills the {@link SubmissionLedger} after a restart: reads the web raw topic back over the
 * idempotency window and remembers every submission id the intake stored there (by this or any
 * other instance, up to now). The raw tip already holds the submission id (its
 * {@code externalId}); nothing else is kept.
 */
final class LedgerRestore {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerRestore.class);

  private LedgerRestore() {}

  /**
   * @return how many submission ids were remembered
   * @throws org.apache.kafka.common.KafkaException or a timeout when the topic cannot be read in time
   */
  static int restore(SubmissionLedger ledger, Consumer<String, RawTip> consumer, String topic, String source,
      WebSubmissionParser parser, Clock clock, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    long since = clock.instant().minus(ledger.window()).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(partition -> query.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
    for (TopicPartition partition : partitions) {
      OffsetAndTimestamp start = starts.get(partition);
      consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
    }
    int remembered = 0;
    while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("reading " + topic + " back took longer than " + timeout);
      }
      for (ConsumerRecord<String, RawTip> record : consumer.poll(Duration.ofMillis(200))) {
        RawTip raw = record.value();
        if (raw == null || raw.getExternalId() == null || !source.equals(raw.getSource())) {
          continue;
        }
        byte[] payload = bytes(raw.getPayload());
        Parsed<WebSubmission> parsed = parser.parse(payload, raw.getContentType());
        String fingerprint = parsed instanceof Parsed.Accepted<WebSubmission> accepted
            ? parser.fingerprint(accepted.value()) : null;
        ledger.remember(raw.getExternalId(), new SubmissionLedger.Entry(raw.getTipId(), fingerprint,
            raw.getReceivedAt()));
        remembered++;
      }
    }
    LOG.info("Idempotency ledger restored: {} submission ids from {}", remembered, topic);
    return remembered;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
