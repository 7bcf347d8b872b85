package org.tiprouter.ingest.cybertipline;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.ingest.RawTopicFollower;
import org.tiprouter.core.ingest.RawTopicFollower.UnavailableException;

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

  private final RawTopicFollower follower;
  private final Map<String, UUID> tipOfReport = new HashMap<>();
  private final Set<String> payloads = new HashSet<>();

  /**
   * @param consumer a consumer of the raw topic that this object owns (values as bytes)
   * @param values how raw tips are decoded
   * @param topic the CyberTipline raw topic
   */
  RecordedDocuments(Consumer<String, byte[]> consumer, Deserializer<RawTip> values, String topic) {
    this.follower = new RawTopicFollower(consumer, values, topic, this::remember);
  }

  /** Reads the topic up to its current end. */
  void catchUp(Duration timeout) throws UnavailableException {
    follower.catchUp(timeout);
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
  public void close() {
    follower.close();
  }
}
