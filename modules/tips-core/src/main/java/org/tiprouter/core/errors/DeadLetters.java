package org.tiprouter.core.errors;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;

/**
 * Builds the dead letters of one stage. A dead letter keeps the original bytes and where they
 * came from, so the record can be replayed after a fix; its detail names the problem without
 * quoting the payload.
 */
public final class DeadLetters {

  private final Stage stage;
  private final Clock clock;

  public DeadLetters(Stage stage, Clock clock) {
    this.stage = stage;
    this.clock = clock;
  }

  /** Where a record was read from; all parts optional for records that came from outside Kafka. */
  public record Source(String topic, Integer partition, Long offset, Instant timestamp) {
    public static final Source NONE = new Source(null, null, null, null);
  }

  /**
   * A dead letter.
   *
   * @param reason why
   * @param detail what exactly, without personal data or payload text
   * @param tipId the tip, when known
   * @param source where the record was read
   * @param key the original key bytes, may be null
   * @param value the original value bytes, may be null
   * @param context non-personal extra facts (file name, line number, ...)
   */
  public DeadLetter create(ReasonCode reason, String detail, UUID tipId, Source source, byte[] key,
      byte[] value, Map<String, String> context) {
    return DeadLetter.newBuilder()
        .setStage(stage.id())
        .setReasonCode(reason.name())
        .setDetail(detail)
        .setTipId(tipId)
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset())
        .setSourceTimestamp(source.timestamp())
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key.clone()))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value.clone()))
        .setContext(Map.copyOf(context))
        .setDeadLetteredAt(clock.instant())
        .build();
  }
}
