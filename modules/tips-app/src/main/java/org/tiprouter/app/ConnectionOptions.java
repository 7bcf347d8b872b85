package org.tiprouter.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.tiprouter.core.config.ConfigSources;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.security.Principals;
import picocli.CommandLine.Option;

/**
 * Options of commands that talk to an existing cluster. Precedence: defaults, then
 * {@code --config FILE}, then {@code TIPROUTER_*} environment, then {@code --set} and the explicit
 * options, then the login of {@code --credentials FILE}.
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

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "Credentials file (mode 0600), e.g. the one tiprouter provision writes: the section of this "
          + "command's Kafka user is used (see --user); a file without sections is used whole. Otherwise "
          + "--config or TIPROUTER_KAFKA_* environment variables.")
  Path credentialsFile;

  @Option(names = "--user", paramLabel = "NAME",
      description = "The Kafka user whose section of --credentials to use (default: the command's own user: "
          + "admin, normalise, classify, route, intake-web, intake-phone, intake-cybertipline, agency-<ID>).")
  String user;

  /** The merged settings for a command that runs as {@code admin} (provisioning, directory, audit). */
  Map<String, Object> resolve(ConfigDef definition) {
    return resolve(definition, Principals.ADMIN);
  }

  /**
   * The merged settings for a component with {@code definition} that logs in as {@code defaultUser}
   * when {@code --credentials} is given.
   */
  Map<String, Object> resolve(ConfigDef definition, String defaultUser) {
    for (String key : settings.keySet()) {
      if (key.startsWith(TiprouterConfig.KAFKA_PREFIX) && CredentialsFile.isSecret(key)) {
        throw new IllegalArgumentException("Refusing " + key + " on the command line: give credentials "
            + "with --credentials FILE, --config FILE or TIPROUTER_KAFKA_* environment variables");
      }
    }
    Map<String, Object> overrides = new HashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put(TiprouterConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    if (registryUrl != null) {
      overrides.put(TiprouterConfig.REGISTRY_URL, registryUrl);
    }
    if (credentialsFile != null) {
      String login = user != null ? user : defaultUser;
      CredentialsFile.clientSettings(credentialsFile, login)
          .forEach((key, value) -> overrides.put(TiprouterConfig.KAFKA_PREFIX + key, value));
    }
    return ConfigSources.resolve(definition, Optional.ofNullable(configFile), System.getenv(), overrides);
  }
}
