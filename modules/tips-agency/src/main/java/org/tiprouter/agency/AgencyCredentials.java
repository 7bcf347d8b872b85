package org.tiprouter.agency;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.security.Principals;

/**
 * Where an agency client's credentials come from: a properties file only its owner can read, or
 * the environment. Never from the command line, and never logged.
 *
 * <p>The file is either the credentials file {@code tiprouter provision} writes (one section per
 * user: the agency's is {@code agency-<id>.username} / {@code agency-<id>.password}), or one
 * agency's own file holding Kafka client settings ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.*}; a {@code kafka.} prefix is accepted and removed), or
 * simply {@code username} and {@code password}, which become a SCRAM-SHA-512 login over
 * {@code SASL_PLAINTEXT} unless {@code security.protocol} / {@code sasl.mechanism} say otherwise.
 * See {@link CredentialsFile}.
 */
public final class AgencyCredentials {

  /** Environment variables {@code TIPROUTER_KAFKA_<KEY>}, e.g. {@code TIPROUTER_KAFKA_PASSWORD}. */
  public static final String ENV_PREFIX = "TIPROUTER_KAFKA_";

  private AgencyCredentials() {}

  /**
   * Client settings from a one-user properties file. On a POSIX file system the file must not be
   * readable, writable or executable by group or others (mode 0600 or 0400).
   */
  public static Map<String, Object> fromFile(Path file) {
    return CredentialsFile.clientSettings(CredentialsFile.read(file));
  }

  /**
   * Client settings of agency {@code agencyId} from a credentials file: its section
   * ({@code agency-<id>.*}) of a file with sections, else the whole one-user file.
   */
  public static Map<String, Object> fromFile(Path file, String agencyId) {
    return CredentialsFile.clientSettings(file, Principals.agency(agencyId));
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
    return CredentialsFile.clientSettings(raw);
  }

  /** True for keys that carry secrets and so must not be given on a command line. */
  public static boolean isSecret(String key) {
    return CredentialsFile.isSecret(key);
  }
}
