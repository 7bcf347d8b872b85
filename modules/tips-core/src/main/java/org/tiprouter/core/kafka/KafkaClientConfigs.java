package org.tiprouter.core.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.tiprouter.core.topics.TopicCatalogue;

/**
 * Builds Kafka client settings that keep the pipeline's promises: nothing lost, nothing
 * duplicated. Producers are idempotent with {@code acks=all}; consumers read only committed
 * records and commit by hand; Streams runs {@code exactly_once_v2}. Overrides may add settings
 * (security, tuning) but a setting that would weaken a promise is refused with an error naming it.
 */
public final class KafkaClientConfigs {

  private final String bootstrapServers;
  private final Map<String, Object> overrides;

  /**
   * @param bootstrapServers host:port list
   * @param overrides extra client settings (for example {@code security.protocol}), applied to
   *     every client this factory builds
   */
  public KafkaClientConfigs(String bootstrapServers, Map<String, ?> overrides) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.overrides = Map.copyOf(overrides);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** An idempotent producer that waits for every in-sync replica. */
  public Map<String, Object> producer(String clientId) {
    Map<String, Object> props = common(clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicCatalogue.MAX_MESSAGE_BYTES);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.putAll(overrides);
    require(props, ProducerConfig.ACKS_CONFIG, "all", "-1");
    require(props, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return props;
  }

  /** A consumer that sees only committed records and commits offsets itself. */
  public Map<String, Object> consumer(String clientId, String groupId) {
    Map<String, Object> props = common(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, TopicCatalogue.MAX_MESSAGE_BYTES);
    props.putAll(overrides);
    require(props, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    require(props, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /** An admin client. */
  public Map<String, Object> admin(String clientId) {
    Map<String, Object> props = common(clientId);
    props.putAll(overrides);
    return props;
  }

  /**
   * A Kafka Streams application with exactly-once processing.
   *
   * @param applicationId the stage's application id (consumer group and transactional id prefix)
   * @param stateDir where local state stores live
   * @param replicationFactor replication of internal topics; -1 uses the broker default
   */
  public Properties streams(String applicationId, Path stateDir, short replicationFactor) {
    Map<String, Object> props = new HashMap<>();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        TopicCatalogue.MAX_MESSAGE_BYTES);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
        TopicCatalogue.MAX_MESSAGE_BYTES);
    props.putAll(overrides);
    require(props, StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    Properties properties = new Properties();
    properties.putAll(props);
    return properties;
  }

  private Map<String, Object> common(String clientId) {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, Objects.requireNonNull(clientId, "clientId"));
    return props;
  }

  private static void require(Map<String, Object> props, String key, String... allowed) {
    String actual = String.valueOf(props.get(key));
    for (String value : allowed) {
      if (value.equalsIgnoreCase(actual)) {
        return;
      }
    }
    throw new IllegalArgumentException("Kafka setting " + key + "=" + actual
        + " is not allowed: tiprouter requires " + key + "=" + allowed[0]);
  }
}
