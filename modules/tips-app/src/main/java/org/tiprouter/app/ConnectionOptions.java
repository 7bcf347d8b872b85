package org.tiprouter.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.tiprouter.core.config.ConfigSources;
import org.tiprouter.core.config.TiprouterConfig;
import picocli.CommandLine.Option;

/**
 * Options of commands that talk to an existing cluster. Precedence: defaults, then
 * {@code --config FILE}, then {@code TIPROUTER_*} environment, then {@code --set} and the explicit
 * options.
 */
final class ConnectionOptions {

  @Option(names = "--bootstrap-server", description = "Kafka bootstrap servers (default: localhost:9092, or TIPROUTER_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--registry-url", description = "Schema registry URL (default: http://localhost:8085, or TIPROUTER_REGISTRY_URL).")
  String registryUrl;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (any documented key).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting, e.g. --set topics.partitions=6 or --set kafka.linger.ms=5.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** The merged settings for a component with {@code definition}. */
  Map<String, Object> resolve(ConfigDef definition) {
    Map<String, Object> overrides = new HashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put(TiprouterConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put(TiprouterConfig.REGISTRY_URL, registryUrl);
    }
    return ConfigSources.resolve(definition, Optional.ofNullable(configFile), System.getenv(), overrides);
  }
}
