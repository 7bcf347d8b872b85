package org.tiprouter.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.platform.EmbeddedKafka;

/** Reading a topic's committed records and measuring a group's lag, on a real broker. */
class TopicSnapshotIT {

  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("snapshot-it"))) {
      admin.createTopics(List.of(new NewTopic("snapshot.v1", 2, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void readsEveryCommittedRecordAndNoAbortedOneAndLagFollowsCommits() throws Exception {
    Map<String, Object> settings = new java.util.HashMap<>(clients.producer("snapshot-it"));
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "snapshot-it");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("snapshot.v1", "a", "kept-1"));
      producer.send(new ProducerRecord<>("snapshot.v1", "b", "kept-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("snapshot.v1", "c", "aborted"));
      producer.abortTransaction();
    }

    List<String> values = TopicSnapshot.read(clients, "snapshot.v1", new StringDeserializer(), new StringDeserializer(),
        Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    assertThat(values).containsExactlyInAnyOrder("kept-1", "kept-2");

    try (Admin admin = Admin.create(clients.admin("snapshot-it-lag"))) {
      assertThat(ConsumerGroupLag.of(admin, "snapshot-group", List.of("snapshot.v1"))).isPositive();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clients.consumer("lag", "snapshot-group"),
          new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("snapshot.v1"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          consumer.poll(Duration.ofMillis(200));
          consumer.commitSync();
          assertThat(ConsumerGroupLag.of(admin, "snapshot-group", List.of("snapshot.v1"))).isZero();
        });
      }
    }
  }
}
