package org.tiprouter.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedKafka;
import org.tiprouter.platform.EmbeddedKafkaSettings;

/**
 * With the broker down the intake answers 503 with Retry-After, the form keeps what the user
 * typed, and the refused tips never reach the topic, not even when the broker comes back.
 */
class WebIntakeBrokerDownIT {

  private static final ContractSerdes SERDES = ContractSerdes.registryFree();

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafka kafka;
  private WebIntakeApp intake;

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
  void answers503WhenTheBrokerCannotConfirmTheWriteAndTheTipNeverArrives() throws Exception {
    kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(Files.createDirectories(dataDir)));
    int port = kafka.port();
    RawWebTopic topic = new RawWebTopic(kafka.bootstrapServers(), SERDES).create();
    Map<TopicPartition, Long> mark = topic.mark();
    Map<String, Object> settings = new HashMap<>();
    settings.put(WebIntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 2000);
    intake = new WebIntakeApp(new WebIntakeConfig(settings), SERDES).start();
    kafka.close();
    kafka = null;

    HttpResponse<String> api = post("/api/v1/tips", "application/json",
        "{\"submissionId\": \"app-down-1\", \"description\": \"sent while the broker is down\"}");
    HttpResponse<String> form = post("/", "application/x-www-form-urlencoded",
        "description=typed+while+the+broker+is+down&reporter.anonymous=true");

    assertThat(api.statusCode()).isEqualTo(503);
    assertThat(api.headers().firstValue("Retry-After")).isPresent();
    assertThat(new ObjectMapper().readTree(api.body()).get("error").asText()).isEqualTo("NOT_STORED");
    assertThat(form.statusCode()).isEqualTo(503);
    assertThat(form.headers().firstValue("Retry-After")).isPresent();
    assertThat(form.body()).contains("NOT been sent").contains("typed while the broker is down</textarea>");

    kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir).withPort(port));
    HttpResponse<String> retried = post("/api/v1/tips", "application/json",
        "{\"submissionId\": \"app-down-1\", \"description\": \"sent while the broker is down\"}");
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(topic.since(mark)).extracting(tip -> StandardCharsets.UTF_8.decode(tip.getPayload()).toString())
        .containsExactly("{\"submissionId\": \"app-down-1\", \"description\": \"sent while the broker is down\"}");
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
