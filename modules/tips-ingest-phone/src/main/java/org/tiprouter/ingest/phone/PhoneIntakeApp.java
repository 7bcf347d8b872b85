package org.tiprouter.ingest.phone;

import org.tiprouter.core.ingest.IngestDeadLetters;
import org.tiprouter.core.ingest.IntakeRefusals;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.http.HttpEndpoint;

/**
 * Wiring and lifecycle of the phone intake: its producers (raw tips, dead letters), its reader of
 * the calls the raw topic already holds, the HTTP endpoints (call-taker API, Twilio webhook when
 * enabled) and the call-sheet import. Inside the demo the endpoints are mounted on the web
 * intake's port ({@link #handler()} under each of {@link PhoneIntakeServer#PATH_PREFIXES}); alone
 * they run on their own ({@link #start()}).
 */
public final class PhoneIntakeApp implements AutoCloseable {

  private static final String CLIENT_ID = "ingest-phone";

  private final RawTipPublisher publisher;
  private final IngestDeadLetters deadLetters;
  private final RecordedCalls recorded;
  private final PhoneIntakeServer server;
  private final CallSheetImporter importer;
  private final boolean twilioEnabled;
  private volatile boolean open = true;

  public PhoneIntakeApp(PhoneIntakeConfig config, ContractSerdes serdes) {
    Clock clock = Clock.systemUTC();
    KafkaClientConfigs clients = new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides());
    TopicNames topics = config.topicNames();
    Duration timeout = config.ackTimeout();
    this.publisher = new RawTipPublisher(clients, CLIENT_ID, serdes, topics, timeout);
    this.deadLetters = IngestDeadLetters.open(clients, CLIENT_ID + "-dlq", serdes, topics, timeout);
    IntakeRefusals refusals = new IntakeRefusals(deadLetters, clock, "phone", CallTakerApi.SOURCE);
    this.recorded = new RecordedCalls(new KafkaConsumer<>(recordedConsumer(clients), new StringDeserializer(),
        new ByteArrayDeserializer()), serdes.value(RawTip.class).deserializer(), topics.raw(Channel.PHONE));
    PhoneCallParser parser = new PhoneCallParser(clock);
    CallRecorder recorder = new CallRecorder(publisher, recorded, timeout, clock);
    this.twilioEnabled = config.twilioEnabled();
    TwilioWebhook twilio = twilioEnabled
        ? new TwilioWebhook(new TwilioSignature(config.twilioAuthToken().orElseThrow()), config.twilioPublicBaseUrl(),
            parser, recorder, refusals, config.maxBodyBytes(), config.twilioRecordingMaxSeconds())
        : null;
    this.server = new PhoneIntakeServer(config, new CallTakerApi(parser, recorder, refusals, config.maxBodyBytes(),
        config.rateLimiter(), config.trustForwardedFor()), twilio);
    this.importer = new CallSheetImporter(parser, recorded,
        () -> new KafkaProducer<>(producerSettings(clients, "import-phone", timeout, 5), new StringSerializer(),
            serdes.value(RawTip.class).serializer()),
        topics.raw(Channel.PHONE), deadLetters, new DeadLetters(Stage.INGEST, clock), config.csvMaxRowBytes(), timeout,
        clock);
  }

  private static Map<String, Object> producerSettings(KafkaClientConfigs clients, String clientId, Duration timeout,
      int lingerMs) {
    Map<String, Object> settings = new HashMap<>(clients.producer(clientId));
    long millis = Math.max(timeout.toMillis(), 1000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, millis / 2));
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis);
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    return settings;
  }

  /** Reads the raw topic by assignment, never joins a group and never commits. */
  private static Map<String, Object> recordedConsumer(KafkaClientConfigs clients) {
    Map<String, Object> settings = new HashMap<>(clients.consumer(CLIENT_ID + "-recorded", CLIENT_ID));
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return settings;
  }

  /** Serves this intake's paths on an endpoint that routes each of {@link #pathPrefixes()} here. */
  public HttpEndpoint.RequestHandler handler() {
    return server.handler();
  }

  /** The path prefixes to mount {@link #handler()} under. */
  public static List<String> pathPrefixes() {
    return PhoneIntakeServer.PATH_PREFIXES;
  }

  /** Runs the endpoints on their own port ({@code intake.host}:{@code intake.port}). */
  public PhoneIntakeApp start() {
    server.start();
    return this;
  }

  /** Whether the Twilio webhook is served. */
  public boolean twilioEnabled() {
    return twilioEnabled;
  }

  /** The port of the intake's own endpoint; -1 when it is mounted elsewhere. */
  public int port() {
    return server.port();
  }

  /** Imports a call-sheet CSV (see {@link CallSheetImporter}). */
  public CallSheetImportSummary importFile(Path file) {
    return importer.importFile(file);
  }

  public HealthCheck health() {
    return HealthCheck.of("ingest-phone", () -> open,
        () -> open ? (server.port() > 0 ? "listening on port " + server.port() : "mounted on the intake endpoint")
            + (twilioEnabled ? ", Twilio webhook enabled" : "") : "stopped");
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
