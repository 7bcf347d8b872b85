package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractTypes;
import org.tiprouter.core.serde.SchemaRegistrar;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * {@code tiprouter run normalise} and {@code tiprouter ops} as their own processes against a
 * cluster, the way they run in production (docker/compose.yaml): each becomes ready, serves its
 * metrics (the ops process also the dashboard), and stops on SIGTERM leaving nothing behind.
 */
class StageProcessIT {

  @TempDir
  static Path stateDir;

  private static EmbeddedPlatform platform;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> output = new CopyOnWriteArrayList<>();
  private Process stage;

  @BeforeAll
  static void start() {
    platform = EmbeddedPlatform.start(PlatformSettings.defaults());
    try (Admin admin = Admin.create(new KafkaClientConfigs(platform.bootstrapServers(), Map.of()).admin("stage-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TopicNames.defaults(), TopicSettings.brokerDefaults()).pipelineTopics());
    }
    new SchemaRegistrar(platform.registryUrl()).registerAll(ContractTypes.schemas());
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @AfterEach
  void killLeftovers() {
    if (stage != null && stage.isAlive()) {
      stage.destroyForcibly();
    }
  }

  @Test
  void aStageRunsAsItsOwnProcessWithHealthAndMetricsAndStopsOnSigterm() throws Exception {
    int ops = freePort();
    stage = startTiprouter("run", "normalise", "--bootstrap-server", platform.bootstrapServers(), "--registry-url",
        platform.registryUrl(), "--ops-port", Integer.toString(ops), "--set", "state.dir=" + stateDir);

    await().atMost(ofSeconds(90)).until(() -> status("http://127.0.0.1:" + ops + "/health/ready") == 200);
    HttpResponse<String> metrics = get("http://127.0.0.1:" + ops + "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("stage=\"normalise\"").contains("jvm_memory_used_bytes");

    assertStopsOnSigterm(ops);
  }

  @Test
  void theOperationsProcessServesTheClustersDashboardAndMetricsAndStopsOnSigterm() throws Exception {
    int ops = freePort();
    stage = startTiprouter("ops", "--bootstrap-server", platform.bootstrapServers(), "--registry-url",
        platform.registryUrl(), "--ops-port", Integer.toString(ops));

    await().atMost(ofSeconds(90)).until(() -> status("http://127.0.0.1:" + ops + "/health/ready") == 200);
    assertThat(get("http://127.0.0.1:" + ops + "/health/ready").body()).contains("\"kafka\"");
    HttpResponse<String> dashboard = get("http://127.0.0.1:" + ops + "/");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.body()).contains("id=\"agencies\"");
    assertThat(get("http://127.0.0.1:" + ops + "/dashboard.json").statusCode()).isEqualTo(200);
    // the pipeline's own metrics, for the whole cluster, are measured here (lag every few seconds)
    await().atMost(ofSeconds(30)).untilAsserted(() -> assertThat(get("http://127.0.0.1:" + ops + "/metrics").body())
        .contains("tips_end_to_end_seconds_count").contains("tips_triage_depth"));

    assertStopsOnSigterm(ops);
  }

  private Process startTiprouter(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), "org.tiprouter.app.Tiprouter"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("(output closed)");
      }
    }, "tiprouter-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private void assertStopsOnSigterm(int ops) throws InterruptedException {
    stage.toHandle().destroy();
    assertThat(stage.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s; output: %s", output).isTrue();
    assertThat(status("http://127.0.0.1:" + ops + "/health/live")).isEqualTo(-1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private int status(String url) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    }
  }
}
