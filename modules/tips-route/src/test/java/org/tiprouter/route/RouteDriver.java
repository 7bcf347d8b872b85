package org.tiprouter.route;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

/** The route topology in a {@link TopologyTestDriver}, with fake queues and helpers to pipe and read. */
final class RouteDriver implements AutoCloseable {

  static final Instant NOW = Instant.parse("2025-03-14T07:30:02.375Z");
  static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:30:02.010Z");
  static final String CORRELATION_KEY = "test-only correlation key, 32+ characters long";
  static final String FALLBACK_TRIAGE = "fallback-desk";

  final TopicNames topics = TopicNames.defaults();
  final ContractSerdes serdes = ContractSerdes.registryFree();
  final FakeAgencyQueues queues;
  final TopologyTestDriver driver;
  private final TestInputTopic<byte[], byte[]> classified;
  private final TestInputTopic<String, byte[]> agencies;
  private final TestInputTopic<byte[], byte[]> attachments;

  RouteDriver(Path stateDir, CorrelationSettings correlation, String... agenciesWithQueues) {
    this(stateDir, correlation, AttachmentSettings.defaults(), agenciesWithQueues);
  }

  RouteDriver(Path stateDir, AttachmentSettings attachmentSettings, String... agenciesWithQueues) {
    this(stateDir, CorrelationSettings.defaults(CORRELATION_KEY.getBytes(StandardCharsets.UTF_8)), attachmentSettings,
        agenciesWithQueues);
  }

  RouteDriver(Path stateDir, CorrelationSettings correlation, AttachmentSettings attachmentSettings,
      String... agenciesWithQueues) {
    this.queues = new FakeAgencyQueues(topics).withAgencies(agenciesWithQueues);
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, Stage.ROUTE.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    RouteTopology topology = new RouteTopology(topics, correlation, attachmentSettings, FALLBACK_TRIAGE, serdes,
        Clock.fixed(NOW, ZoneOffset.UTC), queues);
    driver = new TopologyTestDriver(topology.build(), properties);
    classified = driver.createInputTopic(topics.classified(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    agencies = driver.createInputTopic(topics.agencies(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    attachments = driver.createInputTopic(topics.attachments(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
  }

  RouteDriver(Path stateDir, String... agenciesWithQueues) {
    this(stateDir, CorrelationSettings.defaults(CORRELATION_KEY.getBytes(StandardCharsets.UTF_8)), agenciesWithQueues);
  }

  static CorrelationSettings correlation(int maxRelated) {
    CorrelationSettings defaults = CorrelationSettings.defaults(CORRELATION_KEY.getBytes(StandardCharsets.UTF_8));
    return new CorrelationSettings(defaults.key(), defaults.window(), defaults.ipWindow(), maxRelated,
        defaults.maxIdentifiers());
  }

  void pipe(ClassifiedTip tip) {
    pipe(tip, RECORD_TIME);
  }

  void pipe(ClassifiedTip tip, Instant recordTime) {
    pipe(tip.getTip().getTipId().toString(), encode(tip), recordTime);
  }

  void pipe(String key, byte[] value) {
    pipe(key, value, RECORD_TIME);
  }

  void pipe(String key, byte[] value, Instant recordTime) {
    classified.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, recordTime);
  }

  /** A file reported after its tip, keyed by its tip id. */
  void pipe(TipAttachment attachment) {
    pipeAttachment(attachment.getTipId().toString(), encode(attachment));
  }

  void pipeAttachment(String key, byte[] value) {
    attachments.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, RECORD_TIME);
  }

  byte[] encode(TipAttachment attachment) {
    return serdes.value(TipAttachment.class).serializer().serialize(topics.attachments(), attachment);
  }

  byte[] encode(ClassifiedTip tip) {
    return serdes.value(ClassifiedTip.class).serializer().serialize(topics.classified(), tip);
  }

  void publish(Agency agency) {
    agencies.pipeInput(agency.getAgencyId(), serdes.value(Agency.class).serializer().serialize(topics.agencies(), agency));
  }

  void removeFromDirectory(String agencyId) {
    agencies.pipeInput(agencyId, null);
  }

  TestOutputTopic<String, RoutedTip> routed(String topic) {
    return driver.createOutputTopic(topic, Serdes.String().deserializer(), serdes.value(RoutedTip.class).deserializer());
  }

  List<RoutedTip> readRouted(String topic) {
    return routed(topic).readValuesToList();
  }

  List<TestRecord<String, RoutedTip>> readRoutedRecords(String topic) {
    return routed(topic).readRecordsToList();
  }

  TestOutputTopic<String, AuditEvent> audit() {
    return driver.createOutputTopic(topics.audit(), Serdes.String().deserializer(),
        serdes.value(AuditEvent.class).deserializer());
  }

  TestOutputTopic<String, DeadLetter> deadLetters() {
    return driver.createOutputTopic(topics.deadLetters(Stage.ROUTE), Serdes.String().deserializer(),
        serdes.value(DeadLetter.class).deserializer());
  }

  /** Topics written to other than the stage's internal (repartition and changelog) topics. */
  Set<String> publicTopicsWritten() {
    return driver.producedTopicNames().stream().filter(name -> !isInternal(name)).collect(Collectors.toSet());
  }

  /** The stage's internal topics written to. */
  Set<String> internalTopicsWritten() {
    return driver.producedTopicNames().stream().filter(RouteDriver::isInternal).collect(Collectors.toSet());
  }

  /** Every record written to {@code topic}, as bytes. */
  List<TestRecord<byte[], byte[]>> rawRecords(String topic) {
    return driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  private static boolean isInternal(String topic) {
    return topic.startsWith(Stage.ROUTE.applicationId() + "-");
  }

  @Override
  public void close() {
    driver.close();
  }
}
