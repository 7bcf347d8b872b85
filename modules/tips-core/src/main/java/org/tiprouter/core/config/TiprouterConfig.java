package org.tiprouter.core.config;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicSettings;

/**
 * The settings every tiprouter process shares: where Kafka and the schema registry are, and how
 * topics are named and created. Each process extends this with its own {@link ConfigDef}
 * (see {@link #baseConfigDef()}), so every key is typed, validated and documented in one place.
 *
 * <p>Values come from {@link ConfigSources}: defaults, then a properties file, then
 * {@code TIPROUTER_*} environment variables, then explicit command-line options. Keys starting
 * with {@value #KAFKA_PREFIX} are passed, without the prefix, to every Kafka client the process
 * creates (for example {@code kafka.security.protocol}).
 */
public abstract class TiprouterConfig extends AbstractConfig {

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "registry.url";
  public static final String TOPICS_PREFIX = "topics.prefix";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String TOPICS_MIN_INSYNC_REPLICAS = "topics.min.insync.replicas";
  /** Prefix of keys passed through to the Kafka clients. */
  public static final String KAFKA_PREFIX = "kafka.";

  /** The keys every process understands; extend it with {@code new ConfigDef(baseConfigDef())}. */
  public static ConfigDef baseConfigDef() {
    return new ConfigDef()
        .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", Importance.HIGH,
            "Kafka bootstrap servers, host:port separated by commas.")
        .define(REGISTRY_URL, Type.STRING, "http://localhost:8085", new HttpUrl(), Importance.HIGH,
            "Base URL of the Apicurio schema registry, e.g. http://localhost:8085.")
        .define(TOPICS_PREFIX, Type.STRING, TopicNames.DEFAULT_PREFIX, new TopicPrefix(),
            Importance.MEDIUM,
            "First segment of every topic name; tips.raw.web.v1 with the default. Lets several "
                + "deployments share one cluster.")
        .define(TOPICS_PARTITIONS, Type.INT, 3, Range.between(1, 1024), Importance.MEDIUM,
            "Partitions of pipeline topics created by tiprouter. Stages scale out up to this many "
                + "instances.")
        .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) -1, Importance.MEDIUM,
            "Replication factor of topics created by tiprouter (and of Kafka Streams internal "
                + "topics); -1 uses the broker's default.replication.factor. Production: 3.")
        .define(TOPICS_MIN_INSYNC_REPLICAS, Type.INT, -1, Importance.MEDIUM,
            "min.insync.replicas set on topics created by tiprouter; -1 uses the broker default. "
                + "Production: 2.");
  }

  protected TiprouterConfig(ConfigDef definition, Map<?, ?> originals) {
    super(definition, originals, false);
  }

  public String bootstrapServers() {
    return String.join(",", getList(BOOTSTRAP_SERVERS));
  }

  public String registryUrl() {
    return getString(REGISTRY_URL);
  }

  public TopicNames topicNames() {
    return new TopicNames(getString(TOPICS_PREFIX));
  }

  public TopicSettings topicSettings() {
    return new TopicSettings(getInt(TOPICS_PARTITIONS), getShort(TOPICS_REPLICATION_FACTOR),
        getInt(TOPICS_MIN_INSYNC_REPLICAS));
  }

  /** Settings for the Kafka clients, from keys prefixed {@value #KAFKA_PREFIX}, prefix removed. */
  public Map<String, Object> kafkaOverrides() {
    return originalsWithPrefix(KAFKA_PREFIX);
  }

  /** Accepts http and https URLs only. */
  static final class HttpUrl implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String url = (String) value;
      if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new ConfigException(name, value, "must be an http:// or https:// URL");
      }
    }

    @Override
    public String toString() {
      return "an http(s) URL";
    }
  }

  /** Lower-case letters, digits, dots and hyphens; no leading or trailing dot. */
  static final class TopicPrefix implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String prefix = (String) value;
      if (prefix == null || !TopicNames.isValidPrefix(prefix)) {
        throw new ConfigException(name, value,
            "must be 1-40 characters of a-z, 0-9, '.', '-', starting and ending with a letter or digit");
      }
    }

    @Override
    public String toString() {
      return "[a-z0-9][a-z0-9.-]{0,38}[a-z0-9]";
    }
  }
}
