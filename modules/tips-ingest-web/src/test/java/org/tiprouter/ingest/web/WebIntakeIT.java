package org.tiprouter.ingest.web;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The web intake against a real broker: success only after the broker acknowledged, and nothing
 * on the topic for any refused request. Uses registry-free serdes: the registry is covered
 * elsewhere and is not what this test is about.
 */
class WebIntakeIT {

  private static final TopicNames TOPICS = TopicNames.defaults();

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final ContractSerdes serdes = ContractSerdes.registryFree();
  private EmbeddedKafka kafka;
  private WebIntakeApp intake;

  @BeforeEach
  void start() {
    kafka = EmbeddedKafka.start();
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(clients.admin("web-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TOPICS, TopicSettings.brokerDefaults()).pipelineTopics());
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put(WebIntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 3000);
    intake = new WebIntakeApp(new WebIntakeConfig(settings), serdes).start();
  }

  @AfterEach
  void stop() {
    if (intake != null) {
      intake.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void storesTheExactBytesAndAnswers202WithTipIdAndReceipt() throws Exception {
    String body = "{\"description\": \"Saw a man offering a child money in the park chat\"}";
    HttpResponse<String> response = post("application/json", body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode answer = json.readTree(response.body());
    UUID tipId = UUID.fromString(answer.get("tipId").asText());
    assertThat(answer.get("receipt").asText()).matches("TIP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");

    List<RawTip> stored = rawTips();
    assertThat(stored).hasSize(1);
    RawTip raw = stored.get(0);
    assertThat(raw.getTipId()).isEqualTo(tipId);
    assertThat(raw.getChannel()).isEqualTo(Channel.WEB);
    assertThat(raw.getPayload()).isEqualTo(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(raw.getPayloadSha256()).isEqualTo(Sha256.hex(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(raw.getSource()).isEqualTo("ingest-web");
    assertThat(raw.getAttributes()).isEmpty();
  }

  @Test
  void refusesBadRequestsWithAClearErrorAndWritesNothing() throws Exception {
    assertThat(post("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
    assertThat(post("application/json; charset=iso-8859-1", "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(415);
    HttpResponse<String> malformed = post("application/json", "{\"description\": ".getBytes(StandardCharsets.UTF_8));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json.readTree(malformed.body()).get("error").asText()).isEqualTo("INVALID_JSON");
    assertThat(post("application/json", "[1, 2]".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    assertThat(post("application/json", "{} {}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
    byte[] oversized = ("{\"description\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> tooLarge = post("application/json", oversized);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(json.readTree(tooLarge.body()).get("error").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/tips")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

    assertThat(rawTips()).isEmpty();
  }

  @Test
  void answers503WhenTheBrokerCannotConfirmTheWrite() throws Exception {
    kafka.close();
    HttpResponse<String> response = post("application/json", "{\"description\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(json.readTree(response.body()).get("error").asText()).isEqualTo("NOT_STORED");
    kafka = null;
  }

  private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri("/api/v1/tips")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + intake.port() + path);
  }

  /** Every committed raw web tip. */
  private List<RawTip> rawTips() {
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    List<RawTip> tips = new ArrayList<>();
    try (KafkaConsumer<String, RawTip> consumer = new KafkaConsumer<>(clients.consumer("web-it", "web-it-" + UUID.randomUUID()),
        new StringDeserializer(), serdes.value(RawTip.class).deserializer())) {
      String topic = TOPICS.raw(Channel.WEB);
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      await().atMost(ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, RawTip> record : consumer.poll(Duration.ofMillis(100))) {
          tips.add(record.value());
        }
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
      });
    }
    return tips;
  }
}
