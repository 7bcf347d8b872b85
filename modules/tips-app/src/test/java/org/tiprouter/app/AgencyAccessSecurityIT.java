package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.agency.AgencyClient;
import org.tiprouter.agency.AgencyCredentials;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * Agency access on a secured broker (SCRAM-SHA-512, StandardAuthorizer, deny by default), provisioned
 * by {@code tiprouter provision --directory}: each agency reads its own queue and nothing else, stages
 * write only their outputs, the audit topic is the admin's alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyAccessSecurityIT {

  private static final String ADMIN_PASSWORD = "admin-password-for-tests";
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final String A = "county-a-so";
  private static final String B = "county-b-so";
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static EmbeddedPlatform platform;
  @TempDir
  static Path dir;
  private static Path credentials;
  private static String firstRun;

  @BeforeAll
  static void start() throws Exception {
    PlatformSettings settings = PlatformSettings.defaults();
    platform = EmbeddedPlatform.start(settings.withKafka(settings.kafka().withScram(ADMIN_PASSWORD)));
    credentials = dir.resolve("credentials.properties");
    CredentialsFile.write(credentials, Map.of("admin", ADMIN_PASSWORD));
    firstRun = provision("--directory", resource("two-agencies.yaml"));
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void provisionPrintsEveryChangeButNoPasswordAndWritesAnOwnerOnlySecretsFile() throws Exception {
    assertThat(firstRun).contains("created topic " + TOPICS.agencyQueue(A), "created user agency-" + A,
        "created user normalise", "created user ops",
        "added ACL User:agency-" + A + " READ on topic prefix " + TOPICS.agencyTopicPrefix(A));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    Map<String, String> passwords = CredentialsFile.passwords(CredentialsFile.read(credentials));
    assertThat(passwords).containsKeys("admin", "agency-" + A, "agency-" + B, "agency-test-triage", "normalise",
        "classify", "route", "intake-web", "intake-phone", "intake-cybertipline", "ops");
    assertThat(passwords.get("admin")).isEqualTo(ADMIN_PASSWORD);
    passwords.values().forEach(password -> assertThat(firstRun).doesNotContain(password));
  }

  @Test
  @Order(2)
  void secondRunChangesNothingAndSaysSo() throws Exception {
    Map<String, String> before = CredentialsFile.read(credentials);
    String second = provision("--directory", resource("two-agencies.yaml"));
    assertThat(second).contains("nothing to change", "0 topics created")
        .doesNotContain("created topic", "created user", "deleted user", "added ACL", "removed ACL");
    assertThat(CredentialsFile.read(credentials)).isEqualTo(before);
  }

  @Test
  @Order(3)
  void dryRunReportsANewAgencyButChangesNothing() throws Exception {
    Map<String, String> before = CredentialsFile.read(credentials);
    String dry = provision("--directory", resource("three-agencies.yaml"), "--dry-run");
    assertThat(dry).contains("would have created topic " + TOPICS.agencyQueue("county-c-so"),
        "would have created user agency-county-c-so", "dry run:", "nothing was changed");
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).doesNotContain(TOPICS.agencyQueue("county-c-so"));
      assertThat(admin.describeUserScramCredentials().all().get()).doesNotContainKey("agency-county-c-so");
    }
    assertThat(CredentialsFile.read(credentials)).isEqualTo(before);
  }

  @Test
  void agencyReadsTheTipRouteWroteToItsQueue() throws Exception {
    UUID tipId = UUID.randomUUID();
    try (KafkaProducer<String, RoutedTip> route = new KafkaProducer<>(clients("route").producer("route-it"),
        new StringSerializer(), serdes().value(RoutedTip.class).serializer())) {
      route.send(new ProducerRecord<>(TOPICS.agencyQueue(A), tipId.toString(),
          RoutedTip.newBuilder(ContractFixtures.routedTip()).setTipId(tipId).setAgencyId(A).setUrgent(false)
              .build())).get();
    }
    List<UUID> read = new ArrayList<>();
    AgencyClient client = AgencyClient.builder(A, "security-it").bootstrapServers(platform.bootstrapServers())
        .serdes(serdes()).settings(AgencyCredentials.fromFile(credentials, A)).stopWhenCaughtUp().build();
    CompletableFuture.supplyAsync(() -> client.run(delivery -> read.add(delivery.routedTip().getTipId())))
        .get(60, TimeUnit.SECONDS);
    assertThat(read).contains(tipId);
  }

  @Test
  void agencyCannotReadAnotherAgencysQueueOrUrgentLane() {
    for (String topic : List.of(TOPICS.agencyQueue(B), TOPICS.agencyUrgentLane(B))) {
      try (KafkaConsumer<String, byte[]> consumer = consumer("agency-" + A, "agency." + A + ".steal")) {
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(consumer.assignment());
        assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void agencyCannotJoinAnotherAgencysGroup() {
    try (KafkaConsumer<String, byte[]> consumer = consumer("agency-" + A, "agency." + B + ".reader")) {
      consumer.subscribe(List.of(TOPICS.agencyQueue(A)));
      assertThatThrownBy(() -> pollUntilFailure(consumer)).isInstanceOf(GroupAuthorizationException.class);
    }
  }

  @Test
  void agencyCannotWriteAnyQueueNotEvenItsOwn() {
    for (String topic : List.of(TOPICS.agencyQueue(A), TOPICS.agencyUrgentLane(A), TOPICS.agencyQueue(B))) {
      // An agency may write no topic at all, so its idempotent producer is refused its producer id
      // (IdempotentWrite needs Write on some topic), or, for a topic it cannot even describe, the metadata.
      try (KafkaProducer<String, byte[]> producer = producer("agency-" + A)) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", new byte[] {0})).get())
            .cause().isInstanceOf(topic.equals(TOPICS.agencyQueue(B))
                ? TopicAuthorizationException.class : ClusterAuthorizationException.class);
      }
      // Nor without idempotence: the write itself is refused.
      try (KafkaProducer<String, byte[]> producer = plainProducer("agency-" + A)) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", new byte[] {0})).get())
            .hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void agencyCannotReadTheAuditOrRawTopics() {
    for (String topic : List.of(TOPICS.audit(), TOPICS.raw(Channel.WEB), TOPICS.normalised(), TOPICS.triage())) {
      try (KafkaConsumer<String, byte[]> consumer = consumer("agency-" + A, "agency." + A + ".audit")) {
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(consumer.assignment());
        assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void agencyCannotListAnotherAgencysTopicsOrTheirOffsets() throws Exception {
    try (Admin admin = Admin.create(clients("agency-" + A).admin("agency-admin-it"))) {
      assertThat(admin.listTopics().names().get()).containsOnly(TOPICS.agencyQueue(A), TOPICS.agencyUrgentLane(A));
      assertThatThrownBy(() -> admin.listOffsets(Map.of(new TopicPartition(TOPICS.agencyQueue(B), 0),
          OffsetSpec.latest())).all().get()).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    Map<String, Object> settings = new HashMap<>(CredentialsFile.scramLogin("agency-" + A, "wrong-password"));
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        new KafkaClientConfigs(platform.bootstrapServers(), settings).producer("wrong-it"), new StringSerializer(),
        new ByteArraySerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPICS.agencyQueue(A), "k", new byte[0])).get())
          .isInstanceOfAny(SaslAuthenticationException.class, ExecutionException.class)
          .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
              e -> assertThat(e).hasCauseInstanceOf(SaslAuthenticationException.class));
    }
  }

  @Test
  void unauthenticatedClientIsRefused() {
    Map<String, Object> settings = Map.of(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        new KafkaClientConfigs(platform.bootstrapServers(), settings).consumer("anonymous-it", "agency." + A + ".x"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      // A PLAINTEXT client on the SASL listener never gets past the handshake: no metadata, no records.
      assertThatThrownBy(() -> consumer.partitionsFor(TOPICS.agencyQueue(A))).isInstanceOf(TimeoutException.class);
    }
  }

  @Test
  void stageCannotWriteOutsideItsOutputs() {
    Map<String, List<String>> forbidden = Map.of(
        "classify", List.of(TOPICS.agencyQueue(A), TOPICS.triage(), TOPICS.normalised()),
        "normalise", List.of(TOPICS.classified(), TOPICS.raw(Channel.WEB), TOPICS.deadLetters(Stage.ROUTE)),
        "intake-web", List.of(TOPICS.raw(Channel.PHONE), TOPICS.normalised()),
        "route", List.of(TOPICS.classified(), TOPICS.normalised()));
    forbidden.forEach((user, topics) -> {
      for (String topic : topics) {
        try (KafkaProducer<String, byte[]> producer = producer(user)) {
          assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", new byte[] {0})).get())
              .as("%s writing %s", user, topic).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
      }
    });
  }

  @Test
  void onlyTheAdminMayDeleteOrAlterTheAuditTopic() throws Exception {
    for (String user : List.of("route", "normalise", "ops", "agency-" + A)) {
      try (Admin admin = Admin.create(clients(user).admin("audit-it"))) {
        assertThatThrownBy(() -> admin.deleteTopics(List.of(TOPICS.audit())).all().get())
            .as(user).hasCauseInstanceOf(TopicAuthorizationException.class);
        ConfigResource audit = new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.audit());
        assertThatThrownBy(() -> admin.incrementalAlterConfigs(Map.of(audit, List.of(new AlterConfigOp(
            new ConfigEntry("retention.ms", "1"), AlterConfigOp.OpType.SET)))).all().get())
            .as(user).hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> admin.deleteRecords(Map.of(new TopicPartition(TOPICS.audit(), 0),
            RecordsToDelete.beforeOffset(0))).all().get())
            .as(user).hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
    try (Admin admin = admin()) {
      assertThat(admin.listTopics().names().get()).contains(TOPICS.audit());
    }
  }

  private static void pollUntilFailure(KafkaConsumer<String, byte[]> consumer) {
    await().atMost(WAIT).until(() -> {
      consumer.poll(Duration.ofMillis(200));
      return false;
    });
  }

  private static String provision(String... extra) {
    List<String> args = new ArrayList<>(List.of("provision", "--bootstrap-server", platform.bootstrapServers(),
        "--registry-url", platform.registryUrl(), "--credentials", credentials.toString()));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Tiprouter.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    assertThat(code).as("provision failed: %s", err).isZero();
    return out.toString();
  }

  private static String resource(String name) throws Exception {
    return Path.of(AgencyAccessSecurityIT.class.getResource("/security/" + name).toURI()).toString();
  }

  private static Admin admin() {
    return Admin.create(clients("admin").admin("admin-it"));
  }

  private static ContractSerdes serdes() {
    return ContractSerdes.registry(platform.registryUrl(), Map.of());
  }

  private static KafkaClientConfigs clients(String user) {
    return new KafkaClientConfigs(platform.bootstrapServers(), CredentialsFile.clientSettings(credentials, user));
  }

  private static KafkaConsumer<String, byte[]> consumer(String user, String group) {
    return new KafkaConsumer<>(clients(user).consumer(user + "-it", group), new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** A producer without idempotence, only to show that the write itself is refused (never used by tiprouter). */
  private static KafkaProducer<String, byte[]> plainProducer(String user) {
    Map<String, Object> settings = new HashMap<>(CredentialsFile.clientSettings(credentials, user));
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaProducer<String, byte[]> producer(String user) {
    Map<String, Object> settings = new HashMap<>(clients(user).producer(user + "-it"));
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
  }
}
