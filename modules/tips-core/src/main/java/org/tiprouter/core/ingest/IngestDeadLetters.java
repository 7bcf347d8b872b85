package org.tiprouter.core.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

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

  /**
   * The intakes' dead-letter writer: an idempotent {@code acks=all} producer that sends at once
   * (no linger), one request at a time, and gives up on a record within {@code timeout} (at least one
   * second), so a broker outage costs a refused sender at most that long and the failure is logged.
   *
   * @param clientId the Kafka client id, e.g. {@code ingest-web-dlq}
   */
  public static IngestDeadLetters open(KafkaClientConfigs clients, String clientId, ContractSerdes serdes,
      TopicNames topics, Duration timeout) {
    Map<String, Object> settings = new HashMap<>(clients.producer(clientId));
    long millis = Math.max(timeout.toMillis(), 1000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // One request in flight: refusals are few, and with several in flight a first batch retried after
    // a metadata error (e.g. a partition just created or moved) can be overtaken by the next one and
    // then be refused as out of sequence until its delivery timeout, losing that dead letter.
    settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, millis / 2));
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    return new IngestDeadLetters(new KafkaProducer<>(settings, new StringSerializer(),
        serdes.value(DeadLetter.class).serializer()), topics.deadLetters(Stage.INGEST));
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
