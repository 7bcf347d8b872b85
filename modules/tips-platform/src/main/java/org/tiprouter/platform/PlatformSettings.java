package org.tiprouter.platform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start an {@link EmbeddedPlatform}. Immutable; start from {@link #defaults()} and change it with the
 * {@code with*} methods.
 *
 * <p>The platform owns the data directories: it gives the broker {@code <dataDir>/kafka} and the registry
 * {@code <dataDir>/registry}, so the {@code dataDir}/{@code persistent} values inside {@code kafka} and
 * {@code registry} are ignored. Everything else in them (ports, option names, extra properties, Java runtime...)
 * is used as given.
 *
 * @param dataDir  the root of both services' data; {@code null} means a temporary directory deleted on close.
 *                 A given directory is kept (persistent).
 * @param fresh    wipe {@code <dataDir>/kafka} and {@code <dataDir>/registry} before starting (records carry schema
 *                 ids, so the two are always reset together)
 * @param kafka    broker settings
 * @param registry schema-registry settings
 */
public record PlatformSettings(Path dataDir, boolean fresh, EmbeddedKafkaSettings kafka,
                SchemaRegistrySettings registry) {

  /** Validates. */
  public PlatformSettings {
    dataDir = dataDir == null ? null : dataDir.toAbsolutePath().normalize();
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(registry, "registry");
  }

  /** Temporary data, free ports, the services' defaults. */
  public static PlatformSettings defaults() {
    return new PlatformSettings(null, false, EmbeddedKafkaSettings.defaults(), SchemaRegistrySettings.defaults());
  }

  /** Keeps both services' data under {@code dir} across restarts. */
  public PlatformSettings withDataDir(Path dir) {
    return new PlatformSettings(Objects.requireNonNull(dir, "dir"), fresh, kafka, registry);
  }

  /** Whether to wipe both services' data before starting. */
  public PlatformSettings withFresh(boolean wipeFirst) {
    return new PlatformSettings(dataDir, wipeFirst, kafka, registry);
  }

  /** The broker's client port; 0 = any free port. */
  public PlatformSettings withKafkaPort(int port) {
    return withKafka(kafka.withPort(port));
  }

  /** The registry's HTTP port; 0 = any free port. */
  public PlatformSettings withRegistryPort(int port) {
    return withRegistry(registry.withPort(port));
  }

  /** Replaces the broker settings. */
  public PlatformSettings withKafka(EmbeddedKafkaSettings settings) {
    return new PlatformSettings(dataDir, fresh, settings, registry);
  }

  /** Replaces the schema-registry settings. */
  public PlatformSettings withRegistry(SchemaRegistrySettings settings) {
    return new PlatformSettings(dataDir, fresh, kafka, settings);
  }
}
