package org.tiprouter.normalise;

import java.time.Clock;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageRunner;

/** Wiring and lifecycle of the normalise stage: builds its topology and runs it with Kafka Streams. */
public final class NormaliseApp {

  private NormaliseApp() {}

  /** A runner for the stage; call {@code start()} on it. */
  public static StreamStageRunner create(NormaliseConfig config, ContractSerdes serdes) {
    NormaliseTopology topology = new NormaliseTopology(config, serdes, Clock.systemUTC());
    return new StreamStageRunner(config.stage().id(), topology.build(), config.streamsProperties());
  }
}
