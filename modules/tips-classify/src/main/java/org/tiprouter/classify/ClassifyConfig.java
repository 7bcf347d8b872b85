package org.tiprouter.classify;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.tiprouter.core.Stage;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.topics.TopicNames;

/** Settings of the classify stage. */
public final class ClassifyConfig extends StreamStageConfig {

  public static final String DEFAULT_AGENCY = "classify.default.agency";

  public static final ConfigDef DEFINITION = streamStageConfigDef(Stage.CLASSIFY)
      .define(DEFAULT_AGENCY, Type.STRING, "national-triage", (name, value) -> {
        if (!TopicNames.isValidAgencyId((String) value)) {
          throw new ConfigException(name, value, "must be an agency id: ^[a-z0-9][a-z0-9-]{1,47}$");
        }
      }, Importance.HIGH, "Fallback triage agency: receives every tip (triage reason NO_DIRECTORY) while no agency "
          + "directory is loaded on the directory topic, and tips that cannot be placed when the loaded directory "
          + "names no triage agency. Once a directory is loaded, its own triage agency takes that role.");

  public ClassifyConfig(Map<?, ?> originals) {
    super(Stage.CLASSIFY, DEFINITION, originals);
  }

  /** The fallback triage agency ({@value #DEFAULT_AGENCY}). */
  public String defaultAgency() {
    return getString(DEFAULT_AGENCY);
  }
}
