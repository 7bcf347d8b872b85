package org.tiprouter.core.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;

/**
 * The first step of every stage: input topics are read as bytes and decoded here, so that a
 * record that is not what the topic promises (garbage, a tombstone, a schema the registry does not
 * know) becomes a dead letter with its original bytes instead of stopping the stage.
 */
public final class DecodingProcessor<T> implements Processor<byte[], byte[], String, StageOutcome<Received<T>>> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodingProcessor.class);

  private final Deserializer<T> deserializer;
  private final DeadLetters deadLetters;
  private ProcessorContext<String, StageOutcome<Received<T>>> context;

  public DecodingProcessor(Deserializer<T> deserializer, DeadLetters deadLetters) {
    this.deserializer = deserializer;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, StageOutcome<Received<T>>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    DeadLetters.Source source = source(record);
    if (record.value() == null) {
      forward(record, key, reject(ReasonCode.NULL_VALUE, "null value or tombstone", source, record));
      return;
    }
    T value;
    try {
      value = deserializer.deserialize(source.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.warn("Undecodable record at {}-{}@{}: {}", source.topic(), source.partition(), source.offset(),
          e.getClass().getSimpleName());
      forward(record, key, reject(ReasonCode.UNDESERIALISABLE, e.getClass().getSimpleName(), source, record));
      return;
    }
    if (value == null) {
      forward(record, key, reject(ReasonCode.NULL_VALUE, "decoded to null", source, record));
      return;
    }
    forward(record, key, StageOutcome.success(new Received<>(value, source, record.key(), record.value())));
  }

  private void forward(Record<byte[], byte[]> record, String key, StageOutcome<Received<T>> outcome) {
    context.forward(record.withKey(key).withValue(outcome));
  }

  private StageOutcome<Received<T>> reject(ReasonCode reason, String detail, DeadLetters.Source source,
      Record<byte[], byte[]> record) {
    DeadLetter letter = deadLetters.create(reason, detail, null, source, record.key(), record.value(), Map.of());
    return StageOutcome.rejected(letter);
  }

  private DeadLetters.Source source(Record<byte[], byte[]> record) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    return new DeadLetters.Source(metadata.map(RecordMetadata::topic).orElse(null),
        metadata.map(RecordMetadata::partition).orElse(null),
        metadata.map(RecordMetadata::offset).orElse(null),
        java.time.Instant.ofEpochMilli(record.timestamp()));
  }
}
