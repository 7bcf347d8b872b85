package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.DirectoryAgency;
import org.tiprouter.classify.directory.DirectoryFileReader;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedKafka;

/** {@code directory load} against the real in-JVM broker (registry-free serdes). */
class DirectoryLoaderIT {

  private static final TopicNames TOPICS = new TopicNames("loader.it");
  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;
  private static DirectoryLoader loader;
  private static AgencyDirectory demo;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    loader = new DirectoryLoader(clients, ContractSerdes.registryFree(), TOPICS, new TopicSettings(1, (short) -1, -1));
    demo = ((DirectoryFileReader.Valid) new DirectoryFileReader(ReferenceData.load()).read(DemoDirectoryTest.DEMO))
        .directory();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void publishesTheDirectoryOnceCreatesQueuesAndTombstonesRemovedAgencies() throws Exception {
    DirectoryLoader.Outcome first = loader.load(demo);
    assertThat(first.added()).hasSize(154);
    assertThat(first.topics().created()).contains(TOPICS.agencies(), TOPICS.agencyQueue("knoxville-pd"),
        TOPICS.agencyUrgentLane("knoxville-pd"), TOPICS.agencyQueue("national-triage"));
    try (Admin admin = Admin.create(clients.admin("loader-it"))) {
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics).contains(TOPICS.agencyQueue("ga-icac"), TOPICS.agencyUrgentLane("fbi-memphis"));
    }

    DirectoryLoader.Outcome again = loader.load(demo);
    assertThat(again.published()).isFalse();
    assertThat(again.unchanged()).isEqualTo(154);
    assertThat(again.topics().created()).isEmpty();

    Map<String, DirectoryAgency> fewer = new LinkedHashMap<>(demo.agencies());
    fewer.remove("memphis-pd");
    DirectoryAgency knoxville = fewer.get("knoxville-pd");
    fewer.put("knoxville-pd", new DirectoryAgency(knoxville.id(), "Knoxville Police Department (renamed)",
        knoxville.service(), knoxville.areas(), knoxville.channels(), knoxville.copies(), false));
    DirectoryLoader.Outcome changed = loader.load(AgencyDirectory.of("2+sha256:feedfacefeedface", fewer.values()));
    assertThat(changed.removed()).containsExactly("memphis-pd");
    assertThat(changed.changed()).containsExactly("knoxville-pd");
    assertThat(changed.reversioned()).hasSize(152);
    assertThat(changed.added()).isEmpty();

    List<ConsumerRecord<String, byte[]>> records = TopicSnapshot.read(clients, TOPICS.agencies(),
        new StringDeserializer(), new ByteArrayDeserializer(), Duration.ofSeconds(30));
    assertThat(records).filteredOn(record -> record.key().equals("memphis-pd")).last()
        .satisfies(record -> assertThat(record.value()).isNull());
    assertThat(records).hasSize(154 + 154);
  }
}
