package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
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
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedKafka;

/** {@code ops} against the real broker: ready once the broker answers, counts an intake's refusal. */
class OpsCommandIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    TopicSettings settings = new TopicSettings(1, (short) -1, -1);
    try (Admin admin = Admin.create(clients.admin("ops-it"))) {
      new TopicProvisioner(admin, settings).ensure(new TopicCatalogue(TOPICS, settings).pipelineTopics());
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePipelinesMetricsAndDashboardFromTheCluster() throws Exception {
    try (IngestDeadLetters out = new IngestDeadLetters(new KafkaProducer<>(clients.producer("ops-it"),
        new StringSerializer(), SERDES.value(DeadLetter.class).serializer()), TOPICS.deadLetters(Stage.INGEST))) {
      out.send(new DeadLetters(Stage.INGEST, Clock.systemUTC()).create(ReasonCode.PARSE_REJECTED, "NOT_WELL_FORMED",
          null, DeadLetters.Source.NONE, null, "<report>secret".getBytes(StandardCharsets.UTF_8),
          Map.of("channel", "cybertipline")));
      out.flush();
    }
    try (OpsCommand.Running ops = OpsCommand.start(clients, SERDES, TOPICS, "127.0.0.1", 0)) {
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(get(ops.port(), "/health/ready").statusCode()).isEqualTo(200);
        assertThat(get(ops.port(), "/metrics").body())
            .contains("tips_rejected_total{channel=\"cybertipline\",reason=\"parse_rejected\"} 1.0")
            .contains("tips_stage_lag{stage=\"normalise\"} 0.0")
            .contains("tips_triage_lag 0.0");
      });
      HttpResponse<String> dashboard = get(ops.port(), "/");
      assertThat(dashboard.statusCode()).isEqualTo(200);
      assertThat(get(ops.port(), "/dashboard.json").body()).contains("parse_rejected".toUpperCase())
          .doesNotContain("secret");
    }
  }

  @Test
  void isARealSubcommand() {
    assertThat(Tiprouter.execute(new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), "ops", "--help")).isZero();
    assertThat(List.of(new picocli.CommandLine(new Tiprouter()).getSubcommands().keySet().toArray()))
        .contains("ops", "dlq");
  }
}
