package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.agency.AgencyClient;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.platform.EmbeddedKafka;

/** What {@code agency tail} and {@code agency export} write, on the real broker. */
class AgencyCommandIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final String AGENCY = "knoxville-pd";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static EmbeddedKafka kafka;
  private static final List<UUID> queued = new ArrayList<>();
  private static UUID urgent;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("agency-command-it"));
        KafkaProducer<String, RoutedTip> producer = new KafkaProducer<>(clients.producer("agency-command-it"),
            new StringSerializer(), ContractSerdes.registryFree().value(RoutedTip.class).serializer())) {
      admin.createTopics(List.of(new NewTopic(TOPICS.agencyQueue(AGENCY), 1, (short) 1),
          new NewTopic(TOPICS.agencyUrgentLane(AGENCY), 1, (short) 1))).all().get();
      for (int i = 0; i < 3; i++) {
        UUID id = UUID.randomUUID();
        queued.add(id);
        producer.send(new ProducerRecord<>(TOPICS.agencyQueue(AGENCY), id.toString(),
            RoutedTip.newBuilder(ContractFixtures.routedTip()).setTipId(id).setUrgent(false).build())).get();
      }
      producer.send(new ProducerRecord<>(TOPICS.agencyQueue(AGENCY), ContractFixtures.EARLIER_TIP_ID.toString(),
          RoutedTip.newBuilder(ContractFixtures.relatedTipNotice()).setAgencyId(AGENCY).build())).get();
      urgent = UUID.randomUUID();
      producer.send(new ProducerRecord<>(TOPICS.agencyUrgentLane(AGENCY), urgent.toString(),
          RoutedTip.newBuilder(ContractFixtures.routedTip()).setTipId(urgent).build())).get();
      // route writes an urgent tip to the queue too
      producer.send(new ProducerRecord<>(TOPICS.agencyQueue(AGENCY), urgent.toString(),
          RoutedTip.newBuilder(ContractFixtures.routedTip()).setTipId(urgent).build())).get();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static AgencyClient.Builder client(String name) {
    return AgencyClient.builder(AGENCY, name).bootstrapServers(kafka.bootstrapServers())
        .serdes(ContractSerdes.registryFree());
  }

  @Test
  void tailPrintsOneJsonObjectPerLineUrgentFirstAndStopsAtMax() throws Exception {
    StringWriter text = new StringWriter();
    long printed = CompletableFuture.supplyAsync(() -> AgencyCommand.Tail.tail(client("tail-it").build(),
        new PrintWriter(text), AgencyCommand.Format.jsonl, 3L)).get(60, TimeUnit.SECONDS);

    assertThat(printed).isEqualTo(3);
    List<String> lines = text.toString().lines().toList();
    assertThat(lines).hasSize(3);
    JsonNode first = MAPPER.readTree(lines.get(0));
    assertThat(first.get("tipId").asText()).isEqualTo(urgent.toString());
    assertThat(first.get("urgent").asBoolean()).isTrue();
    assertThat(first.get("tip").get("tipId").asText()).isEqualTo(ContractFixtures.TIP_ID.toString());
    assertThat(MAPPER.readTree(lines.get(1)).get("tipId").asText()).isEqualTo(queued.get(0).toString());
  }

  @Test
  void tailTextIsASummary() throws Exception {
    StringWriter text = new StringWriter();
    CompletableFuture.supplyAsync(() -> AgencyCommand.Tail.tail(client("tail-text").build(),
        new PrintWriter(text), AgencyCommand.Format.text, 5L)).get(60, TimeUnit.SECONDS);

    assertThat(text.toString().lines()).hasSize(5);
    assertThat(text.toString()).contains("URGENT", "RELATED_TIP").doesNotContain("Riley", "{");
  }

  @Test
  void exportWritesEveryRecordOnceToANewOwnerOnlyFileAndStops() throws Exception {
    Path file = dir.resolve("export.jsonl");

    long count = CompletableFuture.supplyAsync(() -> {
      try {
        return AgencyCommand.Export.export(client("export-it").stopWhenCaughtUp().build(), file);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);

    assertThat(count).isEqualTo(5);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(MAPPER.readTree(line));
    }
    assertThat(lines).extracting(json -> json.get("tipId").asText()).containsExactly(urgent.toString(),
        queued.get(0).toString(), queued.get(1).toString(), queued.get(2).toString(),
        ContractFixtures.EARLIER_TIP_ID.toString());
    assertThat(lines.get(4).get("kind").asText()).isEqualTo("RELATED_TIP");
    assertThat(lines.get(4).has("tip")).isFalse();
  }
}
