package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final String TOPIC = "tips.platform-test.v1";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path tempDir;

  @Test
  void readCommittedConsumerSeesExactlyCommittedRecordsAlsoAfterRestart() throws Exception {
    Path dataDir = tempDir.resolve("kafka");
    List<String> committed = new ArrayList<>();
    String clusterId;

    try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir))) {
      clusterId = kafka.clusterId();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = transactionalProducer(kafka.bootstrapServers())) {
        producer.initTransactions();
        committed.addAll(sendInTransaction(producer, "committed-a", 5, true));
        sendInTransaction(producer, "aborted", 3, false);
        committed.addAll(sendInTransaction(producer, "committed-b", 4, true));
      }

      assertThat(readCommittedToEnd(kafka.bootstrapServers())).containsExactlyInAnyOrderElementsOf(committed);
    }

    assertThat(dataDir.resolve("meta.properties")).exists();
    try (EmbeddedKafka restarted = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir))) {
      assertThat(restarted.clusterId()).isEqualTo(clusterId);
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
          restarted.bootstrapServers()))) {
        assertThat(admin.listTopics().names().get()).contains(TOPIC);
      }
      assertThat(readCommittedToEnd(restarted.bootstrapServers()))
          .containsExactlyInAnyOrderElementsOf(committed);
    }
  }

  @Test
  void fixedPortThatIsTakenFailsFastNamingPortAndOption() throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(LoopbackPorts.address(), 0));
      int taken = squatter.getLocalPort();
      EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.defaults()
          .withPort(taken)
          .withPortOptionName("--kafka-port");

      long startNanos = System.nanoTime();
      assertThatThrownBy(() -> EmbeddedKafka.start(settings))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Kafka port " + taken + " is already in use on 127.0.0.1; choose another with "
              + "--kafka-port");
      assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void runsOnAFixedPortAndCloseLeavesNothingListeningAndNoTemporaryData() {
    int fixedPort = LoopbackPorts.pickFree();
    EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withPort(fixedPort));
    Path dataDir = kafka.dataDir();
    int controllerPort = kafka.controllerPort();
    try {
      assertThat(kafka.port()).isEqualTo(fixedPort);
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + fixedPort);
      assertThat(LoopbackPorts.isListening(fixedPort)).isTrue();
      assertThat(LoopbackPorts.isListening(controllerPort)).isTrue();
      assertThat(Files.isDirectory(dataDir)).isTrue();
    } finally {
      kafka.close();
    }

    assertThat(LoopbackPorts.isListening(fixedPort)).isFalse();
    assertThat(LoopbackPorts.isListening(controllerPort)).isFalse();
    assertThat(dataDir).doesNotExist();
    kafka.close();
  }

  private static KafkaProducer<String, String> transactionalProducer(String bootstrapServers) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "platform-it-" + UUID.randomUUID()),
        new StringSerializer(), new StringSerializer());
  }

  private static List<String> sendInTransaction(KafkaProducer<String, String> producer, String prefix, int count,
                         boolean commit) throws Exception {
    List<String> values = new ArrayList<>();
    producer.beginTransaction();
    for (int i = 0; i < count; i++) {
      String value = prefix + "-" + i;
      producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), value)).get();
      values.add(value);
    }
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
    return values;
  }

  /** Reads every partition from the start up to the last stable offset, without a consumer group. */
  private static List<String> readCommittedToEnd(String bootstrapServers) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new StringDeserializer())) {
      Set<TopicPartition> partitions = Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      assertThat(end.values().stream().mapToLong(Long::longValue).sum())
          .as("end offsets include the transaction markers").isGreaterThan(0);
      await().atMost(WAIT).until(() -> {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
      });
    }
    return values;
  }
}
