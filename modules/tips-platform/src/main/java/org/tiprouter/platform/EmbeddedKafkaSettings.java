package org.tiprouter.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start an {@link EmbeddedKafka} broker. Immutable; start from {@link #defaults()} and change it with the
 * {@code with*} methods.
 *
 * @param dataDir              the broker's log directory; {@code null} means a new temporary directory
 * @param persistent           keep {@code dataDir} on close (a restart on it keeps topics and records); when
 *                             false the data directory is deleted on close. Needs a {@code dataDir}.
 * @param port                 the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one. The controller port is
 *                             always picked free.
 * @param portOptionName       the command-line option that sets {@code port}, used in the "port in use" message
 *                             (e.g. {@code --kafka-port}); may be {@code null}
 * @param extraProperties      broker properties applied last, over the embedded defaults. This is the extension
 *                             point for listeners with authentication (e.g. a SASL_PLAINTEXT SCRAM-SHA-512 listener
 *                             and {@code authorizer.class.name}); an extra listener must use its own fixed port.
 * @param extraFormatArguments extra arguments for the storage format step, as {@code kafka-storage.sh format} takes
 *                             them (e.g. {@code --add-scram SCRAM-SHA-512=[name=admin,password=...]}); only used
 *                             when the data directory is formatted for the first time
 * @param adminPassword        {@code null} for a PLAINTEXT broker open to every client; otherwise the broker is
 *                             secured (see {@link #withScram(String)}) and this is the password of its super user
 *                             {@value #ADMIN_USER}. Never printed by {@link #toString()}.
 */
public record EmbeddedKafkaSettings(
    Path dataDir,
    boolean persistent,
    int port,
    String portOptionName,
    Map<String, String> extraProperties,
    List<String> extraFormatArguments,
    String adminPassword) {

  /** The super user of a secured broker. */
  public static final String ADMIN_USER = "admin";
  /** The SASL mechanism of a secured broker's client and inter-broker listener. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  /** Validates and copies. */
  public EmbeddedKafkaSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("Kafka port must be 0 (any free port) or 1-65535, got " + port);
    }
    if (persistent && dataDir == null) {
      throw new IllegalArgumentException("A persistent Kafka broker needs a dataDir");
    }
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
    extraProperties = Map.copyOf(Objects.requireNonNull(extraProperties, "extraProperties"));
    extraFormatArguments = List.copyOf(Objects.requireNonNull(extraFormatArguments, "extraFormatArguments"));
    if (adminPassword != null && (adminPassword.length() < 12 || !adminPassword.matches("[A-Za-z0-9_-]+"))) {
      // The password goes into a JAAS line and a --add-scram argument: keep it free of quotes, commas and brackets.
      throw new IllegalArgumentException("The admin password must be at least 12 characters of [A-Za-z0-9_-]");
    }
  }

  /** A PLAINTEXT broker's settings (no authentication, no authorizer), as before security existed. */
  public EmbeddedKafkaSettings(Path dataDir, boolean persistent, int port, String portOptionName,
      Map<String, String> extraProperties, List<String> extraFormatArguments) {
    this(dataDir, persistent, port, portOptionName, extraProperties, extraFormatArguments, null);
  }

  /** A broker on a free port with a temporary data directory that is deleted on close. */
  public static EmbeddedKafkaSettings defaults() {
    return new EmbeddedKafkaSettings(null, false, 0, null, Map.of(), List.of(), null);
  }

  /**
   * A secured broker: the client listener speaks SASL_PLAINTEXT with SCRAM-SHA-512 only, the KRaft
   * {@code StandardAuthorizer} denies whatever no ACL allows ({@code allow.everyone.if.no.acl.found=false}), and
   * {@value #ADMIN_USER} (password {@code adminPassword}, 12+ characters of {@code [A-Za-z0-9_-]}) is the only
   * super user. Its SCRAM credential is written when the storage is first formatted; a persistent data directory
   * keeps the password it was first formatted with. See {@link EmbeddedKafka} for the listener design.
   */
  public EmbeddedKafkaSettings withScram(String password) {
    Objects.requireNonNull(password, "password");
    return new EmbeddedKafkaSettings(dataDir, persistent, port, portOptionName, extraProperties,
        extraFormatArguments, password);
  }

  /** True when {@link #withScram(String)} was used. */
  public boolean secured() {
    return adminPassword != null;
  }

  /** Never prints the admin password. */
  @Override
  public String toString() {
    return "EmbeddedKafkaSettings[dataDir=" + dataDir + ", persistent=" + persistent + ", port=" + port
        + ", portOptionName=" + portOptionName + ", extraProperties=" + extraProperties.keySet()
        + ", extraFormatArguments=" + extraFormatArguments.size() + ", secured=" + secured() + "]";
  }

  /** Uses {@code dir} as the data directory and keeps it on close (persistent). */
  public EmbeddedKafkaSettings withDataDir(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new EmbeddedKafkaSettings(dir, true, port, portOptionName, extraProperties, extraFormatArguments,
        adminPassword);
  }

  /** Whether the data directory survives close; {@code true} needs a data directory. */
  public EmbeddedKafkaSettings withPersistent(boolean keep) {
    return new EmbeddedKafkaSettings(dataDir, keep, port, portOptionName, extraProperties, extraFormatArguments,
        adminPassword);
  }

  /** The client port on 127.0.0.1; 0 picks a free one. */
  public EmbeddedKafkaSettings withPort(int clientPort) {
    return new EmbeddedKafkaSettings(dataDir, persistent, clientPort, portOptionName, extraProperties,
        extraFormatArguments, adminPassword);
  }

  /** The option name the "port in use" message tells the user to change, e.g. {@code --kafka-port}. */
  public EmbeddedKafkaSettings withPortOptionName(String optionName) {
    return new EmbeddedKafkaSettings(dataDir, persistent, port, optionName, extraProperties, extraFormatArguments,
        adminPassword);
  }

  /** Replaces the extra broker properties. */
  public EmbeddedKafkaSettings withExtraProperties(Map<String, String> properties) {
    return new EmbeddedKafkaSettings(dataDir, persistent, port, portOptionName, properties, extraFormatArguments,
        adminPassword);
  }

  /** Adds or replaces one extra broker property. */
  public EmbeddedKafkaSettings withExtraProperty(String name, String value) {
    Map<String, String> merged = new LinkedHashMap<>(extraProperties);
    merged.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return withExtraProperties(merged);
  }

  /** Replaces the extra arguments of the storage format step. */
  public EmbeddedKafkaSettings withExtraFormatArguments(List<String> arguments) {
    return new EmbeddedKafkaSettings(dataDir, persistent, port, portOptionName, extraProperties, arguments,
        adminPassword);
  }
}
