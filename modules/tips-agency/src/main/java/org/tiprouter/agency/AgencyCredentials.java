package org.tiprouter.agency;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Where an agency client's credentials come from: a properties file only its owner can read, or
 * the environment. Never from the command line, and never logged.
 *
 * <p>Either form holds Kafka client settings ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.*}; a {@code kafka.} prefix is accepted and removed), or
 * simply {@code username} and {@code password}, which become a SCRAM-SHA-512 login over
 * {@code SASL_PLAINTEXT} unless {@code security.protocol} / {@code sasl.mechanism} say otherwise.
 */
public final class AgencyCredentials {

  /** Environment variables {@code TIPROUTER_KAFKA_<KEY>}, e.g. {@code TIPROUTER_KAFKA_PASSWORD}. */
  public static final String ENV_PREFIX = "TIPROUTER_KAFKA_";

  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private AgencyCredentials() {}

  /**
   * Client settings from a properties file. On a POSIX file system the file must not be readable,
   * writable or executable by group or others (mode 0600 or 0400).
   */
  public static Map<String, Object> fromFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Credentials file " + file + " does not exist or is not a file");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions;
      try {
        permissions = posix.readAttributes().permissions();
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the mode of credentials file " + file, e);
      }
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IllegalArgumentException("Credentials file " + file + " has mode "
            + PosixFilePermissions.toString(permissions)
            + ": it must be readable by its owner alone (chmod 600)");
      }
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Credentials file " + file + " cannot be read", e);
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> raw.put(key, properties.getProperty(key).trim()));
    return clientSettings(raw);
  }

  /** Client settings from {@code TIPROUTER_KAFKA_*} variables ({@code _} becomes {@code .}). */
  public static Map<String, Object> fromEnvironment(Map<String, String> environment) {
    Map<String, Object> raw = new LinkedHashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
        raw.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return clientSettings(raw);
  }

  /**
   * Kafka client settings from {@code raw}: removes a {@code kafka.} prefix and turns
   * {@code username}/{@code password} into a SCRAM login.
   */
  public static Map<String, Object> clientSettings(Map<String, ?> raw) {
    Map<String, Object> settings = new LinkedHashMap<>();
    raw.forEach((key, value) -> settings.put(key.startsWith("kafka.") ? key.substring(6) : key, value));
    Object username = settings.remove("username");
    Object password = settings.remove("password");
    if (username != null || password != null) {
      if (username == null || password == null) {
        throw new IllegalArgumentException("Credentials need both username and password");
      }
      settings.putIfAbsent("security.protocol", "SASL_PLAINTEXT");
      settings.putIfAbsent("sasl.mechanism", "SCRAM-SHA-512");
      settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
          + " username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";");
    }
    return settings;
  }

  /** True for keys that carry secrets and so must not be given on a command line. */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("jaas") || lower.contains("secret")
        || lower.contains("credential") || lower.endsWith("key");
  }

  private static String escape(Object value) {
    return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
