package org.tiprouter.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link SchemaRegistryProcess}. Immutable; start from {@link #defaults()} and change it with the
 * {@code with*} methods.
 *
 * @param registryHome         the unpacked Apicurio Registry distribution; {@code null} = find it (see
 *                             {@link RegistryDistributionLocator})
 * @param javaRuntime          a {@code java} binary or Java home (21+) to run it with; {@code null} = find one (see
 *                             {@link JavaRuntimeLocator})
 * @param dataDir              where the H2 database, the log and the generated config live; {@code null} means a
 *                             new temporary directory
 * @param persistent           keep {@code dataDir} on close (schemas and their ids survive a restart); when false it
 *                             is deleted on close. Needs a {@code dataDir}.
 * @param port                 the HTTP API port on 127.0.0.1; 0 = any free port
 * @param managementPort       the management (health) port on 127.0.0.1; 0 = any free port
 * @param portOptionName       the command-line option that sets {@code port}, used in the "port in use" message
 *                             (e.g. {@code --registry-port}); may be {@code null}
 * @param startTimeout         how long to wait for readiness before killing the process and failing
 * @param defaultCompatibility the global compatibility rule applied where no other rule is set (e.g.
 *                             {@code BACKWARD}); {@code null} = none
 * @param jvmOptions           options for the registry's JVM (heap, GC, JIT)
 * @param classDataSharing     use an application class-data archive (created on the first run, then reused) to
 *                             start faster; only on Java 19+
 * @param classDataArchive     where that archive lives; {@code null} = beside the distribution if writable, else in
 *                             the data directory
 * @param extraProperties      registry (Quarkus/Apicurio) configuration applied last, over the embedded defaults;
 *                             the extension point for authentication. Written to a file readable only by the owner,
 *                             never put on the command line.
 */
public record SchemaRegistrySettings(
    Path registryHome,
    Path javaRuntime,
    Path dataDir,
    boolean persistent,
    int port,
    int managementPort,
    String portOptionName,
    Duration startTimeout,
    String defaultCompatibility,
    List<String> jvmOptions,
    boolean classDataSharing,
    Path classDataArchive,
    Map<String, String> extraProperties) {

  /** JVM options for a small child that starts fast: C1 only, serial GC, small heap and stacks. */
  public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
      "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx160m", "-Xss512k");
  /** Default time to wait for readiness. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  /** Default global compatibility rule. */
  public static final String DEFAULT_COMPATIBILITY = "BACKWARD";

  /** Validates and copies. */
  public SchemaRegistrySettings {
    requirePort(port, "port");
    requirePort(managementPort, "managementPort");
    if (port != 0 && port == managementPort) {
      throw new IllegalArgumentException("Schema registry port and management port must differ, both are "
          + port);
    }
    if (persistent && dataDir == null) {
      throw new IllegalArgumentException("A persistent schema registry needs a dataDir");
    }
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
    }
    registryHome = absolute(registryHome);
    javaRuntime = absolute(javaRuntime);
    dataDir = absolute(dataDir);
    classDataArchive = absolute(classDataArchive);
    jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
    extraProperties = Map.copyOf(Objects.requireNonNull(extraProperties, "extraProperties"));
  }

  /**
   * Free ports, a temporary data directory deleted on close, a 60 s start timeout, global rule BACKWARD, the
   * small-JVM options and class-data sharing.
   */
  public static SchemaRegistrySettings defaults() {
    return new SchemaRegistrySettings(null, null, null, false, 0, 0, null, DEFAULT_START_TIMEOUT,
        DEFAULT_COMPATIBILITY, DEFAULT_JVM_OPTIONS, true, null, Map.of());
  }

  /** Uses this distribution directory instead of searching for one. */
  public SchemaRegistrySettings withRegistryHome(Path home) {
    return new SchemaRegistrySettings(home, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** Runs the registry with this {@code java} binary or Java home (21+) instead of searching for one. */
  public SchemaRegistrySettings withJavaRuntime(Path javaBinaryOrHome) {
    return new SchemaRegistrySettings(registryHome, javaBinaryOrHome, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** Uses {@code dir} as the data directory and keeps it on close (persistent). */
  public SchemaRegistrySettings withDataDir(Path dir) {
    Objects.requireNonNull(dir, "dir");
    return new SchemaRegistrySettings(registryHome, javaRuntime, dir, true, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** Whether the data directory survives close; {@code true} needs a data directory. */
  public SchemaRegistrySettings withPersistent(boolean keep) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, keep, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** The HTTP API port on 127.0.0.1; 0 = any free port. */
  public SchemaRegistrySettings withPort(int httpPort) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, httpPort, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** The management (health) port on 127.0.0.1; 0 = any free port. */
  public SchemaRegistrySettings withManagementPort(int healthPort) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, healthPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** The option name the "port in use" message tells the user to change, e.g. {@code --registry-port}. */
  public SchemaRegistrySettings withPortOptionName(String optionName) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        optionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** How long to wait for readiness before killing the process and failing. */
  public SchemaRegistrySettings withStartTimeout(Duration timeout) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, timeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** The global compatibility rule (e.g. {@code BACKWARD}, {@code FULL}); {@code null} = none. */
  public SchemaRegistrySettings withDefaultCompatibility(String compatibility) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, compatibility, jvmOptions, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** Replaces the registry JVM's options. */
  public SchemaRegistrySettings withJvmOptions(List<String> options) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, options, classDataSharing, classDataArchive,
        extraProperties);
  }

  /** Whether to use an application class-data archive (Java 19+). */
  public SchemaRegistrySettings withClassDataSharing(boolean enabled) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, enabled, classDataArchive,
        extraProperties);
  }

  /** Where the class-data archive lives. */
  public SchemaRegistrySettings withClassDataArchive(Path archive) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, archive,
        extraProperties);
  }

  /** Replaces the extra registry configuration. */
  public SchemaRegistrySettings withExtraProperties(Map<String, String> properties) {
    return new SchemaRegistrySettings(registryHome, javaRuntime, dataDir, persistent, port, managementPort,
        portOptionName, startTimeout, defaultCompatibility, jvmOptions, classDataSharing, classDataArchive,
        properties);
  }

  /** Adds or replaces one extra registry configuration property. */
  public SchemaRegistrySettings withExtraProperty(String name, String value) {
    Map<String, String> merged = new LinkedHashMap<>(extraProperties);
    merged.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return withExtraProperties(merged);
  }

  private static void requirePort(int value, String name) {
    if (value < 0 || value > 65_535) {
      throw new IllegalArgumentException("Schema registry " + name
          + " must be 0 (any free port) or 1-65535, got " + value);
    }
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }
}
