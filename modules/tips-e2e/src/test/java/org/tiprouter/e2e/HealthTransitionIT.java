package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.normalise.NormaliseApp;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.OpsServer;

/**
 * {@code /health/ready} follows the stream stages on the real broker: 503 naming a stage that is
 * not started yet, 200 once it is RUNNING, 503 naming it again after it stopped; and in the whole
 * pipeline, stopping one stage turns the process not ready, naming that stage and only that one.
 */
class HealthTransitionIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withoutDirectory().notAwaitingRunning();

  @Test
  void aStageIsNotReadyBeforeItStartsReadyWhenRunningAndNotReadyAgainAfterItStops() throws Exception {
    // a stage process as `tiprouter run normalise` wires it, under its own application id
    Map<String, Object> settings = new HashMap<>();
    settings.put(TiprouterConfig.BOOTSTRAP_SERVERS, running.platform().bootstrapServers());
    settings.put(TiprouterConfig.REGISTRY_URL, running.platform().registryUrl());
    settings.put(StreamStageConfig.APPLICATION_ID, "e2e-health-normalise");
    settings.put(StreamStageConfig.STATE_DIR, dataDir.resolve("health-normalise").toString());
    StreamStageRunner runner = NormaliseApp.create(new NormaliseConfig(settings),
        ContractSerdes.registry(running.platform().registryUrl(), Map.of()));
    try (OpsServer ops = new OpsServer("127.0.0.1", 0)
        .register(HealthCheck.of(runner.name(), runner::isRunning, () -> runner.state().name())).start()) {
      try {
        assertNotReadyNaming(ops.port(), runner.name());
        assertThat(get(ops.port(), "/health/live").statusCode()).isEqualTo(200);

        runner.start();
        await().atMost(ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> get(ops.port(), "/health/ready").statusCode() == 200);
        assertThat(component(ready(ops.port()), runner.name()).path("status").asText()).isEqualTo("UP");
      } finally {
        runner.close();
      }
      assertNotReadyNaming(ops.port(), runner.name());
      assertThat(get(ops.port(), "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void stoppingOneStageOfThePipelineMakesItNotReadyNamingThatStage() throws Exception {
    await().atMost(ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> get(running.pipeline().opsPort(), "/health/ready").statusCode() == 200);
    JsonNode up = ready(running.pipeline().opsPort());
    List<StreamStageRunner> stages = running.pipeline().stages();
    for (StreamStageRunner stage : stages) {
      assertThat(component(up, stage.name()).path("status").asText()).as(stage.name()).isEqualTo("UP");
    }

    StreamStageRunner stopped = stages.get(1);
    stopped.close();

    JsonNode degraded = assertNotReadyNaming(running.pipeline().opsPort(), stopped.name());
    for (StreamStageRunner stage : stages) {
      if (stage != stopped) {
        assertThat(component(degraded, stage.name()).path("status").asText()).as(stage.name()).isEqualTo("UP");
      }
    }
    assertThat(component(degraded, "kafka").path("status").asText()).isEqualTo("UP");
  }

  private static JsonNode assertNotReadyNaming(int port, String stage) throws Exception {
    HttpResponse<String> response = get(port, "/health/ready");
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("status").asText()).isEqualTo("DOWN");
    JsonNode component = component(body, stage);
    assertThat(component.path("status").asText()).as(stage).isEqualTo("DOWN");
    assertThat(component.path("detail").asText()).as("the stage's state").isNotBlank().isNotEqualTo("RUNNING");
    return body;
  }

  private static JsonNode ready(int port) throws Exception {
    return JSON.readTree(get(port, "/health/ready").body());
  }

  private static JsonNode component(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("No health check named " + name + " in " + health);
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
