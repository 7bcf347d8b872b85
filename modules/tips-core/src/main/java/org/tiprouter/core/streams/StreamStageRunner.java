package org.tiprouter.core.streams;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream stage's topology: starts it, reports its state for health checks, and stops it.
 *
 * <p>An exception that escapes the topology (for example a failure to write an output record,
 * which must never be skipped) shuts this client down rather than lose or skip a tip; the stage
 * then reports itself not ready, and an operator or orchestrator restarts it, resuming from the
 * last committed transaction.
 */
public final class StreamStageRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamStageRunner.class);

  private final String name;
  private final KafkaStreams streams;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  public StreamStageRunner(String name, Topology topology, Properties properties) {
    this.name = name;
    this.streams = new KafkaStreams(topology, properties);
    this.streams.setUncaughtExceptionHandler(exception -> {
      failure.set(exception);
      LOG.error("Stage {} stopped by an unexpected error ({}); it resumes from its last committed "
          + "transaction when restarted", name, exception.getClass().getName(), exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    this.streams.setStateListener((now, before) ->
        LOG.info("Stage {} ({}) {} -> {}", name, properties.get(StreamsConfig.APPLICATION_ID_CONFIG), before, now));
  }

  public String name() {
    return name;
  }

  public void start() {
    streams.start();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** True while the stage is processing (or rebalancing towards processing). */
  public boolean isHealthy() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  /** The error that stopped the stage, if one did. */
  public Throwable failure() {
    return failure.get();
  }

  /** The underlying client, for metrics bindings. */
  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  public void close(Duration timeout) {
    if (!streams.close(timeout)) {
      LOG.warn("Stage {} did not stop within {}", name, timeout);
    }
  }
}
