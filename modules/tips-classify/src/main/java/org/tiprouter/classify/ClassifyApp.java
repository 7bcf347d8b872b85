package org.tiprouter.classify;

import java.time.Clock;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageRunner;

/** Wiring and lifecycle of the classify stage: builds its topology and runs it with Kafka Streams. */
public final class ClassifyApp {

  private ClassifyApp() {}

  /** A runner for the stage; call {@code start()} on it. Loads the bundled reference data (about a second). */
  public static StreamStageRunner create(ClassifyConfig config, ContractSerdes serdes) {
    ClassifyTopology topology = new ClassifyTopology(config, serdes, Clock.systemUTC(), ReferenceData.load());
    return new StreamStageRunner(config.stage().id(), topology.build(), config.streamsProperties());
  }
}
