package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tiprouter.app.Pipeline;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * An embedded broker and registry with the whole pipeline on it (PLAINTEXT), one per test class:
 * the set-up every end-to-end test shares. Register it as a static {@code @RegisterExtension}
 * field; it starts before the class's tests and stops (pipeline, then platform) after them.
 */
final class PipelineOnPlatform implements BeforeAllCallback, AfterAllCallback {

  /** The directory's triage agency, also classify's fallback while no directory is loaded. */
  static final String TRIAGE_AGENCY = "national-triage";
  /** The demo's Tennessee directory (154 agencies), relative to this module. */
  static final Path DEMO_DIRECTORY = Path.of("../../config/directory/demo.yaml");

  private final Path directoryFile;
  private final boolean awaitRunning;
  private Path stateDir;
  private EmbeddedPlatform platform;
  private Pipeline pipeline;
  private KafkaClientConfigs clients;
  private ContractSerdes serdes;

  private PipelineOnPlatform(Path directoryFile, boolean awaitRunning) {
    this.directoryFile = directoryFile;
    this.awaitRunning = awaitRunning;
  }

  /** The pipeline with the demo directory loaded; the tests start once every stage is RUNNING. */
  static PipelineOnPlatform withDemoDirectory() {
    return new PipelineOnPlatform(DEMO_DIRECTORY, true);
  }

  /** The pipeline without a directory (every tip to triage); the tests start once every stage is RUNNING. */
  static PipelineOnPlatform withoutDirectory() {
    return new PipelineOnPlatform(null, true);
  }

  /** The same, but the tests start right after the stages were started, RUNNING or not. */
  PipelineOnPlatform notAwaitingRunning() {
    return new PipelineOnPlatform(directoryFile, false);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    stateDir = Files.createTempDirectory("tiprouter-e2e-");
    platform = EmbeddedPlatform.start(PlatformSettings.defaults());
    Pipeline.Settings settings = new Pipeline.Settings(platform.bootstrapServers(), platform.registryUrl(),
        stateDir, "127.0.0.1", 0, 0, List.of(TRIAGE_AGENCY), TRIAGE_AGENCY, Map.of());
    pipeline = Pipeline.start(directoryFile == null ? settings : settings.withDirectoryFile(directoryFile));
    clients = new KafkaClientConfigs(platform.bootstrapServers(), Map.of());
    serdes = ContractSerdes.registry(platform.registryUrl(), Map.of());
    if (awaitRunning) {
      await().atMost(ofSeconds(60)).until(pipeline::isRunning);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (pipeline != null) {
        pipeline.close();
      }
    } finally {
      if (platform != null) {
        platform.close();
      }
      deleteStateDir();
    }
  }

  EmbeddedPlatform platform() {
    return platform;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /** Client settings for the test's own producers and consumers (PLAINTEXT). */
  KafkaClientConfigs clients() {
    return clients;
  }

  /** Registry-backed serdes, as the stages use them. */
  ContractSerdes serdes() {
    return serdes;
  }

  private void deleteStateDir() {
    if (stateDir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(stateDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + stateDir, e);
    }
  }
}
