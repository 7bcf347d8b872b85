package org.tiprouter.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.ops.Dashboard;
import org.tiprouter.ops.OpsServer;
import org.tiprouter.platform.EmbeddedKafka;

/** The observer counts what it sees on a real broker; the lag monitor measures agency queues. */
class PipelineObserverIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("observer-it"))) {
      admin.createTopics(List.of(topic(TOPICS.raw(Channel.CYBERTIPLINE)), topic(TOPICS.agencyQueue("knoxville-pd")),
          topic(TOPICS.agencyUrgentLane("knoxville-pd")), topic(TOPICS.triage()),
          topic(TOPICS.deadLetters(Stage.NORMALISE)))).all().get();
    }
  }

  private static NewTopic topic(String name) {
    return new NewTopic(name, 1, (short) 1);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> byte[] bytes(String topic, T value) {
    return SERDES.value((Class<T>) value.getClass()).serializer().serialize(topic, value);
  }

  @Test
  void countsWhatThePipelineWroteAndMeasuresAgencyLag() throws Exception {
    RawTip raw = ContractFixtures.rawTip();
    RoutedTip routed = ContractFixtures.routedTip();
    DeadLetter dead = ContractFixtures.tamperedDeadLetter();
    long routedAt = ContractFixtures.ROUTED_AT.toEpochMilli();
    String queue = TOPICS.agencyQueue(routed.getAgencyId());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("observer-it"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      String rawTopic = TOPICS.raw(Channel.CYBERTIPLINE);
      producer.send(new ProducerRecord<>(rawTopic, null, raw.getReceivedAt().toEpochMilli(), null, bytes(rawTopic, raw)));
      String dlq = TOPICS.deadLetters(Stage.NORMALISE);
      producer.send(new ProducerRecord<>(dlq, bytes(dlq, dead)));
      producer.send(new ProducerRecord<>(dlq, "x".getBytes(), "not avro at all".getBytes()));
      producer.flush();
    }
    // route writes with exactly-once: the commit marker takes an offset but is not a record
    Map<String, Object> transactional = new java.util.HashMap<>(clients.producer("observer-it-tx"));
    transactional.put(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "observer-it-tx");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(queue, null, raw.getReceivedAt().toEpochMilli(), null, bytes(queue, routed)));
      producer.commitTransaction();
    }

    try (OpsMetrics metrics = new OpsMetrics();
        Admin admin = Admin.create(clients.admin("observer-it-lag"));
        PipelineObserver observer = new PipelineObserver(clients, SERDES, TOPICS, metrics.tips()).start();
        LagMonitor lag = new LagMonitor(admin, TOPICS, metrics.registry(), Duration.ofMillis(300), observer).start();
        OpsServer server = new OpsServer("127.0.0.1", 0).metrics(metrics).dashboard(new Dashboard(observer, lag))
            .start()) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        PipelineObserver.View view = observer.view();
        assertThat(view.totals()).containsEntry("ingested", 1L).containsEntry("routed", 1L)
            .containsEntry("deadLettered", 1L);
        assertThat(view.unreadable()).isEqualTo(1);
      });
      PipelineObserver.View view = observer.view();
      long expected = routedAt - routed.getTip().getReceivedAt().toEpochMilli();
      assertThat(view.p50Millis()).isEqualTo(expected);
      assertThat(view.routedPerAgency()).containsEntry(routed.getAgencyId(), 1L);
      assertThat(view.latestDeadLetters()).singleElement().satisfies(entry -> {
        assertThat(entry.stage()).isEqualTo("normalise");
        assertThat(entry.reason()).isEqualTo(dead.getReasonCode());
      });
      assertThat(view.ingestedPerMinute().values()).anySatisfy(m -> assertThat(m).containsEntry("cybertipline", 1L));

      String scrape = metrics.scrape();
      assertThat(scrape).contains("tips_ingested_total{channel=\"cybertipline\"} 1.0")
          .contains("tips_routed_total{agency=\"" + routed.getAgencyId() + "\",role=\"primary\"} 1.0")
          .contains("tips_dlq_total{reason=\"" + dead.getReasonCode().toLowerCase() + "\",stage=\"normalise\"} 1.0")
          .contains("tips_end_to_end_seconds_count 1");

      // nobody reads the queue yet: the whole queue is lag, counted in records, not offsets
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag.snapshot().agencies())
          .anySatisfy(a -> {
            assertThat(a.agency()).isEqualTo(routed.getAgencyId());
            assertThat(a.queue().depth()).isEqualTo(1);
            assertThat(a.queue().lag()).isEqualTo(1);
          }));
      assertThat(metrics.scrape()).contains("tips_agency_lag{agency=\"" + routed.getAgencyId() + "\",lane=\"queue\"} 1.0");

      // the agency's reader consumes and commits: its lag drops to zero
      try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(clients.consumer("reader", "knoxville-reader"),
          new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        reader.subscribe(List.of(queue));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(200));
          reader.commitSync();
          return !records.isEmpty();
        });
      }
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(lag.snapshot().agencies())
          .anySatisfy(a -> {
            assertThat(a.queue().groupLag()).containsEntry("knoxville-reader", 0L);
            assertThat(a.queue().lag()).isZero();
          }));

      String json = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://127.0.0.1:" + server.port() + "/dashboard.json")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertThat(json).contains("\"agency\":\"" + routed.getAgencyId() + "\"").contains("\"routed\":1")
          .contains("\"knoxville-reader\":0").doesNotContain(ContractFixtures.REPORT_ID);
    }
  }
}
