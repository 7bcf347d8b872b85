package org.tiprouter.ingest.cybertipline;

import org.tiprouter.core.ingest.IngestDeadLetters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.formats.cybertipline.CyberTiplineReportParser;
import org.tiprouter.formats.cybertipline.XmlLimits;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.http.HttpEndpoint;

/**
 * Wiring and lifecycle of the CyberTipline intake: its producers (raw tips, dead letters), its
 * reader of what the raw topic already holds, the HTTP endpoints and the folder import. Inside the
 * demo the endpoints are mounted on the web intake's port ({@link #handler()}); alone they run on
 * their own ({@link #start()}).
 */
public final class CyberTiplineIntakeApp implements AutoCloseable {

  private static final String CLIENT_ID = "ingest-cybertipline";

  private final RawTipPublisher publisher;
  private final IngestDeadLetters deadLetters;
  private final RecordedDocuments recorded;
  private final CyberTiplineIntakeServer server;
  private final CyberTiplineImporter importer;
  private volatile boolean open = true;

  public CyberTiplineIntakeApp(CyberTiplineIntakeConfig config, ContractSerdes serdes) {
    KafkaClientConfigs clients = new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides());
    TopicNames topics = config.topicNames();
    Duration timeout = config.ackTimeout();
    this.publisher = new RawTipPublisher(clients, CLIENT_ID, serdes, topics, timeout);
    this.deadLetters = IngestDeadLetters.open(clients, CLIENT_ID + "-dlq", serdes, topics, timeout);
    this.recorded = new RecordedDocuments(new KafkaConsumer<>(ledgerConsumer(clients), new StringDeserializer(),
        new ByteArrayDeserializer()), serdes.value(RawTip.class).deserializer(), topics.raw(Channel.CYBERTIPLINE));
    CyberTiplineReceiver receiver = new CyberTiplineReceiver(
        new CyberTiplineReportParser(XmlLimits.defaults().withMaxDocumentBytes(config.maxDocumentBytes())),
        publisher, recorded, deadLetters, new DeadLetters(Stage.INGEST, Clock.systemUTC()), timeout,
        Clock.systemUTC());
    this.server = new CyberTiplineIntakeServer(config, receiver);
    this.importer = new CyberTiplineImporter(receiver);
  }

  /** Reads the raw topic by assignment, never joins a group and never commits. */
  private static Map<String, Object> ledgerConsumer(KafkaClientConfigs clients) {
    Map<String, Object> settings = new HashMap<>(clients.consumer(CLIENT_ID + "-recorded", CLIENT_ID));
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return settings;
  }

  /** Serves {@value CyberTiplineIntakeServer#PATH_PREFIX} on an endpoint that routes that prefix here. */
  public HttpEndpoint.RequestHandler handler() {
    return server.handler();
  }

  /** Runs the endpoints on their own port ({@code intake.host}:{@code intake.port}). */
  public CyberTiplineIntakeApp start() {
    server.start();
    return this;
  }

  /** The port of the intake's own endpoint; -1 when it is mounted elsewhere. */
  public int port() {
    return server.port();
  }

  /** Imports a folder of documents (see {@link CyberTiplineImporter}). */
  public ImportSummary importFolder(Path folder) {
    return importer.importFolder(folder);
  }

  public HealthCheck health() {
    return HealthCheck.of("ingest-cybertipline", () -> open,
        () -> open ? (server.port() > 0 ? "listening on port " + server.port() : "mounted on the intake endpoint")
            : "stopped");
  }

  @Override
  public void close() {
    open = false;
    server.close();
    recorded.close();
    deadLetters.close();
    publisher.close();
  }
}
