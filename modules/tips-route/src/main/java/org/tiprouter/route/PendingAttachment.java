package org.tiprouter.route;

import java.time.Instant;
import java.util.UUID;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.streams.Received;

/**
 * A decoded attachment on its way to its tip's collector, exactly as read from the attachments
 * topic (key and value bytes, source position), so the collector can still dead-letter it as it
 * arrived. It waits for no lookups: {@link #count()} is 0.
 */
record PendingAttachment(UUID tipId, byte[] originalKey, byte[] originalValue, DeadLetters.Source source)
    implements CollectorInput {

  static final byte TYPE = 'A';

  static PendingAttachment of(Received<TipAttachment> received) {
    return new PendingAttachment(received.value().getTipId(), received.originalKey(), received.originalValue(),
        received.source());
  }

  @Override
  public int count() {
    return 0;
  }

  @Override
  public byte[] encode() {
    return new Wire.Writer(TYPE).uuid(tipId).bytes(originalKey).bytes(originalValue)
        .string(source.topic()).optionalInt(source.partition()).optionalLong(source.offset())
        .optionalLong(source.timestamp() == null ? null : source.timestamp().toEpochMilli()).toByteArray();
  }

  static PendingAttachment decode(byte[] bytes) {
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    UUID tipId = in.uuid();
    byte[] key = in.bytes();
    byte[] value = in.bytes();
    String topic = in.string();
    Integer partition = in.optionalInt();
    Long offset = in.optionalLong();
    Long timestamp = in.optionalLong();
    return new PendingAttachment(tipId, key, value,
        new DeadLetters.Source(topic, partition, offset, timestamp == null ? null : Instant.ofEpochMilli(timestamp)));
  }
}
