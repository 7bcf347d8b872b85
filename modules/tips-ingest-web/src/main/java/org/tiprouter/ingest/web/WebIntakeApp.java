package org.tiprouter.ingest.web;

import java.time.Clock;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.ops.HealthCheck;

/** Wiring and lifecycle of the web intake: its producer and its HTTP server. */
public final class WebIntakeApp implements AutoCloseable {

  private final RawTipPublisher publisher;
  private final WebIntakeServer server;

  public WebIntakeApp(WebIntakeConfig config, ContractSerdes serdes) {
    KafkaClientConfigs clients = new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides());
    this.publisher = new RawTipPublisher(clients, "ingest-web", serdes, config.topicNames(), config.ackTimeout());
    this.server = new WebIntakeServer(config, publisher, Clock.systemUTC());
  }

  public WebIntakeApp start() {
    server.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  public HealthCheck health() {
    return HealthCheck.of("ingest-web", server::isRunning,
        () -> server.isRunning() ? "listening on port " + server.port() : "stopped");
  }

  @Override
  public void close() {
    server.close();
    publisher.close();
  }
}
