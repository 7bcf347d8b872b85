package org.tiprouter.classify.it;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.classify.ClassifyConfig;
import org.tiprouter.classify.ClassifyTopology;
import org.tiprouter.classify.TestDirectories;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * Classify on the real in-JVM broker (registry-free serdes): a directory change published on the
 * directory topic changes the routing of the next tip, with no restart.
 */
class DirectoryChangeIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();

  @TempDir
  static Path stateDir;

  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;
  private static StreamStageRunner classify;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    TopicSettings settings = new TopicSettings(1, (short) -1, -1);
    try (Admin admin = Admin.create(clients.admin("classify-it"))) {
      new TopicProvisioner(admin, settings).ensure(new TopicCatalogue(TOPICS, settings).pipelineTopics());
    }
    Map<String, Object> props = new HashMap<>();
    props.put(TiprouterConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    props.put(StreamStageConfig.STATE_DIR, stateDir.toString());
    props.put(ClassifyConfig.DEFAULT_AGENCY, "fallback-desk");
    ClassifyConfig config = new ClassifyConfig(props);
    classify = new StreamStageRunner("classify", new ClassifyTopology(config, SERDES, Clock.systemUTC(),
        TestDirectories.reference()).build(), config.streamsProperties());
    classify.start();
    await().atMost(ofSeconds(60)).until(classify::isRunning);
  }

  @AfterAll
  static void stop() {
    if (classify != null) {
      classify.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aDirectoryChangeOnTheTopicChangesTheRoutingOfTheNextTip() {
    List<Agency> directory = TestDirectories.testDirectory().toRecords();
    directory.forEach(DirectoryChangeIT::publish);
    awaitAgencyInStore("knoxville-pd", encode(directory.stream().filter(a -> a.getAgencyId().equals("knoxville-pd"))
        .findFirst().orElseThrow()));

    UUID first = UUID.randomUUID();
    publishTip(first);
    assertThat(awaitClassified(first).getDecision().getPrimaryAgencyId()).isEqualTo("knoxville-pd");

    publishTombstone("knoxville-pd");
    awaitAgencyInStore("knoxville-pd", null);
    UUID second = UUID.randomUUID();
    publishTip(second);
    ClassifiedTip after = awaitClassified(second);
    assertThat(after.getDecision().getPrimaryAgencyId()).isEqualTo("knox-county-so");
    assertThat(after.getDecision().getReasons())
        .contains("incident ZIP 37902 -> county 47093 (Knox, TN) -> knox-county-so (county area)");
  }

  private static void awaitAgencyInStore(String agencyId, byte[] expected) {
    await().atMost(ofSeconds(30)).untilAsserted(() -> {
      ReadOnlyKeyValueStore<String, byte[]> store = classify.streams().store(StoreQueryParameters
          .fromNameAndType(ClassifyTopology.AGENCIES_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
      byte[] actual = store.get(agencyId);
      assertThat(actual == null ? null : Arrays.toString(actual))
          .isEqualTo(expected == null ? null : Arrays.toString(expected));
    });
  }

  private static byte[] encode(Agency agency) {
    return SERDES.value(Agency.class).serializer().serialize(TOPICS.agencies(), agency);
  }

  private static void publish(Agency agency) {
    send(TOPICS.agencies(), agency.getAgencyId(), encode(agency));
  }

  private static void publishTombstone(String agencyId) {
    send(TOPICS.agencies(), agencyId, null);
  }

  private static void publishTip(UUID tipId) {
    Tip tip = Tip.newBuilder(ContractFixtures.tip()).setTipId(tipId).setChannel(Channel.WEB).setReporter(null)
        .setLocations(List.of(Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.ZIP)
            .setZip("37902").build()))
        .build();
    send(TOPICS.normalised(), tipId.toString(), SERDES.value(Tip.class).serializer().serialize(TOPICS.normalised(), tip));
  }

  private static void send(String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients.producer("classify-it"),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("Could not publish to " + topic, e);
    }
  }

  private static ClassifiedTip awaitClassified(UUID tipId) {
    List<ClassifiedTip> found = new ArrayList<>();
    try (KafkaConsumer<String, ClassifiedTip> consumer = new KafkaConsumer<>(
        clients.consumer("classify-it-reader", "classify-it-" + UUID.randomUUID()), new StringDeserializer(),
        SERDES.value(ClassifiedTip.class).deserializer())) {
      consumer.subscribe(List.of(TOPICS.classified()));
      await().atMost(ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, ClassifiedTip> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key().equals(tipId.toString())) {
            found.add(record.value());
          }
        }
        return !found.isEmpty();
      });
    }
    assertThat(found.get(0).getTip().getTipId()).isEqualTo(tipId);
    return found.get(0);
  }
}
