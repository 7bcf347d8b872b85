package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tiprouter.app.Pipeline;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * An embedded broker and registry with the whole pipeline on it (PLAINTEXT), one per test class:
 * the set-up every end-to-end test shares. Closing it stops the pipeline, then the platform.
 */
final class PipelineOnPlatform implements AutoCloseable {

  /** The directory's triage agency, also classify's fallback while no directory is loaded. */
  static final String TRIAGE_AGENCY = "national-triage";
  /** The demo's Tennessee directory (154 agencies), relative to this module. */
  static final Path DEMO_DIRECTORY = Path.of("../../config/directory/demo.yaml");

  private final EmbeddedPlatform platform;
  private final Pipeline pipeline;

  private PipelineOnPlatform(EmbeddedPlatform platform, Pipeline pipeline) {
    this.platform = platform;
    this.pipeline = pipeline;
  }

  /**
   * Starts a platform and the pipeline on it, without waiting for the stages to run.
   *
   * @param stateDir the stages' state directory
   * @param directoryFile the agency directory loaded at start, or null for none (every tip to triage)
   */
  static PipelineOnPlatform start(Path stateDir, Path directoryFile) {
    EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformSettings.defaults());
    try {
      Pipeline.Settings settings = new Pipeline.Settings(platform.bootstrapServers(), platform.registryUrl(),
          stateDir, "127.0.0.1", 0, 0, List.of(TRIAGE_AGENCY), TRIAGE_AGENCY, Map.of());
      return new PipelineOnPlatform(platform,
          Pipeline.start(directoryFile == null ? settings : settings.withDirectoryFile(directoryFile)));
    } catch (RuntimeException e) {
      platform.close();
      throw e;
    }
  }

  /** Waits until every stage is RUNNING. */
  PipelineOnPlatform awaitRunning() {
    await().atMost(ofSeconds(60)).until(pipeline::isRunning);
    return this;
  }

  EmbeddedPlatform platform() {
    return platform;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  /** Client settings for the test's own producers and consumers (PLAINTEXT). */
  KafkaClientConfigs clients() {
    return new KafkaClientConfigs(platform.bootstrapServers(), Map.of());
  }

  /** Registry-backed serdes, as the stages use them. */
  ContractSerdes serdes() {
    return ContractSerdes.registry(platform.registryUrl(), Map.of());
  }

  @Override
  public void close() {
    try {
      pipeline.close();
    } finally {
      platform.close();
    }
  }
}
