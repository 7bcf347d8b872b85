package org.tiprouter.route;

import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageRunner;

/** Wiring and lifecycle of the route stage: builds its topology and runs it with Kafka Streams. */
public final class RouteApp {

  private RouteApp() {}

  /**
   * A runner for the stage; call {@code start()} on it.
   *
   * @param admin lists the cluster's topics, so route never writes to a missing agency queue; it
   *     stays the caller's, to close after the runner
   */
  public static StreamStageRunner create(RouteConfig config, ContractSerdes serdes, Admin admin) {
    AgencyQueues queues = new AdminAgencyQueues(admin, config.queueCheckInterval());
    RouteTopology topology = new RouteTopology(config, serdes, Clock.systemUTC(), queues);
    return new StreamStageRunner(config.stage().id(), topology.build(), config.streamsProperties());
  }
}
