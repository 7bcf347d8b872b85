package org.tiprouter.ingest.phone;

import org.tiprouter.core.ingest.RawTopicFollower;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.ingest.RawTipPublisher.NotAcknowledgedException;

/**
 * Stores one call, from the call-taker API or the Twilio webhook, exactly once per call id: the
 * exact bytes received become a {@link RawTip} on the phone raw topic (external id = call id),
 * and the answer is known only after the broker acknowledged it. The topic is read to its end
 * before each decision ({@link RecordedCalls}), so a call sent again, after a restart too, gets
 * the same tip id and nothing new is written. The tip id is derived from the call id
 * ({@link #tipIdOf}), so even two instances racing on one call write the same tip id, which
 * normalise drops as a duplicate.
 */
final class CallRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
  private static final int LOCK_STRIPES = 64;

  /** What storing a call came to. */
  sealed interface Outcome {
    /** Stored now ({@code repeat} false) or earlier with exactly the same bytes. */
    record Stored(UUID tipId, boolean repeat) implements Outcome {}

    /** The call id was stored earlier with other content; nothing was written. */
    record Reused(UUID earlierTipId) implements Outcome {}

    /** The broker did not confirm; nothing may be promised. */
    record NotStored(String why) implements Outcome {}
  }

  private final RawTipPublisher publisher;
  private final RecordedCalls recorded;
  private final Duration timeout;
  private final Clock clock;
  private final Object[] locks = new Object[LOCK_STRIPES];

  CallRecorder(RawTipPublisher publisher, RecordedCalls recorded, Duration timeout, Clock clock) {
    this.publisher = publisher;
    this.recorded = recorded;
    this.timeout = timeout;
    this.clock = clock;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The tip id of a call: the same call id always gives the same tip id. */
  static UUID tipIdOf(String callId) {
    return UUID.nameUUIDFromBytes(("tiprouter:phone:call:" + callId).getBytes(StandardCharsets.UTF_8));
  }

  /** A raw phone tip of {@code payload}. */
  static RawTip rawTip(String callId, byte[] payload, String sha256, String contentType, String source,
      Map<String, String> attributes, Clock clock) {
    return RawTip.newBuilder()
        .setTipId(tipIdOf(callId))
        .setChannel(Channel.PHONE)
        .setReceivedAt(clock.instant())
        .setContentType(contentType)
        .setPayload(ByteBuffer.wrap(payload))
        .setPayloadSha256(sha256)
        .setExternalId(callId)
        .setSource(source)
        .setAttributes(attributes)
        .build();
  }

  Outcome record(String callId, byte[] payload, String contentType, String source, Map<String, String> attributes) {
    String sha256 = Sha256.hex(payload);
    synchronized (locks[Math.floorMod(callId.hashCode(), LOCK_STRIPES)]) {
      try {
        recorded.catchUp(timeout);
      } catch (RawTopicFollower.UnavailableException e) {
        LOG.warn("Call (tip {}) not stored: {}", tipIdOf(callId), e.getMessage());
        return new Outcome.NotStored(e.getMessage());
      }
      var known = recorded.get(callId);
      if (known.isPresent()) {
        return known.get().payloadSha256().equals(sha256) ? new Outcome.Stored(known.get().tipId(), true)
            : new Outcome.Reused(known.get().tipId());
      }
      RawTip raw = rawTip(callId, payload, sha256, contentType, source, attributes, clock);
      try {
        publisher.publish(raw, timeout);
      } catch (NotAcknowledgedException e) {
        return new Outcome.NotStored(e.getMessage());
      }
      recorded.remember(callId, new RecordedCalls.Entry(raw.getTipId(), sha256));
      return new Outcome.Stored(raw.getTipId(), false);
    }
  }
}
