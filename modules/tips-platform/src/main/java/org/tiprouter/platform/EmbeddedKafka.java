package org.tiprouter.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM, bound to 127.0.0.1.
 *
 * <p>The data directory is formatted the way {@code kafka-storage.sh format --standalone --ignore-formatted} does
 * it, so starting again on a persistent directory keeps its cluster id, topics and records. Internal topics
 * (consumer offsets, transaction state, share-group state) use replication factor 1 and min ISR 1, so idempotent
 * and transactional producers and Kafka Streams {@code exactly_once_v2} work against it. Topics are never created
 * automatically.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults())) {
 *     String bootstrap = kafka.bootstrapServers();   // "127.0.0.1:<port>"
 * }
 * }</pre>
 *
 * <p><b>Secured</b> ({@link EmbeddedKafkaSettings#withScram(String)}): three doors, each closed to anonymous
 * clients.
 * <ul>
 *   <li>The client listener {@value #SECURED_CLIENT_LISTENER} accepts SCRAM-SHA-512 logins only; the credentials
 *       live in the cluster metadata (the admin's is written at format time, the rest with
 *       {@code Admin.alterUserScramCredentials}).
 *   <li>Inter-broker traffic uses that same listener, logged in as the admin (SCRAM-SHA-512), so no
 *       {@code User:ANONYMOUS} is ever needed as a super user.
 *   <li>The KRaft controller listener cannot use SCRAM (the controller must authenticate the broker before the
 *       metadata holding SCRAM credentials is available), so it uses SASL/PLAIN with a static JAAS user list
 *       holding the admin alone: the broker-to-controller connection is {@code User:admin}, and a client that
 *       finds the controller port cannot log in without the admin password.
 * </ul>
 * Authorization is the KRaft {@value #AUTHORIZER} with {@code allow.everyone.if.no.acl.found=false} and
 * {@code super.users=User:admin}: whatever no ACL allows is denied.
 */
public final class EmbeddedKafka implements AutoCloseable {

  /** Name of the client listener (PLAINTEXT on 127.0.0.1). */
  public static final String CLIENT_LISTENER = "PLAINTEXT";
  /** Name of the client listener of a secured broker (SASL_PLAINTEXT, SCRAM-SHA-512 only, on 127.0.0.1). */
  public static final String SECURED_CLIENT_LISTENER = "SASL_PLAINTEXT";
  /**
   * Name of the KRaft controller listener (127.0.0.1, free port): PLAINTEXT, or on a secured broker SASL_PLAINTEXT
   * with SASL/PLAIN whose only user is the admin.
   */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";
  /** The authorizer of a secured broker. */
  public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
  /** The node id of the single broker/controller. */
  public static final int NODE_ID = 1;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String META_PROPERTIES = "meta.properties";

  private final EmbeddedKafkaSettings settings;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private final KafkaRaftServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafka(EmbeddedKafkaSettings settings, Path dataDir, boolean deleteDataDirOnClose, int port,
             int controllerPort, String clusterId, KafkaRaftServer server) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
    this.server = server;
  }

  /** Starts a broker with {@link EmbeddedKafkaSettings#defaults()}: free port, temporary data directory. */
  public static EmbeddedKafka start() {
    return start(EmbeddedKafkaSettings.defaults());
  }

  /**
   * Formats the data directory if needed and starts the broker; returns once it accepts clients.
   *
   * @throws IllegalStateException when the fixed port is taken (the message names the port and option), or the
   *                               broker cannot be formatted or started
   */
  public static EmbeddedKafka start(EmbeddedKafkaSettings settings) {
    long startNanos = System.nanoTime();
    if (settings.port() != 0) {
      LoopbackPorts.requireFree(settings.port(), "Kafka", settings.portOptionName());
    }
    boolean temporary = settings.dataDir() == null;
    Path dataDir = temporary
        ? DirectoryTree.createTemporary("tiprouter-kafka-")
        : DirectoryTree.createDirectories(settings.dataDir());
    boolean deleteOnClose = !settings.persistent();
    try {
      int port = settings.port() != 0 ? settings.port() : LoopbackPorts.pickFree();
      int controllerPort = pickControllerPort(port);
      String clusterId = existingClusterId(dataDir);
      boolean fresh = clusterId == null;
      if (fresh) {
        clusterId = Uuid.randomUuid().toString();
      }
      Map<String, String> properties = brokerProperties(settings, dataDir, port, controllerPort);
      List<String> formatArguments = new ArrayList<>(scramFormatArguments(settings));
      formatArguments.addAll(settings.extraFormatArguments());
      format(properties, clusterId, formatArguments);
      KafkaRaftServer server = startServer(properties, port, settings);
      EmbeddedKafka kafka = new EmbeddedKafka(settings, dataDir, deleteOnClose, port, controllerPort,
          clusterId, server);
      LOG.info("Kafka broker ready on {} in {} ms (cluster {}, {} data dir {}, {})", kafka.bootstrapServers(),
          elapsedMillis(startNanos), clusterId, fresh ? "new" : "existing", dataDir,
          settings.secured() ? "SASL_PLAINTEXT SCRAM-SHA-512, ACLs" : "PLAINTEXT, no authentication");
      return kafka;
    } catch (RuntimeException e) {
      if (deleteOnClose) {
        deleteQuietly(dataDir);
      }
      throw e;
    }
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return LoopbackPorts.HOST + ":" + port;
  }

  /** The client port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The KRaft controller port on 127.0.0.1 (internal; clients do not need it). */
  public int controllerPort() {
    return controllerPort;
  }

  /** The broker's log directory (it holds {@code meta.properties}). */
  public Path dataDir() {
    return dataDir;
  }

  /** The cluster id, kept across restarts on a persistent data directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The settings this broker was started with. */
  public EmbeddedKafkaSettings settings() {
    return settings;
  }

  /** True when the broker requires SCRAM logins and authorizes with ACLs. */
  public boolean secured() {
    return settings.secured();
  }

  /**
   * Client settings (besides {@code bootstrap.servers}) that log in as the super user {@code admin}: empty for a
   * PLAINTEXT broker. For provisioning and tests; the map holds the admin password, so never log it.
   */
  public Map<String, Object> adminClientSettings() {
    return secured()
        ? scramClientSettings(EmbeddedKafkaSettings.ADMIN_USER, settings.adminPassword())
        : Map.of();
  }

  /**
   * Client settings (besides {@code bootstrap.servers}) that log in to a secured broker as {@code username}
   * (SASL_PLAINTEXT, SCRAM-SHA-512).
   */
  public static Map<String, Object> scramClientSettings(String username, String password) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("security.protocol", "SASL_PLAINTEXT");
    client.put("sasl.mechanism", EmbeddedKafkaSettings.SCRAM_MECHANISM);
    client.put("sasl.jaas.config", jaas("org.apache.kafka.common.security.scram.ScramLoginModule", username,
        password, ""));
    return client;
  }

  private static String jaas(String module, String username, String password, String extra) {
    return module + " required username=\"" + username.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\" password=\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + extra + ";";
  }

  /**
   * Stops the broker and waits until it has released its ports and files; deletes the data directory unless it
   * is persistent. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteDataDirOnClose) {
        deleteQuietly(dataDir);
      }
    }
    LOG.info("Kafka broker on {} stopped in {} ms", bootstrapServers(), elapsedMillis(startNanos));
  }

  private static int pickControllerPort(int clientPort) {
    int candidate = LoopbackPorts.pickFree();
    while (candidate == clientPort) {
      candidate = LoopbackPorts.pickFree();
    }
    return candidate;
  }

  static Map<String, String> brokerProperties(EmbeddedKafkaSettings settings, Path dataDir, int port,
                        int controllerPort) {
    String host = LoopbackPorts.HOST;
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
    String client = settings.secured() ? SECURED_CLIENT_LISTENER : CLIENT_LISTENER;
    p.put("listeners", client + "://" + host + ":" + port + ","
        + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
    p.put("advertised.listeners", client + "://" + host + ":" + port + ","
        + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", client);
    if (settings.secured()) {
      securityProperties(p, settings.adminPassword());
    } else {
      p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    }
    p.put("log.dirs", dataDir.toString());

    // One node: every internal topic with replication 1 and min ISR 1, or transactions cannot work.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "5");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");

    // Behaviour for a demo and tests: topics are provisioned explicitly, groups start at once.
    p.put("auto.create.topics.enable", "false");
    p.put("group.initial.rebalance.delay.ms", "0");

    // Small footprint: the cleaner's default dedupe buffer alone takes 128 MiB of heap.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
    p.put("transaction.state.log.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("offsets.topic.segment.bytes", Integer.toString(16 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "4");

    p.putAll(settings.extraProperties());
    return p;
  }

  /** SCRAM on the client and inter-broker listener, admin-only SASL/PLAIN on the controller, deny by default. */
  private static void securityProperties(Map<String, String> p, String adminPassword) {
    String admin = EmbeddedKafkaSettings.ADMIN_USER;
    String scram = EmbeddedKafkaSettings.SCRAM_MECHANISM;
    String client = SECURED_CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT);
    String controller = CONTROLLER_LISTENER.toLowerCase(java.util.Locale.ROOT);
    p.put("listener.security.protocol.map", SECURED_CLIENT_LISTENER + ":SASL_PLAINTEXT,"
        + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
    p.put("sasl.enabled.mechanisms", scram);
    p.put("sasl.mechanism.inter.broker.protocol", scram);
    p.put("listener.name." + client + ".sasl.enabled.mechanisms", scram);
    p.put("listener.name." + client + "." + scram.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
        jaas("org.apache.kafka.common.security.scram.ScramLoginModule", admin, adminPassword, ""));
    p.put("sasl.mechanism.controller.protocol", "PLAIN");
    p.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
    p.put("listener.name." + controller + ".plain.sasl.jaas.config",
        jaas("org.apache.kafka.common.security.plain.PlainLoginModule", admin, adminPassword,
            " user_" + admin + "=\"" + adminPassword + "\""));
    p.put("authorizer.class.name", AUTHORIZER);
    p.put("allow.everyone.if.no.acl.found", "false");
    p.put("super.users", "User:" + admin);
  }

  /** The format step's arguments that create the admin's SCRAM credential on a secured broker. */
  static List<String> scramFormatArguments(EmbeddedKafkaSettings settings) {
    return settings.secured()
        ? List.of("--add-scram", EmbeddedKafkaSettings.SCRAM_MECHANISM + "=[name=" + EmbeddedKafkaSettings.ADMIN_USER
            + ",password=" + settings.adminPassword() + "]")
        : List.of();
  }

  private static void format(Map<String, String> properties, String clusterId, List<String> extraArguments) {
    Path configFile = writeTemporaryConfig(properties);
    try {
      List<String> args = new ArrayList<>(List.of(
          "format", "--config", configFile.toString(), "--cluster-id", clusterId,
          "--standalone", "--ignore-formatted"));
      args.addAll(extraArguments);
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int exitCode;
      try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exitCode = StorageTool.execute(args.toArray(String[]::new), out);
      } catch (RuntimeException e) {
        throw new IllegalStateException("Could not format Kafka storage in " + properties.get("log.dirs")
            + ": " + e.getMessage(), e);
      }
      String text = output.toString(StandardCharsets.UTF_8).trim();
      if (exitCode != 0) {
        throw new IllegalStateException("Could not format Kafka storage in " + properties.get("log.dirs")
            + " (exit code " + exitCode + "): " + text);
      }
      LOG.debug("kafka-storage format: {}", text);
    } finally {
      deleteQuietly(configFile);
    }
  }

  private static Path writeTemporaryConfig(Map<String, String> properties) {
    Properties config = new Properties();
    config.putAll(properties);
    try {
      // createTempFile gives owner-only permissions: extra properties may hold credentials.
      Path file = Files.createTempFile("tiprouter-kafka-", ".properties");
      try (OutputStream out = Files.newOutputStream(file)) {
        config.store(out, "tiprouter embedded Kafka (format step)");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Kafka config for the format step", e);
    }
  }

  private static KafkaRaftServer startServer(Map<String, String> properties, int port,
                        EmbeddedKafkaSettings settings) {
    KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
    try {
      server.startup();
      return server;
    } catch (RuntimeException e) {
      stopAfterFailedStart(server);
      if (isBindFailure(e)) {
        throw new IllegalStateException(
            LoopbackPorts.portInUseMessage(port, "Kafka", settings.portOptionName()), e);
      }
      throw new IllegalStateException("Kafka broker failed to start: " + e.getMessage(), e);
    }
  }

  private static void stopAfterFailedStart(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException shutdownFailure) {
      LOG.warn("Could not stop the Kafka broker after a failed start", shutdownFailure);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /** The cluster id of an already formatted directory, or null for a new one. */
  static String existingClusterId(Path dataDir) {
    Path meta = dataDir.resolve(META_PROPERTIES);
    if (!Files.isRegularFile(meta)) {
      return null;
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + meta, e);
    }
    String id = properties.getProperty("cluster.id");
    if (id == null || id.isBlank()) {
      throw new IllegalStateException(meta + " has no cluster.id; delete the data directory to start afresh");
    }
    return id.trim();
  }

  private static void deleteQuietly(Path path) {
    try {
      DirectoryTree.deleteRecursively(path);
    } catch (UncheckedIOException e) {
      LOG.warn("Could not delete {}", path, e);
    }
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
