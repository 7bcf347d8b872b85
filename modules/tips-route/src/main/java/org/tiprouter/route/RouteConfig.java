package org.tiprouter.route;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.tiprouter.core.Stage;
import org.tiprouter.core.streams.StreamStageConfig;

/** Settings of the route stage. */
public final class RouteConfig extends StreamStageConfig {

  public static final ConfigDef DEFINITION = streamStageConfigDef(Stage.ROUTE);

  public RouteConfig(Map<?, ?> originals) {
    super(Stage.ROUTE, DEFINITION, originals);
  }
}
