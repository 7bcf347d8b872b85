package org.tiprouter.core.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

/**
 * Writes raw tips to their channel's topic and tells the caller only once the broker has
 * acknowledged them ({@code acks=all}, idempotent producer). An intake answers its sender with
 * success only after {@link #publish} returned: a tip the broker has not confirmed is never
 * reported as received.
 */
public final class RawTipPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RawTipPublisher.class);

  private final Producer<String, RawTip> producer;
  private final TopicNames topics;

  /**
   * @param ackTimeout the longest a caller will wait for an acknowledgement; the producer gives up
   *     on a record by then too, so a tip reported as not stored is not delivered later by a retry
   */
  public RawTipPublisher(KafkaClientConfigs clients, String clientId, ContractSerdes serdes, TopicNames topics,
      Duration ackTimeout) {
    this(new KafkaProducer<>(producerSettings(clients, clientId, ackTimeout), new StringSerializer(),
        serdes.value(RawTip.class).serializer()), topics);
  }

  private static Map<String, Object> producerSettings(KafkaClientConfigs clients, String clientId, Duration ackTimeout) {
    Map<String, Object> settings = new HashMap<>(clients.producer(clientId));
    long timeout = Math.max(ackTimeout.toMillis(), 1000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeout / 2));
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    return settings;
  }

  RawTipPublisher(Producer<String, RawTip> producer, TopicNames topics) {
    this.producer = producer;
    this.topics = topics;
  }

  /** The broker did not confirm the write in time, or refused it. Nothing may be promised. */
  public static final class NotAcknowledgedException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAcknowledgedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Writes {@code tip} keyed by its tip id and waits for the acknowledgement.
   *
   * @return where the tip was stored
   * @throws NotAcknowledgedException when the broker did not confirm within {@code timeout}
   */
  public RecordMetadata publish(RawTip tip, Duration timeout) throws NotAcknowledgedException {
    String topic = topics.raw(tip.getChannel());
    String tipId = String.valueOf(tip.getTipId());
    Future<RecordMetadata> sent;
    try {
      sent = producer.send(new ProducerRecord<>(topic, tipId, tip));
    } catch (RuntimeException e) {
      throw new NotAcknowledgedException("The raw tip could not be sent: " + e.getClass().getSimpleName(), e);
    }
    try {
      RecordMetadata metadata = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Raw tip {} stored at {}-{}@{}", tipId, metadata.topic(), metadata.partition(), metadata.offset());
      return metadata;
    } catch (TimeoutException e) {
      LOG.warn("Raw tip {} not acknowledged by the broker within {}", tipId, timeout);
      throw new NotAcknowledgedException("The broker did not acknowledge the tip in time", e);
    } catch (ExecutionException e) {
      LOG.warn("Raw tip {} refused by the broker: {}", tipId, e.getCause().getClass().getSimpleName());
      throw new NotAcknowledgedException("The broker refused the tip", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotAcknowledgedException("Interrupted while waiting for the broker", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
