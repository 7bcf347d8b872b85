package org.tiprouter.ingest.phone;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.ingest.RawTopicFollower;
import org.tiprouter.core.ingest.RawTopicFollower.UnavailableException;

/**
 * Which calls the phone raw topic already holds: call id → tip id and payload SHA-256, whichever
 * path (API, import, webhook) stored them. Built by reading the topic from the beginning and kept
 * current by reading it to its end before each decision, so idempotency survives restarts and sees
 * what other instances wrote. Records that are not raw tips are skipped (logged by position only).
 */
final class RecordedCalls implements AutoCloseable {

  /** A stored call. */
  record Entry(UUID tipId, String payloadSha256) {}

  private final RawTopicFollower follower;
  private final Map<String, Entry> calls = new HashMap<>();

  RecordedCalls(Consumer<String, byte[]> consumer, Deserializer<RawTip> values, String topic) {
    this.follower = new RawTopicFollower(consumer, values, topic, this::index);
  }

  /** Reads the topic up to its current end. */
  void catchUp(Duration timeout) throws UnavailableException {
    follower.catchUp(timeout);
  }

  private synchronized void index(RawTip tip) {
    if (tip.getExternalId() != null) {
      calls.putIfAbsent(tip.getExternalId(), new Entry(tip.getTipId(), tip.getPayloadSha256()));
    }
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
  public void close() {
    follower.close();
  }
}
