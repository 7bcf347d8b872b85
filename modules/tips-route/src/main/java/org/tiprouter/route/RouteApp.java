package org.tiprouter.route;

import java.time.Clock;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageRunner;

/** Wiring and lifecycle of the route stage: builds its topology and runs it with Kafka Streams. */
public final class RouteApp {

  private RouteApp() {}

  /** A runner for the stage; call {@code start()} on it. */
  public static StreamStageRunner create(RouteConfig config, ContractSerdes serdes) {
    RouteTopology topology = new RouteTopology(config, serdes, Clock.systemUTC());
    return new StreamStageRunner(config.stage().id(), topology.build(), config.streamsProperties());
  }
}
