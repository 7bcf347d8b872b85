package org.tiprouter.core.ingest;

import java.time.Duration;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.DeadLetter;

/**
 * Writes the intake's dead letters to {@code tips.dlq.ingest.v1}. The sender's answer never waits
 * for this write: a refused input is refused whether or not its dead letter could be stored,
 * and a failure is logged with the reason code (never the payload).
 */
public final class IngestDeadLetters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestDeadLetters.class);

  private final Producer<String, DeadLetter> producer;
  private final String topic;

  public IngestDeadLetters(Producer<String, DeadLetter> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public void send(DeadLetter letter) {
    String key = letter.getTipId() == null ? null : letter.getTipId().toString();
    try {
      producer.send(new ProducerRecord<>(topic, key, letter), (metadata, error) -> {
        if (error != null) {
          LOG.warn("Dead letter ({}) not stored on {}: {}", letter.getReasonCode(), topic,
              error.getClass().getSimpleName());
        } else {
          LOG.info("Dead letter ({}) stored at {}-{}@{}", letter.getReasonCode(), metadata.topic(),
              metadata.partition(), metadata.offset());
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("Dead letter ({}) not sent to {}: {}", letter.getReasonCode(), topic, e.getClass().getSimpleName());
    }
  }

  /** Waits for every dead letter sent so far (importers call this before they report). */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
