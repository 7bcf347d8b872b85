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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tiprouter demo} as a real child process, the way a person runs it: it comes up, serves the
 * intake and health endpoints, and on SIGTERM (what Ctrl-C amounts to) stops within 15 seconds
 * leaving no process behind.
 */
class DemoProcessIT {

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> output = new CopyOnWriteArrayList<>();
  private Process demo;

  @AfterEach
  void killLeftovers() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }

  @Test
  void comesUpServesATipAndStopsCleanlyOnSigterm() throws Exception {
    int kafka = freePort();
    int registry = freePort();
    int intake = freePort();
    int ops = freePort();
    demo = start("demo", "--kafka-port", kafka, "--registry-port", registry, "--intake-port", intake,
        "--ops-port", ops, "--data-dir", dataDir.toString());

    await().atMost(ofSeconds(120)).until(() -> output.stream().anyMatch(line -> line.contains("is up")) || !demo.isAlive());
    assertThat(demo.isAlive()).as("demo running; output: %s", output).isTrue();
    assertThat(output).anyMatch(line -> line.contains("127.0.0.1:" + kafka));
    await().atMost(ofSeconds(60)).until(() -> isOk("http://127.0.0.1:" + ops + "/health/ready"));

    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake + "/api/v1/tips"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"demo smoke test\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(202);
    assertThat(posted.body()).contains("\"receipt\":\"TIP-");

    List<ProcessHandle> family = new ArrayList<>(demo.descendants().toList());
    assertThat(family).as("the registry runs as a child process").isNotEmpty();
    long stopping = System.nanoTime();
    demo.toHandle().destroy();
    assertThat(demo.waitFor(15, TimeUnit.SECONDS)).as("stopped within 15 s; output: %s", output).isTrue();
    assertThat((System.nanoTime() - stopping) / 1_000_000_000.0).isLessThan(15.0);
    await().atMost(ofSeconds(5)).until(() -> family.stream().noneMatch(ProcessHandle::isAlive));
    await().atMost(ofSeconds(5)).untilAsserted(() -> assertThat(output).anyMatch(line -> line.contains("Stopped.")));
  }

  @Test
  void aTakenPortFailsFastNamingTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      demo = start("demo", "--kafka-port", freePort(), "--registry-port", freePort(), "--intake-port", taken.getLocalPort(),
          "--ops-port", freePort(), "--data-dir", dataDir.toString());
      assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.exitValue()).isNotZero();
      await().atMost(ofSeconds(5)).until(() -> output.stream().anyMatch(line -> line.contains("--intake-port")));
      assertThat(output).anyMatch(line -> line.startsWith("tiprouter: ") && line.contains(Integer.toString(taken.getLocalPort())));
    }
  }

  private Process start(Object... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "-Dtiprouter.registry.home=" + System.getProperty("tiprouter.registry.home"),
        "org.tiprouter.app.Tiprouter"));
    for (Object arg : args) {
      command.add(String.valueOf(arg));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          output.add(line);
        }
      } catch (IOException e) {
        output.add("(output closed: " + e.getMessage() + ")");
      }
    }, "demo-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  private boolean isOk(String url) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
