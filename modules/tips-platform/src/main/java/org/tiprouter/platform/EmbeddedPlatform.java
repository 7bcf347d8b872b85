package org.tiprouter.platform;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded platform: a real KRaft broker in this JVM and the schema registry as a child process, started
 * together (concurrently) and stopped together, with their data under one directory:
 *
 * <pre>
 * &lt;dataDir&gt;/kafka/      broker log directory (meta.properties, topic partitions, __cluster_metadata)
 * &lt;dataDir&gt;/registry/   registry H2 database (h2/), registry.log, generated config/
 * </pre>
 *
 * Used by {@code tiprouter demo}, {@code tiprouter platform} and every integration test.
 *
 * <pre>{@code
 * try (EmbeddedPlatform platform = EmbeddedPlatform.start(PlatformSettings.defaults())) {
 *     props.put("bootstrap.servers", platform.bootstrapServers());
 *     props.put("apicurio.registry.url", platform.registryUrl());
 * }
 * }</pre>
 */
public final class EmbeddedPlatform implements AutoCloseable {

  /** Sub-directory of the data directory for the broker. */
  public static final String KAFKA_DIR = "kafka";
  /** Sub-directory of the data directory for the schema registry. */
  public static final String REGISTRY_DIR = "registry";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

  private final PlatformSettings settings;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final EmbeddedKafka kafka;
  private final SchemaRegistryProcess registry;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedPlatform(PlatformSettings settings, Path dataDir, boolean deleteDataDirOnClose,
               EmbeddedKafka kafka, SchemaRegistryProcess registry) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.kafka = kafka;
    this.registry = registry;
  }

  /** Starts the platform with {@link PlatformSettings#defaults()}: temporary data, free ports. */
  public static EmbeddedPlatform start() {
    return start(PlatformSettings.defaults());
  }

  /**
   * Starts the broker (on this thread) and the registry (on another) at the same time and returns when both are
   * ready. If either fails, the other is stopped and the failure is thrown.
   *
   * @throws IllegalStateException as {@link EmbeddedKafka#start(EmbeddedKafkaSettings)} and
   *                               {@link SchemaRegistryProcess#start(SchemaRegistrySettings)} do
   */
  public static EmbeddedPlatform start(PlatformSettings settings) {
    long startNanos = System.nanoTime();
    boolean temporary = settings.dataDir() == null;
    Path dataDir = temporary
        ? DirectoryTree.createTemporary("tiprouter-platform-")
        : DirectoryTree.createDirectories(settings.dataDir());
    Path kafkaDir = dataDir.resolve(KAFKA_DIR);
    Path registryDir = dataDir.resolve(REGISTRY_DIR);
    if (settings.fresh()) {
      LOG.info("Wiping platform data in {}", dataDir);
      DirectoryTree.deleteRecursively(kafkaDir);
      DirectoryTree.deleteRecursively(registryDir);
    }
    EmbeddedKafkaSettings kafkaSettings = settings.kafka().withDataDir(kafkaDir);
    SchemaRegistrySettings registrySettings = settings.registry().withDataDir(registryDir);

    CompletableFuture<SchemaRegistryProcess> registryStart = CompletableFuture.supplyAsync(
        () -> SchemaRegistryProcess.start(registrySettings),
        task -> newStarterThread(task).start());
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(kafkaSettings);
    } catch (RuntimeException kafkaFailure) {
      closeWhenStarted(registryStart);
      deleteIfTemporary(temporary, dataDir);
      throw kafkaFailure;
    }
    SchemaRegistryProcess registry;
    try {
      registry = registryStart.join();
    } catch (CompletionException registryFailure) {
      kafka.close();
      deleteIfTemporary(temporary, dataDir);
      throw unwrap(registryFailure);
    }
    EmbeddedPlatform platform = new EmbeddedPlatform(settings, dataDir, temporary, kafka, registry);
    LOG.info("Platform ready in {} ms: Kafka {}, schema registry {} (data in {})",
        (System.nanoTime() - startNanos) / 1_000_000, kafka.bootstrapServers(), registry.baseUrl(), dataDir);
    return platform;
  }

  /** The broker. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  /** The schema registry. */
  public SchemaRegistryProcess registry() {
    return registry;
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The registry's own API, e.g. for the Apicurio serde's {@code apicurio.registry.url}. */
  public String registryUrl() {
    return registry.url();
  }

  /** The registry's Confluent-compatible API. */
  public String ccompatUrl() {
    return registry.ccompatUrl();
  }

  /** The root of both services' data. */
  public Path dataDir() {
    return dataDir;
  }

  /** The settings this platform was started with. */
  public PlatformSettings settings() {
    return settings;
  }

  /** Stops the registry, then the broker; deletes temporary data. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      registry.close();
    } finally {
      try {
        kafka.close();
      } finally {
        deleteIfTemporary(deleteDataDirOnClose, dataDir);
      }
    }
  }

  private static Thread newStarterThread(Runnable task) {
    Thread thread = new Thread(task, "schema-registry-start");
    thread.setDaemon(true);
    return thread;
  }

  private static void closeWhenStarted(CompletableFuture<SchemaRegistryProcess> registryStart) {
    try {
      registryStart.join().close();
    } catch (CompletionException e) {
      LOG.debug("Schema registry start failed too", e.getCause());
    }
  }

  private static RuntimeException unwrap(CompletionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  private static void deleteIfTemporary(boolean temporary, Path dataDir) {
    if (temporary) {
      DirectoryTree.deleteRecursively(dataDir);
    }
  }
}
