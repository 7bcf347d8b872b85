package org.tiprouter.app;

import java.nio.file.Path;
import org.tiprouter.platform.PlatformSettings;
import picocli.CommandLine.Option;

/** Options of the commands that start the embedded broker and registry. */
final class PlatformOptions {

  static final String KAFKA_PORT = "--kafka-port";
  static final String REGISTRY_PORT = "--registry-port";

  @Option(names = KAFKA_PORT, defaultValue = "9092", description = "Kafka port on localhost (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = REGISTRY_PORT, defaultValue = "8085",
      description = "Schema registry port on localhost (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(names = "--data-dir", defaultValue = "./.tiprouter-data",
      description = "Where broker and registry keep their data between runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fresh", description = "Start with empty data: deletes the data directory's broker and registry data.")
  boolean fresh;

  PlatformSettings settings() {
    PlatformSettings settings = PlatformSettings.defaults().withDataDir(dataDir).withFresh(fresh);
    return settings
        .withKafka(settings.kafka().withPort(kafkaPort).withPortOptionName(KAFKA_PORT))
        .withRegistry(settings.registry().withPort(registryPort).withPortOptionName(REGISTRY_PORT));
  }
}
