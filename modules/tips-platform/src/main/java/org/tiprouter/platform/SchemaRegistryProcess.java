package org.tiprouter.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry 3.x, run as a child process on 127.0.0.1 with its data in an H2 file, for the demo and tests.
 *
 * <p>Clients use the registry's own API at {@link #url()} or the Confluent-compatible API at {@link #ccompatUrl()}.
 * The child never outlives us: {@link #close()} stops its process tree, a JVM shutdown hook does the same on Ctrl-C,
 * and a watcher started with it (see {@link OrphanGuard}) stops it when this JVM is killed outright. Its output goes
 * to {@value #LOG_FILE} in the data directory, never to our stdout.
 *
 * <pre>{@code
 * try (SchemaRegistryProcess registry = SchemaRegistryProcess.start(SchemaRegistrySettings.defaults())) {
 *     String confluentApi = registry.ccompatUrl();   // http://127.0.0.1:<port>/apis/ccompat/v7
 * }
 * }</pre>
 */
public final class SchemaRegistryProcess implements AutoCloseable {

  /** The registry needs this Java feature version or newer. */
  public static final int MINIMUM_JAVA_VERSION = 21;
  /** Path of the registry's own REST API. */
  public static final String API_PATH = "/apis/registry/v3";
  /** Path of the Confluent-compatible REST API. */
  public static final String CCOMPAT_PATH = "/apis/ccompat/v7";
  /** The child's output, in the data directory. */
  public static final String LOG_FILE = "registry.log";
  /** Sub-directory of the data directory holding the H2 database. */
  public static final String DATABASE_DIR = "h2";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryProcess.class);
  private static final String CONFIG_DIR = "config";
  private static final String TEMP_DIR = "tmp";
  private static final int KEPT_LOG_LINES = 50;
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final long POLL_INTERVAL_MS = 50;
  private static final List<String> IGNORED_ENVIRONMENT_PREFIXES = List.of("QUARKUS_", "APICURIO_");
  private static final List<String> IGNORED_ENVIRONMENT = List.of(
      "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "JAVA_OPTS");

  private final SchemaRegistrySettings settings;
  private final Process process;
  private final ProcessOutputLog output;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final int port;
  private final int managementPort;
  private final JavaRuntime javaRuntime;
  private final HttpClient httpClient;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SchemaRegistryProcess(Launch launch, int port, int managementPort) {
    this.settings = launch.settings;
    this.process = launch.process;
    this.output = launch.output;
    this.dataDir = launch.dataDir;
    this.deleteDataDirOnClose = launch.deleteDataDirOnClose;
    this.javaRuntime = launch.javaRuntime;
    this.httpClient = launch.httpClient;
    this.shutdownHook = launch.shutdownHook;
    this.port = port;
    this.managementPort = managementPort;
  }

  /** Starts a registry with {@link SchemaRegistrySettings#defaults()}. */
  public static SchemaRegistryProcess start() {
    return start(SchemaRegistrySettings.defaults());
  }

  /**
   * Starts the registry and waits until {@code /health/ready} on its management port says UP.
   *
   * @throws IllegalStateException when a fixed port is taken (the message names the port and option), no Java 21+
   *                               runtime or distribution is found, or the registry exits or is not ready within
   *                               the start timeout (the process is then killed; the message carries the last
   *                               lines of its log)
   */
  public static SchemaRegistryProcess start(SchemaRegistrySettings settings) {
    long startNanos = System.nanoTime();
    if (settings.port() != 0) {
      LoopbackPorts.requireFree(settings.port(), "Schema registry", settings.portOptionName());
    }
    if (settings.managementPort() != 0) {
      LoopbackPorts.requireFree(settings.managementPort(), "Schema registry management", null);
    }
    Path launcher = RegistryDistributionLocator.forThisProcess().locateLauncher(settings.registryHome());
    JavaRuntime java = JavaRuntimeLocator.forThisMachine(MINIMUM_JAVA_VERSION).locate(settings.javaRuntime());

    Path dataDir = settings.dataDir() == null
        ? DirectoryTree.createTemporary("tiprouter-registry-")
        : DirectoryTree.createDirectories(settings.dataDir());
    Launch launch = new Launch(settings, dataDir, !settings.persistent(), java);
    try {
      launch.begin(launcher);
      SchemaRegistryProcess registry = launch.awaitReady();
      LOG.info("Schema registry ready on {} in {} ms (pid {}, Java {}, {} data dir {})", registry.baseUrl(),
          (System.nanoTime() - startNanos) / 1_000_000, registry.pid(), java.version(),
          settings.persistent() ? "persistent" : "temporary", dataDir);
      return registry;
    } catch (RuntimeException e) {
      launch.abort();
      throw e;
    }
  }

  /** The registry's own API, e.g. {@code http://127.0.0.1:8081/apis/registry/v3}. */
  public String url() {
    return baseUrl() + API_PATH;
  }

  /** The Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
  public String ccompatUrl() {
    return baseUrl() + CCOMPAT_PATH;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://" + LoopbackPorts.HOST + ":" + port;
  }

  /** The HTTP API port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The management port on 127.0.0.1 ({@code /health/ready}, {@code /health/live}, {@code /metrics}). */
  public int managementPort() {
    return managementPort;
  }

  /** The registry JVM's process id. */
  public long pid() {
    return process.pid();
  }

  /** Where the H2 database, the generated config and {@value #LOG_FILE} live. */
  public Path dataDir() {
    return dataDir;
  }

  /** The child's output. */
  public Path logFile() {
    return output.file();
  }

  /** The Java runtime the registry runs on. */
  public JavaRuntime javaRuntime() {
    return javaRuntime;
  }

  /** The settings this registry was started with. */
  public SchemaRegistrySettings settings() {
    return settings;
  }

  /** True while the process runs and {@code /health/ready} answers UP. */
  public boolean isReady() {
    return process.isAlive() && Launch.probeReady(httpClient, managementPort);
  }

  /**
   * Stops the registry's process tree (SIGTERM, then SIGKILL after 15 s) and waits for it; deletes the data
   * directory unless it is persistent. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    // Stop first, then drop the hook: if the JVM starts shutting down meanwhile, the hook still stops the child.
    boolean stopped = ProcessTree.destroy(process.toHandle(), STOP_GRACE);
    Launch.removeShutdownHook(shutdownHook);
    output.awaitEnd(2_000);
    if (deleteDataDirOnClose) {
      Launch.deleteQuietly(dataDir);
    }
    if (stopped) {
      LOG.info("Schema registry on {} (pid {}) stopped in {} ms", baseUrl(), pid(),
          (System.nanoTime() - startNanos) / 1_000_000);
    } else {
      LOG.warn("Schema registry (pid {}) may still be running after close", pid());
    }
  }

  /** One start attempt: the child process and what we learn about it from its output. */
  private static final class Launch implements Consumer<String> {

    private static final Pattern HTTP_LISTENING =
        Pattern.compile("(?<![Mm]anagement interface )[Ll]istening on:? https?://[^\\s:/]+:(\\d+)");
    private static final Pattern MANAGEMENT_LISTENING =
        Pattern.compile("[Mm]anagement interface listening on:? https?://[^\\s:/]+:(\\d+)");
    private static final Pattern PORT_IN_USE = Pattern.compile("Port (\\d+) seems to be in use");
    private static final String DATABASE_LOCKED = "Database may be already in use";

    private final SchemaRegistrySettings settings;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final JavaRuntime javaRuntime;
    private final HttpClient httpClient = HttpClient.newBuilder()
        .proxy(HttpClient.Builder.NO_PROXY)
        .connectTimeout(PROBE_TIMEOUT)
        .build();
    private volatile int httpPort;
    private volatile int healthPort;
    private volatile String failure;
    private Process process;
    private ProcessOutputLog output;
    private Thread shutdownHook;

    Launch(SchemaRegistrySettings settings, Path dataDir, boolean deleteDataDirOnClose, JavaRuntime java) {
      this.settings = settings;
      this.dataDir = dataDir;
      this.deleteDataDirOnClose = deleteDataDirOnClose;
      this.javaRuntime = java;
      // Fixed ports are known up front; free ones are read from the "Listening on" line.
      this.httpPort = settings.port();
      this.healthPort = settings.managementPort();
    }

    void begin(Path launcher) {
      Path databaseDir = DirectoryTree.createDirectories(dataDir.resolve(DATABASE_DIR));
      Path tempDir = DirectoryTree.createDirectories(dataDir.resolve(TEMP_DIR));
      writeConfig(registryConfig(databaseDir));
      List<String> command = command(launcher, tempDir);
      ProcessBuilder builder = new ProcessBuilder(OrphanGuard.wrap(command, ProcessHandle.current().pid(),
          "tiprouter-registry-guard"))
          .directory(dataDir.toFile())
          .redirectErrorStream(true);
      Map<String, String> environment = builder.environment();
      environment.keySet().removeIf(Launch::isIgnoredEnvironment);
      Path logFile = dataDir.resolve(LOG_FILE);
      appendStartMarker(logFile);
      LOG.debug("Starting schema registry: {}", command);
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the schema registry with " + javaRuntime.executable(),
            e);
      }
      closeStdin(process);
      shutdownHook = new Thread(() -> ProcessTree.destroy(process.toHandle(), STOP_GRACE),
          "schema-registry-stop-" + process.pid());
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      output = new ProcessOutputLog(process.getInputStream(), logFile, KEPT_LOG_LINES, this,
          "schema-registry-output-" + process.pid());
      output.start();
    }

    SchemaRegistryProcess awaitReady() {
      Instant deadline = Instant.now().plus(settings.startTimeout());
      while (true) {
        if (failure != null) {
          throw failed(failure);
        }
        if (!process.isAlive()) {
          output.awaitEnd(1_000);
          throw failed(failure != null ? failure
              : "Schema registry exited with code " + process.exitValue() + " while starting");
        }
        if (httpPort != 0 && healthPort != 0 && probeReady(httpClient, healthPort)) {
          return new SchemaRegistryProcess(this, httpPort, healthPort);
        }
        if (Instant.now().isAfter(deadline)) {
          throw failed("Schema registry did not become ready within " + settings.startTimeout().toSeconds()
              + " s (a second registry on the same data directory waits for the first one's lock)");
        }
        pause();
      }
    }

    /** Reads every line of the child's output while it starts. */
    @Override
    public void accept(String line) {
      Matcher management = MANAGEMENT_LISTENING.matcher(line);
      if (management.find()) {
        healthPort = Integer.parseInt(management.group(1));
      }
      Matcher http = HTTP_LISTENING.matcher(line);
      if (http.find()) {
        httpPort = Integer.parseInt(http.group(1));
      }
      Matcher inUse = PORT_IN_USE.matcher(line);
      if (inUse.find() && failure == null) {
        int taken = Integer.parseInt(inUse.group(1));
        failure = taken == settings.managementPort() && taken != settings.port()
            ? LoopbackPorts.portInUseMessage(taken, "Schema registry management", null)
            : LoopbackPorts.portInUseMessage(taken, "Schema registry", settings.portOptionName());
      }
      if (line.contains(DATABASE_LOCKED) && failure == null) {
        failure = "Schema registry data directory " + dataDir
            + " is in use by another schema registry (its H2 database is locked)";
      }
    }

    /** Kills whatever was started and cleans up after a failed start. */
    void abort() {
      if (process != null) {
        ProcessTree.destroy(process.toHandle(), Duration.ofSeconds(5));
        output.awaitEnd(1_000);
      }
      removeShutdownHook(shutdownHook);
      if (deleteDataDirOnClose) {
        deleteQuietly(dataDir);
      }
    }

    private IllegalStateException failed(String reason) {
      List<String> lines = output == null ? List.of() : output.lastLines();
      StringBuilder message = new StringBuilder(reason);
      if (process != null) {
        message.append(" (pid ").append(process.pid()).append(')');
      }
      if (!lines.isEmpty()) {
        message.append(". Last lines of ").append(dataDir.resolve(LOG_FILE)).append(':');
        lines.forEach(line -> message.append(System.lineSeparator()).append("  ").append(line));
      }
      return new IllegalStateException(message.toString());
    }

    private Map<String, String> registryConfig(Path databaseDir) {
      String databaseFile = databaseDir.resolve("registry").toString();
      if (databaseFile.contains(";")) {
        throw new IllegalArgumentException("Schema registry data directory must not contain ';': " + dataDir);
      }
      Map<String, String> config = new LinkedHashMap<>();
      config.put("quarkus.http.host", LoopbackPorts.HOST);
      config.put("quarkus.http.port", Integer.toString(settings.port()));
      config.put("quarkus.management.host", LoopbackPorts.HOST);
      config.put("quarkus.management.port", Integer.toString(settings.managementPort()));
      config.put("quarkus.banner.enabled", "false");
      config.put("apicurio.storage.kind", "sql");
      config.put("apicurio.storage.sql.kind", "h2");
      // WRITE_DELAY=0: a schema registered just before a kill -9 is on disk.
      config.put("apicurio.datasource.url",
          "jdbc:h2:file:" + databaseFile + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
      if (settings.defaultCompatibility() != null && !settings.defaultCompatibility().isBlank()) {
        config.put("apicurio.rules.global.compatibility", settings.defaultCompatibility().trim());
      }
      config.putAll(settings.extraProperties());
      return config;
    }

    /**
     * Writes the config where Quarkus reads it: {@code config/application.properties} under the working
     * directory. A file (owner-only) rather than {@code -D} options keeps later credentials out of {@code ps}.
     */
    private void writeConfig(Map<String, String> config) {
      Path configDir = DirectoryTree.createDirectories(dataDir.resolve(CONFIG_DIR));
      Path file = configDir.resolve("application.properties");
      Properties properties = new Properties();
      properties.putAll(config);
      try {
        Files.deleteIfExists(file);
        Path temp = Files.createTempFile(configDir, "application", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
          properties.store(out, "Written by tiprouter at each start; edits are overwritten");
        }
        Files.move(temp, file);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write the schema registry config " + file, e);
      }
    }

    private List<String> command(Path launcher, Path tempDir) {
      List<String> command = new ArrayList<>();
      command.add(javaRuntime.executable().toString());
      command.addAll(settings.jvmOptions());
      Path archive = classDataArchive(launcher);
      if (archive != null) {
        command.add("-XX:+AutoCreateSharedArchive");
        command.add("-XX:SharedArchiveFile=" + archive);
      }
      command.add("-Djava.io.tmpdir=" + tempDir);
      command.add("-Dfile.encoding=UTF-8");
      command.add("-jar");
      command.add(launcher.toString());
      return command;
    }

    /** The class-data archive to use, or null: needs Java 19+ and a writable place. */
    private Path classDataArchive(Path launcher) {
      if (!settings.classDataSharing() || javaRuntime.featureVersion() < 19) {
        return null;
      }
      if (settings.classDataArchive() != null) {
        DirectoryTree.createDirectories(settings.classDataArchive().getParent());
        return settings.classDataArchive();
      }
      String name = "registry-java-" + javaRuntime.version().replaceAll("[^0-9A-Za-z._-]", "_") + ".jsa";
      Path besideDistribution = launcher.getParent().resolve("cds");
      try {
        Files.createDirectories(besideDistribution);
        if (Files.isWritable(besideDistribution)) {
          return besideDistribution.resolve(name);
        }
      } catch (IOException e) {
        LOG.debug("Cannot keep the class-data archive beside the distribution: {}", e.toString());
      }
      return dataDir.resolve(name);
    }

    static boolean probeReady(HttpClient client, int managementPort) {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://" + LoopbackPorts.HOST + ":" + managementPort + "/health/ready"))
          .timeout(PROBE_TIMEOUT)
          .GET()
          .build();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"UP\"");
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
      }
    }

    private static void pause() {
      try {
        Thread.sleep(POLL_INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the schema registry", e);
      }
    }

    private static boolean isIgnoredEnvironment(String name) {
      return IGNORED_ENVIRONMENT.contains(name)
          || IGNORED_ENVIRONMENT_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static void appendStartMarker(Path logFile) {
      String marker = "==== tiprouter: starting schema registry at " + Instant.now() + " ===="
          + System.lineSeparator();
      try {
        Files.writeString(logFile, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.debug("Cannot write to {}", logFile, e);
      }
    }

    private static void closeStdin(Process process) {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        LOG.debug("Cannot close the schema registry's stdin", e);
      }
    }

    static void removeShutdownHook(Thread hook) {
      if (hook == null) {
        return;
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: the hook is running or has run.
      }
    }

    static void deleteQuietly(Path dir) {
      try {
        DirectoryTree.deleteRecursively(dir);
      } catch (UncheckedIOException e) {
        LOG.warn("Could not delete {}", dir, e);
      }
    }
  }
}
