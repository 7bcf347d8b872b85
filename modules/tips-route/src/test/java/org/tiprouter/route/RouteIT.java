package org.tiprouter.route;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tiprouter.route.TestTips.email;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditChainVerifier;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.core.topics.TopicSpec;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * Route alone on the real in-JVM broker (three partitions, registry-free serdes), with a real
 * directory topic and real topic checks: every tip arrives exactly once on each queue it should
 * reach and on no other, read {@code read_committed}; a related tip on another partition is linked
 * and noticed; missing queues and removed agencies go to triage; and every tip's chain of custody
 * (RELATED events included) verifies as {@code tiprouter audit verify} checks it.
 */
class RouteIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static final String KNOXVILLE = "knoxville-pd";
  private static final String ICAC = "tn-icac";
  private static final String MEMPHIS = "memphis-pd";
  private static final String TRIAGE = "national-triage";
  /** In the directory, but its queues were never created. */
  private static final String NO_QUEUE = "fbi-knoxville";
  /** Has queues, but is not in the directory (removed). */
  private static final String REMOVED = "gone-pd";

  @TempDir
  static Path stateDir;

  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;
  private static Admin admin;
  private static StreamStageRunner route;
  private static final List<UUID> published = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    admin = Admin.create(clients.admin("route-it"));
    TopicSettings settings = new TopicSettings(3, (short) -1, -1);
    TopicCatalogue catalogue = new TopicCatalogue(TOPICS, settings);
    List<TopicSpec> specs = new ArrayList<>(catalogue.pipelineTopics());
    for (String agency : List.of(KNOXVILLE, ICAC, MEMPHIS, TRIAGE, REMOVED)) {
      specs.addAll(catalogue.agencyTopics(agency));
    }
    new TopicProvisioner(admin, settings).ensure(specs);
    for (Agency agency : List.of(TestTips.agency(KNOXVILLE), TestTips.agency(ICAC), TestTips.agency(MEMPHIS),
        TestTips.agency(NO_QUEUE), TestTips.triageAgency(TRIAGE))) {
      send(TOPICS.agencies(), agency.getAgencyId(), SERDES.value(Agency.class).serializer()
          .serialize(TOPICS.agencies(), agency));
    }

    Map<String, Object> props = new HashMap<>();
    props.put(TiprouterConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.put(StreamStageConfig.STATE_DIR, stateDir.toString());
    props.put(RouteConfig.CORRELATION_KEY, RouteDriver.CORRELATION_KEY);
    route = RouteApp.create(new RouteConfig(props), SERDES, admin);
    route.start();
    await().atMost(ofSeconds(60)).until(route::isRunning);
  }

  @AfterAll
  static void stop() {
    if (route != null) {
      route.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyTipArrivesExactlyOnceOnEachQueueItShouldReachAndOnNoOther() throws Exception {
    Map<String, List<String>> expected = new TreeMap<>();
    UUID first = UUID.randomUUID();
    publish(TestTips.tip(first, decision(KNOXVILLE, ICAC), email("shared.suspect@example.org")));
    expect(expected, TOPICS.agencyQueue(KNOXVILLE), first, "TIP");
    expect(expected, TOPICS.agencyQueue(ICAC), first, "TIP");
    awaitRouted();

    UUID related = UUID.randomUUID();
    ClassifiedTip unheaded = TestTips.tip(related, decision(MEMPHIS), email("shared.suspect@example.org"));
    ClassifiedTip relatedTip = publish(ClassifiedTip.newBuilder(unheaded).setTip(Tip.newBuilder(unheaded.getTip())
        .setUrgency(TestTips.urgency(true, false)).build()).build());
    expect(expected, TOPICS.agencyQueue(MEMPHIS), related, "TIP");
    expect(expected, TOPICS.agencyUrgentLane(MEMPHIS), related, "TIP");
    expect(expected, TOPICS.agencyQueue(KNOXVILLE), first, "RELATED_TIP");
    expect(expected, TOPICS.agencyQueue(ICAC), first, "RELATED_TIP");

    UUID triaged = UUID.randomUUID();
    publish(TestTips.tip(triaged, TestTips.triage()));
    expect(expected, TOPICS.triage(), triaged, "TIP");
    UUID queueMissing = UUID.randomUUID();
    publish(TestTips.tip(queueMissing, decision(NO_QUEUE)));
    expect(expected, TOPICS.triage(), queueMissing, "TIP");
    UUID removed = UUID.randomUUID();
    publish(TestTips.tip(removed, decision(REMOVED, ICAC)));
    expect(expected, TOPICS.agencyQueue(ICAC), removed, "TIP");
    expect(expected, TOPICS.triage(), removed, "TIP");
    for (int i = 0; i < 20; i++) {
      UUID tip = UUID.randomUUID();
      publish(TestTips.tip(tip, decision(KNOXVILLE), email("sender." + i + "@example.org")));
      expect(expected, TOPICS.agencyQueue(KNOXVILLE), tip, "TIP");
    }
    awaitRouted();

    Set<String> agencyTopics = admin.listTopics().names().get().stream()
        .filter(name -> TOPICS.agencyIdOf(name).isPresent()).collect(Collectors.toSet());
    assertThat(agencyTopics).doesNotContain(TOPICS.agencyQueue(NO_QUEUE), TOPICS.agencyUrgentLane(NO_QUEUE));
    for (String topic : union(agencyTopics, Set.of(TOPICS.triage()))) {
      assertThat(sorted(delivered(topic))).as("records on " + topic)
          .isEqualTo(sorted(expected.getOrDefault(topic, List.of())));
    }
    assertThat(readAll(TOPICS.triage())).filteredOn(tip -> tip.getTipId().equals(queueMissing)).singleElement()
        .satisfies(tip -> assertThat(tip.getDecision().getTriageReason()).isEqualTo("AGENCY_QUEUE_MISSING"));
    assertThat(readAll(TOPICS.triage())).filteredOn(tip -> tip.getTipId().equals(removed)).singleElement()
        .satisfies(tip -> assertThat(tip.getDecision().getTriageReason()).isEqualTo("AGENCY_REMOVED"));
    assertThat(readAll(TOPICS.agencyQueue(MEMPHIS))).singleElement().satisfies(tip ->
        assertThat(tip.getRelated()).singleElement().satisfies(link -> {
          assertThat(link.getTipId()).isEqualTo(first);
          assertThat(link.getAgencyIds()).containsExactly(KNOXVILLE, ICAC);
        }));

    Map<UUID, List<AuditChainVerifier.StoredEvent>> chains = AuditChainVerifier.chains(storedAuditEvents());
    assertThat(chains.keySet()).containsExactlyInAnyOrderElementsOf(published);
    AuditChainVerifier verifier = new AuditChainVerifier();
    chains.forEach((tipId, chain) -> assertThat(verifier.verify(tipId, chain)).as("chain of " + tipId).isEmpty());
    assertThat(chains.get(related)).extracting(stored -> stored.event().getType()).containsExactly(
        AuditEventType.CLASSIFIED, AuditEventType.ROUTED, AuditEventType.RELATED, AuditEventType.RELATED);
    assertThat(chains.get(related).get(1).event().getPreviousEventHash()).isEqualTo(relatedTip.getAuditHead());
    assertThat(chains.get(related).subList(2, 4)).extracting(stored -> stored.event().getRelatedTipId())
        .containsOnly(first);
  }

  /** Every committed audit record, in append order per partition, as stored (plain Avro here). */
  private static List<AuditChainVerifier.StoredEvent> storedAuditEvents() throws Exception {
    return TopicSnapshot.read(clients, TOPICS.audit(), new StringDeserializer(), new ByteArrayDeserializer(),
            Duration.ofSeconds(30)).stream()
        .sorted(java.util.Comparator.comparingInt((ConsumerRecord<String, byte[]> r) -> r.partition())
            .thenComparingLong(ConsumerRecord::offset))
        .map(record -> new AuditChainVerifier.StoredEvent(record.partition() + "@" + record.offset(), record.value(),
            SERDES.value(AuditEvent.class).deserializer().deserialize(TOPICS.audit(), record.value())))
        .toList();
  }

  private static JurisdictionDecision decision(String primary, String... copies) {
    List<AgencyAssignment> assignments = new ArrayList<>();
    assignments.add(AgencyAssignment.newBuilder().setAgencyId(primary).setRole(AgencyRole.PRIMARY)
        .setReason("incident ZIP -> " + primary).build());
    for (String copy : copies) {
      assignments.add(AgencyAssignment.newBuilder().setAgencyId(copy).setRole(AgencyRole.COPY)
          .setReason("copies of " + primary).build());
    }
    return JurisdictionDecision.newBuilder(TestTips.primaryAndCopy()).setPrimaryAgencyId(primary)
        .setAssignments(assignments).build();
  }

  private static void expect(Map<String, List<String>> expected, String topic, UUID tipId, String kind) {
    expected.computeIfAbsent(topic, name -> new ArrayList<>()).add(tipId + " " + kind);
  }

  /** "key kind" of every committed record on {@code topic}; the key is always the record's tip id. */
  private static List<String> delivered(String topic) throws Exception {
    return TopicSnapshot.read(clients, topic, new StringDeserializer(), SERDES.value(RoutedTip.class).deserializer(),
            Duration.ofSeconds(30)).stream()
        .peek(record -> assertThat(record.key()).isEqualTo(record.value().getTipId().toString()))
        .map(record -> record.key() + " " + record.value().getKind()).toList();
  }

  private static List<RoutedTip> readAll(String topic) throws Exception {
    return TopicSnapshot.read(clients, topic, new StringDeserializer(), SERDES.value(RoutedTip.class).deserializer(),
        Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Publishes {@code tip} as classify would: its CLASSIFIED audit event first (the first link of its
   * chain here), then the classified tip carrying that event's hash as its audit head.
   */
  private static ClassifiedTip publish(ClassifiedTip tip) {
    UUID tipId = tip.getTip().getTipId();
    AuditEvent classified = new AuditTrail(Stage.CLASSIFY, java.time.Clock.systemUTC())
        .event(tipId, AuditEventType.CLASSIFIED, null).setDetail("test classification").build();
    send(TOPICS.audit(), tipId.toString(), SERDES.value(AuditEvent.class).serializer().serialize(TOPICS.audit(), classified));
    ClassifiedTip headed = ClassifiedTip.newBuilder(tip).setAuditHead(AuditTrail.hash(classified)).build();
    send(TOPICS.classified(), tipId.toString(),
        SERDES.value(ClassifiedTip.class).serializer().serialize(TOPICS.classified(), headed));
    published.add(tipId);
    return headed;
  }

  private static void send(String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer("route-it"),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish to " + topic, e);
    }
  }

  /** Waits until route has committed everything on its input and its own repartition topics. */
  private static void awaitRouted() {
    await().atMost(ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(ConsumerGroupLag.of(admin, Stage.ROUTE.applicationId(), List.of(TOPICS.classified()))).isZero());
  }
}
