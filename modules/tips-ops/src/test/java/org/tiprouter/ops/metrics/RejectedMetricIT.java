package org.tiprouter.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.IngestDeadLetters;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code tips_rejected_total{channel,reason}} comes from the intakes' dead letters on
 * {@code tips.dlq.ingest.v1}, written here the way the intakes write them ({@link IngestDeadLetters},
 * the channel in the context); other stages' dead letters are no rejections.
 */
class RejectedMetricIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("rejected-it"))) {
      admin.createTopics(List.of(new NewTopic(TOPICS.deadLetters(Stage.INGEST), 1, (short) 1),
          new NewTopic(TOPICS.deadLetters(Stage.NORMALISE), 1, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static void send(Stage stage, ReasonCode reason, Map<String, String> context) {
    DeadLetters letters = new DeadLetters(stage, Clock.systemUTC());
    try (IngestDeadLetters out = new IngestDeadLetters(new KafkaProducer<>(clients.producer("rejected-it"),
        new StringSerializer(), SERDES.value(DeadLetter.class).serializer()), TOPICS.deadLetters(stage))) {
      out.send(letters.create(reason, "a code, never the input", null, DeadLetters.Source.NONE, null,
          "refused input".getBytes(StandardCharsets.UTF_8), context));
      out.flush();
    }
  }

  @Test
  void countsRefusedOutsideInputByChannelAndReason() throws Exception {
    send(Stage.INGEST, ReasonCode.VALIDATION_FAILED, Map.of("channel", "cybertipline", "source", "https"));
    send(Stage.INGEST, ReasonCode.VALIDATION_FAILED, Map.of("channel", "cybertipline", "source", "https"));
    send(Stage.INGEST, ReasonCode.PARSE_REJECTED, Map.of("channel", "phone", "fileName", "shift.csv", "lineNumber", "4"));
    send(Stage.INGEST, ReasonCode.PAYLOAD_TOO_LARGE, Map.of());
    send(Stage.NORMALISE, ReasonCode.TAMPERED, Map.of());

    try (OpsMetrics metrics = new OpsMetrics();
        PipelineObserver observer = new PipelineObserver(clients, SERDES, TOPICS, metrics.tips()).start()) {
      await().atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(observer.view().totals()).containsEntry("deadLettered", 5L));
      assertThat(metrics.scrape())
          .contains("tips_rejected_total{channel=\"cybertipline\",reason=\"validation_failed\"} 2.0")
          .contains("tips_rejected_total{channel=\"phone\",reason=\"parse_rejected\"} 1.0")
          .contains("tips_rejected_total{channel=\"unknown\",reason=\"payload_too_large\"} 1.0")
          .contains("tips_dlq_total{reason=\"tampered\",stage=\"normalise\"} 1.0")
          .doesNotContain("reason=\"tampered\",stage=\"ingest\"")
          .doesNotContain("tips_rejected_total{channel=\"unknown\",reason=\"tampered\"}")
          .doesNotContain("refused input");
    }
  }
}
