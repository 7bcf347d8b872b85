package org.tiprouter.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Collects a process's settings in the documented order of precedence: the {@link ConfigDef}
 * defaults, then a properties file, then {@code TIPROUTER_*} environment variables, then explicit
 * overrides (command-line options). Later sources win.
 *
 * <p>An environment variable is the key upper-cased with {@code .} and {@code -} replaced by
 * {@code _} and prefixed {@value #ENV_PREFIX}: {@code bootstrap.servers} is
 * {@code TIPROUTER_BOOTSTRAP_SERVERS}. Variables starting {@code TIPROUTER_KAFKA_} are Kafka client
 * settings: {@code TIPROUTER_KAFKA_SECURITY_PROTOCOL} becomes {@code kafka.security.protocol}.
 */
public final class ConfigSources {

  public static final String ENV_PREFIX = "TIPROUTER_";
  private static final String ENV_KAFKA_PREFIX = ENV_PREFIX + "KAFKA_";

  private ConfigSources() {}

  /** The environment variable that sets {@code key}. */
  public static String environmentName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Merges the sources; the result is ready for a {@link TiprouterConfig} subclass, which applies
   * the defaults and validates every value.
   *
   * @param definition the keys the process understands
   * @param file an optional properties file; it must exist when given
   * @param environment the process environment (pass {@code System.getenv()})
   * @param overrides explicit settings, for example from command-line options
   */
  public static Map<String, Object> resolve(ConfigDef definition, Optional<Path> file,
      Map<String, String> environment, Map<String, ?> overrides) {
    Map<String, Object> merged = new LinkedHashMap<>();
    file.ifPresent(path -> merged.putAll(readFile(path)));
    for (String key : definition.names()) {
      String value = environment.get(environmentName(key));
      if (value != null) {
        merged.put(key, value);
      }
    }
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_KAFKA_PREFIX) && name.length() > ENV_KAFKA_PREFIX.length()) {
        String clientKey = name.substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT)
            .replace('_', '.');
        merged.put(TiprouterConfig.KAFKA_PREFIX + clientKey, value);
      }
    });
    merged.putAll(overrides);
    return merged;
  }

  private static Map<String, Object> readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("Configuration file " + path + " does not exist or is not a file");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("Configuration file " + path + " cannot be read: " + e.getMessage());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
    return values;
  }
}
