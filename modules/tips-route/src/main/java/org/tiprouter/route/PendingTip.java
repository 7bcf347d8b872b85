package org.tiprouter.route;

import java.time.Instant;
import java.util.UUID;
import org.tiprouter.core.errors.DeadLetters;

/**
 * A decoded classified tip on its way to its collector, which routes it once all its lookup
 * results arrived. Carries the input record exactly as read (key and value bytes, source
 * position), so the collector can still dead-letter it as it arrived.
 *
 * @param tipId the tip
 * @param count how many correlation keys it has (lookup results to wait for)
 * @param originalKey key bytes as read from the classified topic
 * @param originalValue value bytes as read
 * @param source topic, partition, offset and timestamp it was read at
 */
record PendingTip(UUID tipId, int count, byte[] originalKey, byte[] originalValue, DeadLetters.Source source)
    implements CollectorInput {

  static final byte TYPE = 'T';

  @Override
  public byte[] encode() {
    return new Wire.Writer(TYPE).uuid(tipId).integer(count).bytes(originalKey).bytes(originalValue)
        .string(source.topic()).optionalInt(source.partition()).optionalLong(source.offset())
        .optionalLong(source.timestamp() == null ? null : source.timestamp().toEpochMilli()).toByteArray();
  }

  static PendingTip decode(byte[] bytes) {
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    UUID tipId = in.uuid();
    int count = in.integer();
    byte[] key = in.bytes();
    byte[] value = in.bytes();
    String topic = in.string();
    Integer partition = in.optionalInt();
    Long offset = in.optionalLong();
    Long timestamp = in.optionalLong();
    return new PendingTip(tipId, count, key, value,
        new DeadLetters.Source(topic, partition, offset, timestamp == null ? null : Instant.ofEpochMilli(timestamp)));
  }
}
