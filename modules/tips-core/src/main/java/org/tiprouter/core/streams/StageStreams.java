package org.tiprouter.core.streams;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.errors.ReasonCode;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.errors.DeadLetters;

/**
 * The two pieces every stage topology is built from: read untrusted input as bytes and decode it
 * ({@link #decode}), and send every rejected outcome to the stage's dead-letter topic while
 * passing the rest on ({@link #deadLetterRejected}). Names of processors derive from {@code name}.
 */
public final class StageStreams {

  private static final Logger LOG = LoggerFactory.getLogger(StageStreams.class);

  private StageStreams() {}

  /**
   * Wraps a stage's processing step: it runs on decoded records only, and an unexpected exception
   * in it turns the record into a {@link ReasonCode#PROCESSING_FAILED} dead letter (original bytes
   * kept for replay) instead of stopping the stage.
   */
  public static <T, U> ValueMapper<StageOutcome<Received<T>>, StageOutcome<U>> guarded(DeadLetters deadLetters,
      Function<Received<T>, StageOutcome<U>> step) {
    return outcome -> outcome.then(received -> {
      try {
        return step.apply(received);
      } catch (RuntimeException e) {
        DeadLetters.Source source = received.source();
        LOG.error("Processing failed for tip {} at {}-{}@{}: {}", received.tipId(), source.topic(), source.partition(),
            source.offset(), e.getClass().getName());
        return received.reject(deadLetters, ReasonCode.PROCESSING_FAILED, e.getClass().getName(), received.tipId());
      }
    });
  }

  /** Reads {@code topics} as raw bytes and decodes each value; bad records become rejections. */
  public static <T> KStream<String, StageOutcome<Received<T>>> decode(StreamsBuilder builder, Collection<String> topics,
      Deserializer<T> deserializer, DeadLetters deadLetters, String name) {
    return builder.stream(topics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
        .process(() -> new DecodingProcessor<>(deserializer, deadLetters), Named.as(name + "-decode"));
  }

  /**
   * Writes rejected outcomes to {@code deadLetterTopic} and returns the values of the rest.
   */
  public static <T> KStream<String, T> deadLetterRejected(KStream<String, StageOutcome<T>> outcomes,
      String deadLetterTopic, Serde<DeadLetter> deadLetterSerde, String name) {
    Map<String, KStream<String, StageOutcome<T>>> branches = outcomes.split(Named.as(name + "-"))
        .branch((key, outcome) -> outcome.isRejected(), Branched.as("rejected"))
        .defaultBranch(Branched.as("accepted"));
    branches.get(name + "-rejected")
        .mapValues(StageOutcome::deadLetter, Named.as(name + "-dead-letter"))
        .to(deadLetterTopic, Produced.with(Serdes.String(), deadLetterSerde).withName(name + "-dlq-sink"));
    return branches.get(name + "-accepted").mapValues(StageOutcome::value, Named.as(name + "-accepted-value"));
  }
}
