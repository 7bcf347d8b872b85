package org.tiprouter.core.streams;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.tiprouter.core.Stage;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.KafkaClientConfigs;

/** Settings every stream stage shares: its application id and where its local state lives. */
public abstract class StreamStageConfig extends TiprouterConfig {

  public static final String APPLICATION_ID = "application.id";
  public static final String STATE_DIR = "state.dir";

  /** The base definition plus the stream-stage keys, with {@code stage}'s defaults. */
  public static ConfigDef streamStageConfigDef(Stage stage) {
    return new ConfigDef(baseConfigDef())
        .define(APPLICATION_ID, Type.STRING, stage.applicationId(), new ConfigDef.NonEmptyString(),
            Importance.MEDIUM, "Kafka Streams application id: the consumer group and transactional id "
                + "prefix of this stage. Instances with the same id share the work.")
        .define(STATE_DIR, Type.STRING,
            Path.of(System.getProperty("java.io.tmpdir"), "tiprouter", stage.applicationId()).toString(),
            Importance.MEDIUM, "Directory for this stage's local state stores.");
  }

  private final Stage stage;

  protected StreamStageConfig(Stage stage, ConfigDef definition, Map<?, ?> originals) {
    super(definition, originals);
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  /** Kafka Streams properties: exactly once, this stage's id and state dir, client overrides. */
  public Properties streamsProperties() {
    return new KafkaClientConfigs(bootstrapServers(), kafkaOverrides())
        .streams(applicationId(), Path.of(getString(STATE_DIR)), getShort(TOPICS_REPLICATION_FACTOR));
  }
}
