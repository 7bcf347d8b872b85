package org.tiprouter.core.streams;

import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;

/**
 * A decoded input record together with where it came from and its original bytes, so that any
 * later step can still dead-letter it exactly as it arrived.
 *
 * @param value the decoded value
 * @param source topic, partition, offset and timestamp it was read at
 * @param originalKey the key bytes as read
 * @param originalValue the value bytes as read
 */
public record Received<T>(T value, DeadLetters.Source source, byte[] originalKey, byte[] originalValue) {

  /**
   * The tip id of the decoded value when it has one (a {@code tipId} field, or a {@code tip} field
   * that has one), else null.
   */
  public UUID tipId() {
    return tipIdOf(value);
  }

  private static UUID tipIdOf(Object value) {
    if (value instanceof SpecificRecord record) {
      Schema.Field id = record.getSchema().getField("tipId");
      if (id != null && record.get(id.pos()) instanceof UUID uuid) {
        return uuid;
      }
      Schema.Field tip = record.getSchema().getField("tip");
      if (tip != null) {
        return tipIdOf(record.get(tip.pos()));
      }
    }
    return null;
  }

  /** A dead letter for this record with its original bytes. */
  public DeadLetter deadLetter(DeadLetters deadLetters, ReasonCode reason, String detail, UUID tipId) {
    return deadLetters.create(reason, detail, tipId, source, originalKey, originalValue, Map.of());
  }

  /** A rejected outcome for this record. */
  public <U> StageOutcome<U> reject(DeadLetters deadLetters, ReasonCode reason, String detail, UUID tipId) {
    return StageOutcome.rejected(deadLetter(deadLetters, reason, detail, tipId));
  }
}
