package org.tiprouter.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.platform.EmbeddedKafka;

/** {@link AgencyClient} on the real in-JVM broker. */
class AgencyClientIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();

  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;
  private static Admin admin;
  private static KafkaProducer<String, RoutedTip> producer;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    admin = Admin.create(clients.admin("agency-it"));
    Serializer<RoutedTip> serializer = SERDES.value(RoutedTip.class).serializer();
    producer = new KafkaProducer<>(clients.producer("agency-it"), new StringSerializer(), serializer);
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void readsTheUrgentLaneBeforeTheQueue() throws Exception {
    String agency = "urgent-first";
    createQueues(agency, 3, 2);
    List<UUID> queued = send(agency, false, 12, null);
    List<UUID> urgent = send(agency, true, 4, null);

    List<AgencyDelivery> seen = Collections.synchronizedList(new ArrayList<>());
    AgencyClient client = client(agency, "cms").build();
    long handled = runAsync(client, delivery -> {
      seen.add(delivery);
      if (seen.size() == 16) {
        client.stop();
      }
    });

    assertThat(handled).isEqualTo(16);
    assertThat(seen.subList(0, 4)).allMatch(AgencyDelivery::urgentLane);
    assertThat(seen.subList(0, 4)).extracting(d -> d.routedTip().getTipId())
        .containsExactlyInAnyOrderElementsOf(urgent);
    assertThat(seen.subList(4, 16)).extracting(d -> d.routedTip().getTipId())
        .containsExactlyInAnyOrderElementsOf(queued);
    assertThat(client.groupId()).isEqualTo("agency.urgent-first.cms");
    // the urgent lane is committed to its end (a partition no urgent tip went to has nothing to commit)
    Map<TopicPartition, Long> committed = committed(client.groupId());
    String lane = TOPICS.agencyUrgentLane(agency);
    for (int partition = 0; partition < 2; partition++) {
      TopicPartition tp = new TopicPartition(lane, partition);
      assertThat(committed.getOrDefault(tp, 0L)).as("committed offset of %s", tp)
          .isEqualTo(endOffset(lane, partition));
    }
  }

  @Test
  void commitsOnlyAfterTheHandlerSucceededAndANewClientResumesAtTheFailedTip() throws Exception {
    String agency = "commit-after";
    createQueues(agency, 1, 1);
    List<UUID> tips = send(agency, false, 5, null);
    TopicPartition queue = new TopicPartition(TOPICS.agencyQueue(agency), 0);

    List<UUID> first = new ArrayList<>();
    AgencyClient failing = client(agency, "cms").build();
    assertThatThrownBy(() -> failing.run(delivery -> {
      first.add(delivery.routedTip().getTipId());
      if (first.size() == 3) {
        throw new IllegalStateException("case system down");
      }
    })).isInstanceOf(TipNotHandledException.class)
        .hasMessageContaining(TOPICS.agencyQueue(agency) + "-0@2")
        .hasMessageNotContaining("case system down");
    assertThat(failing.handled()).isEqualTo(2);
    assertThat(committed("agency.commit-after.cms")).containsEntry(queue, 2L);

    List<UUID> second = new ArrayList<>();
    AgencyClient resumed = client(agency, "cms").stopWhenCaughtUp().build();
    assertThat(runAsync(resumed, delivery -> second.add(delivery.routedTip().getTipId()))).isEqualTo(3);

    assertThat(first).containsExactlyElementsOf(tips.subList(0, 3));
    assertThat(second).as("the failed tip again, then the rest, nothing skipped")
        .containsExactlyElementsOf(tips.subList(2, 5));
    assertThat(committed("agency.commit-after.cms")).containsEntry(queue, 5L);
  }

  @Test
  void aClientKilledMidBatchAndRestartedSeesEveryTipAndCommitsNoneItDidNotHandle() throws Exception {
    String agency = "killed";
    createQueues(agency, 3, 1);
    List<UUID> all = new ArrayList<>(send(agency, false, 40, null));
    all.addAll(send(agency, true, 5, null));

    Set<String> handledPositions = Collections.synchronizedSet(new HashSet<>());
    Set<UUID> seen = Collections.synchronizedSet(new HashSet<>());
    List<String> crashedAt = new ArrayList<>();
    AgencyClient doomed = client(agency, "cms").build();
    assertThatThrownBy(() -> runAsync(doomed, delivery -> {
      seen.add(delivery.routedTip().getTipId());
      if (seen.size() == 17) {
        crashedAt.add(delivery.position());
        throw new Error("killed mid-batch");
      }
      handledPositions.add(delivery.position());
    })).hasRootCauseMessage("killed mid-batch");

    Map<TopicPartition, Long> afterCrash = committed(doomed.groupId());
    assertThat(afterCrash).isNotEmpty();
    afterCrash.forEach((partition, next) -> assertThat(handledPositions)
        .as("committed offset %s of %s was handled", next - 1, partition)
        .contains(partition.topic() + "-" + partition.partition() + "@" + (next - 1)));
    assertThat(afterCrash.values().stream().mapToLong(Long::longValue).sum())
        .as("every handled record committed, the crashed one not").isEqualTo(16);

    Set<UUID> restartedSeen = Collections.synchronizedSet(new HashSet<>());
    AgencyClient restarted = client(agency, "cms").stopWhenCaughtUp().build();
    runAsync(restarted, delivery -> restartedSeen.add(delivery.routedTip().getTipId()));

    Set<UUID> union = new HashSet<>(seen);
    union.addAll(restartedSeen);
    assertThat(union).containsExactlyInAnyOrderElementsOf(all);
    assertThat(crashedAt).hasSize(1);
    assertThat(restarted.handled()).isEqualTo(45 - 16);
  }

  @Test
  void readsOnlyCommittedRecordsAndStartsAtTheGivenTime() throws Exception {
    String agency = "committed-only";
    createQueues(agency, 1, 1);
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<UUID> old = send(agency, false, 2, base);
    Map<String, Object> transactional = clients.producer("agency-it-tx");
    transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "agency-it-tx");
    try (KafkaProducer<String, RoutedTip> tx = new KafkaProducer<>(transactional, new StringSerializer(),
        SERDES.value(RoutedTip.class).serializer())) {
      tx.initTransactions();
      tx.beginTransaction();
      tx.send(new ProducerRecord<>(TOPICS.agencyQueue(agency), null, base.plusSeconds(7200).toEpochMilli(),
          UUID.randomUUID().toString(), routed(agency, UUID.randomUUID(), false))).get();
      tx.abortTransaction();
    }
    List<UUID> recent = send(agency, false, 2, base.plusSeconds(7200));

    List<UUID> exported = new ArrayList<>();
    AgencyClient since = client(agency, "export-1").since(base.plusSeconds(3600)).stopWhenCaughtUp().build();
    runAsync(since, delivery -> exported.add(delivery.routedTip().getTipId()));
    assertThat(exported).containsExactlyElementsOf(recent);

    List<UUID> everything = new ArrayList<>();
    runAsync(client(agency, "export-2").stopWhenCaughtUp().build(),
        delivery -> everything.add(delivery.routedTip().getTipId()));
    List<UUID> expected = new ArrayList<>(old);
    expected.addAll(recent);
    assertThat(everything).as("the aborted tip is never seen").containsExactlyElementsOf(expected);
  }

  @Test
  void refusesAnAgencyWithoutQueuesAndSettingsThatWeakenTheGuarantees() {
    assertThatThrownBy(() -> client("no-such-agency", "cms").stopWhenCaughtUp().build().run(d -> { }))
        .hasMessageContaining("has no queue");
    assertThatThrownBy(() -> client("x1", "cms").settings(Map.of("enable.auto.commit", "true")).build())
        .hasMessageContaining("enable.auto.commit");
    assertThatThrownBy(() -> AgencyClient.builder("Bad Id", "cms")).hasMessageContaining("Invalid agency id");
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static AgencyClient.Builder client(String agency, String name) {
    return AgencyClient.builder(agency, name).bootstrapServers(kafka.bootstrapServers()).serdes(SERDES)
        .topicNames(TOPICS);
  }

  private static long runAsync(AgencyClient client, TipHandler handler) throws Exception {
    CompletableFuture<Long> run = CompletableFuture.supplyAsync(() -> client.run(handler));
    try {
      return run.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  private static void createQueues(String agency, int queuePartitions, int urgentPartitions) throws Exception {
    admin.createTopics(List.of(
        new NewTopic(TOPICS.agencyQueue(agency), queuePartitions, (short) 1),
        new NewTopic(TOPICS.agencyUrgentLane(agency), urgentPartitions, (short) 1))).all().get();
  }

  private static RoutedTip routed(String agency, UUID tipId, boolean urgent) {
    return RoutedTip.newBuilder(ContractFixtures.routedTip()).setTipId(tipId).setAgencyId(agency)
        .setUrgent(urgent).build();
  }

  /** Sends {@code count} tips to the queue, or to the urgent lane; returns their ids in order. */
  private static List<UUID> send(String agency, boolean urgent, int count, Instant timestamp) throws Exception {
    String topic = urgent ? TOPICS.agencyUrgentLane(agency) : TOPICS.agencyQueue(agency);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      producer.send(new ProducerRecord<>(topic, null, timestamp == null ? null : timestamp.toEpochMilli(),
          id.toString(), routed(agency, id, urgent))).get();
    }
    return ids;
  }

  private static Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get().entrySet()) {
      if (entry.getValue() != null) {
        offsets.put(entry.getKey(), entry.getValue().offset());
      }
    }
    return offsets;
  }

  private static long endOffset(String topic, int partition) throws Exception {
    TopicPartition tp = new TopicPartition(topic, partition);
    return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
        .partitionResult(tp).get().offset();
  }
}
