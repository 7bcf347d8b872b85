package org.tiprouter.normalise;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.tiprouter.core.Stage;
import org.tiprouter.core.streams.StreamStageConfig;

/** Settings of the normalise stage. */
public final class NormaliseConfig extends StreamStageConfig {

  public static final ConfigDef DEFINITION = streamStageConfigDef(Stage.NORMALISE);

  public NormaliseConfig(Map<?, ?> originals) {
    super(Stage.NORMALISE, DEFINITION, originals);
  }
}
