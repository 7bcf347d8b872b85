package org.tiprouter.ingest.web;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.ingest.IngestDeadLetters;
import org.tiprouter.core.ingest.IntakeRefusals;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.http.HttpEndpoint;

/**
 * Wiring and lifecycle of the web intake: its producers (raw tips, dead letters of refused
 * requests), its idempotency ledger (refilled from the raw topic at start) and its HTTP server.
 */
public final class WebIntakeApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebIntakeApp.class);
  /** How long the start may spend reading the raw topic back. */
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(30);

  private final WebIntakeConfig config;
  private final ContractSerdes serdes;
  private final KafkaClientConfigs clients;
  private final RawTipPublisher publisher;
  private final IngestDeadLetters deadLetters;
  private final SubmissionLedger ledger;
  private final WebSubmissionParser parser;
  private final WebIntakeServer server;

  public WebIntakeApp(WebIntakeConfig config, ContractSerdes serdes) {
    Clock clock = Clock.systemUTC();
    this.config = config;
    this.serdes = serdes;
    this.clients = new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides());
    this.publisher = new RawTipPublisher(clients, TipSubmissions.SOURCE, serdes, config.topicNames(),
        config.ackTimeout());
    this.deadLetters = IngestDeadLetters.open(clients, TipSubmissions.SOURCE + "-dlq", serdes, config.topicNames(),
        config.ackTimeout());
    this.ledger = new SubmissionLedger(config.idempotencyWindow(), config.idempotencyMaxEntries(), clock);
    this.parser = new WebSubmissionParser(clock);
    this.server = new WebIntakeServer(config,
        new TipSubmissions(publisher, ledger, parser, config.ackTimeout(), clock),
        new IntakeRefusals(deadLetters, clock, "web", TipSubmissions.SOURCE));
  }

  /** Serves paths starting with {@code pathPrefix} with another intake's handler on this port; before start. */
  public WebIntakeApp mount(String pathPrefix, HttpEndpoint.RequestHandler handler) {
    server.mount(pathPrefix, handler);
    return this;
  }

  /** Restores the idempotency ledger (when configured), then starts serving. */
  public WebIntakeApp start() {
    if (config.idempotencyRestore()) {
      restoreLedger();
    }
    server.start();
    return this;
  }

  private void restoreLedger() {
    String topic = config.topicNames().raw(Channel.WEB);
    try (KafkaConsumer<String, RawTip> consumer = new KafkaConsumer<>(
        clients.consumer("ingest-web-ledger", "ingest-web-ledger-" + UUID.randomUUID()), new StringDeserializer(),
        serdes.value(RawTip.class).deserializer())) {
      LedgerRestore.restore(ledger, consumer, topic, TipSubmissions.SOURCE, parser, Clock.systemUTC(),
          RESTORE_TIMEOUT);
    } catch (RuntimeException e) {
      LOG.warn("Idempotency ledger not restored from {} ({}): a submission sent before this start and sent again "
          + "now may be stored twice under two tip ids", topic, e.getClass().getSimpleName());
    }
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
    deadLetters.close();
    publisher.close();
  }
}
