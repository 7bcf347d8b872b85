package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryProcessIT {

  private static final String TIP_V1 = """
      {"type":"record","name":"Tip","namespace":"org.tiprouter.test","fields":[
       {"name":"tipId","type":"string"}]}""";
  private static final String TIP_V2_COMPATIBLE = """
      {"type":"record","name":"Tip","namespace":"org.tiprouter.test","fields":[
       {"name":"tipId","type":"string"},
       {"name":"channel","type":"string","default":"web"}]}""";
  private static final String TIP_V2_INCOMPATIBLE = """
      {"type":"record","name":"Tip","namespace":"org.tiprouter.test","fields":[
       {"name":"tipId","type":"string"},
       {"name":"channel","type":"string"}]}""";
  private static final Pattern PID_IN_MESSAGE = Pattern.compile("\\(pid (\\d+)\\)");

  @TempDir
  static Path sharedDir;

  @TempDir
  Path tempDir;

  private static SchemaRegistryProcess registry;
  private static CcompatClient ccompat;

  @BeforeAll
  static void startSharedRegistry() {
    registry = SchemaRegistryProcess.start(SchemaRegistrySettings.defaults().withDataDir(sharedDir));
    ccompat = new CcompatClient(registry.ccompatUrl());
  }

  @AfterAll
  static void stopSharedRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void startsReadyOnLoopbackWithItsOutputInALogFile() throws IOException {
    assertThat(registry.isReady()).isTrue();
    assertThat(registry.baseUrl()).isEqualTo("http://127.0.0.1:" + registry.port());
    assertThat(registry.url()).isEqualTo(registry.baseUrl() + "/apis/registry/v3");
    assertThat(registry.ccompatUrl()).isEqualTo(registry.baseUrl() + "/apis/ccompat/v7");
    assertThat(registry.managementPort()).isNotEqualTo(registry.port()).isPositive();
    assertThat(LoopbackPorts.isListening(registry.port())).isTrue();
    assertThat(ProcessHandle.of(registry.pid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    assertThat(registry.javaRuntime().featureVersion()).isGreaterThanOrEqualTo(21);
    assertThat(Files.readString(registry.logFile())).contains("Listening on");
    assertThat(registry.dataDir().resolve(SchemaRegistryProcess.DATABASE_DIR)).isDirectory();
    assertThat(ccompat.subjects().statusCode()).isEqualTo(200);
  }

  @Test
  void registersAvroSchemaThroughCcompatAndReadsItBackById() {
    HttpResponse<String> registered = ccompat.register("tips.registered.v1-value", TIP_V1);
    int id = CcompatClient.idOf(registered);

    HttpResponse<String> byId = ccompat.schemaById(id);

    assertThat(byId.statusCode()).isEqualTo(200);
    assertThat(byId.body()).contains("org.tiprouter.test").contains("tipId");
    assertThat(CcompatClient.idOf(ccompat.register("tips.registered.v1-value", TIP_V1)))
        .as("registering the same schema again returns its id").isEqualTo(id);
  }

  @Test
  void rejectsIncompatibleChangeUnderTheDefaultBackwardRuleWith409() {
    String subject = "tips.evolving.v1-value";
    CcompatClient.idOf(ccompat.register(subject, TIP_V1));

    HttpResponse<String> incompatible = ccompat.register(subject, TIP_V2_INCOMPATIBLE);
    HttpResponse<String> compatible = ccompat.register(subject, TIP_V2_COMPATIBLE);

    assertThat(incompatible.statusCode()).isEqualTo(409);
    assertThat(compatible.statusCode()).isEqualTo(200);
  }

  @Test
  void secondRegistryOnTheSameDataDirFailsAndLeavesNoProcess() {
    SchemaRegistrySettings sameDir = SchemaRegistrySettings.defaults()
        .withDataDir(sharedDir)
        .withStartTimeout(Duration.ofSeconds(30));

    Throwable failure = catchFailure(() -> SchemaRegistryProcess.start(sameDir));

    assertThat(failure).isInstanceOf(IllegalStateException.class);
    assertThat(failure.getMessage()).containsAnyOf("in use by another schema registry", "did not become ready");
    assertThat(isAlive(pidIn(failure.getMessage()))).isFalse();
    assertThat(registry.isReady()).as("the first registry is unharmed").isTrue();
  }

  @Test
  void fixedPortThatIsTakenFailsFastNamingPortAndOption() throws IOException {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(LoopbackPorts.address(), 0));
      int taken = squatter.getLocalPort();
      SchemaRegistrySettings settings = SchemaRegistrySettings.defaults()
          .withPort(taken)
          .withPortOptionName("--registry-port");

      assertThatThrownBy(() -> SchemaRegistryProcess.start(settings))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Schema registry port " + taken + " is already in use on 127.0.0.1; choose another "
              + "with --registry-port");
    }
  }

  @Test
  void startTimeoutKillsTheProcessAndSaysWhy() {
    SchemaRegistrySettings impatient = SchemaRegistrySettings.defaults().withStartTimeout(Duration.ofMillis(300));

    Throwable failure = catchFailure(() -> SchemaRegistryProcess.start(impatient));

    assertThat(failure).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not become ready within");
    assertThat(isAlive(pidIn(failure.getMessage()))).isFalse();
  }

  @Test
  void keepsSchemaIdsAcrossRestartOnFixedPortsAndCloseStopsTheProcess() {
    Path dataDir = tempDir.resolve("registry");
    int id;
    long firstPid;
    try (SchemaRegistryProcess first = SchemaRegistryProcess.start(
        SchemaRegistrySettings.defaults().withDataDir(dataDir))) {
      firstPid = first.pid();
      CcompatClient client = new CcompatClient(first.ccompatUrl());
      CcompatClient.idOf(client.register("tips.other.v1-value", TIP_V2_COMPATIBLE));
      id = CcompatClient.idOf(client.register("tips.kept.v1-value", TIP_V1));
    }
    assertThat(isAlive(firstPid)).as("close stops the registry process").isFalse();

    int fixedPort = LoopbackPorts.pickFree();
    int fixedManagementPort = LoopbackPorts.pickFree();
    while (fixedManagementPort == fixedPort) {
      fixedManagementPort = LoopbackPorts.pickFree();
    }
    try (SchemaRegistryProcess second = SchemaRegistryProcess.start(SchemaRegistrySettings.defaults()
        .withDataDir(dataDir).withPort(fixedPort).withManagementPort(fixedManagementPort))) {
      assertThat(second.port()).isEqualTo(fixedPort);
      assertThat(second.managementPort()).isEqualTo(fixedManagementPort);
      CcompatClient client = new CcompatClient(second.ccompatUrl());
      HttpResponse<String> byId = client.schemaById(id);

      assertThat(byId.statusCode()).isEqualTo(200);
      assertThat(byId.body()).contains("tipId").doesNotContain("channel");
      assertThat(CcompatClient.idOf(client.register("tips.kept.v1-value", TIP_V1))).isEqualTo(id);
    }
  }

  @Test
  void registryStopsWhenTheJvmThatStartedItIsTerminated() throws Exception {
    try (Holder holder = Holder.start(tempDir.resolve("terminated"))) {
      holder.process.destroy();
      holder.process.waitFor();

      assertThat(isAlive(holder.registryPid))
          .as("the shutdown hook stops the registry before the JVM exits; holder output: %s", holder.output)
          .isFalse();
    }
  }

  @Test
  void registryStopsWhenTheJvmThatStartedItIsKilled() throws Exception {
    try (Holder holder = Holder.start(tempDir.resolve("killed"))) {
      holder.process.destroyForcibly();
      holder.process.waitFor();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(isAlive(holder.registryPid))
          .as("registry %d still running; holder output: %s", holder.registryPid, holder.output)
          .isFalse());
    }
  }

  /** Another JVM running {@link RegistryHolderMain}, with the registry it started. */
  private static final class Holder implements AutoCloseable {

    private final Process process;
    private final List<String> output;
    private final long registryPid;

    private Holder(Process process, List<String> output, long registryPid) {
      this.process = process;
      this.output = output;
      this.registryPid = registryPid;
    }

    static Holder start(Path dataDir) throws IOException {
      Process process = startHolderJvm(dataDir);
      List<String> output = Collections.synchronizedList(new ArrayList<>());
      AtomicLong registryPid = new AtomicLong();
      readHolderOutput(process, output, registryPid);
      try {
        await().atMost(Duration.ofSeconds(90)).until(() -> registryPid.get() != 0 || !process.isAlive());
        assertThat(registryPid.get()).as("holder output: %s", output).isNotZero();
        assertThat(isAlive(registryPid.get())).isTrue();
      } catch (RuntimeException | AssertionError e) {
        process.destroyForcibly();
        throw e;
      }
      return new Holder(process, output, registryPid.get());
    }

    /** Leaves nothing behind, whatever the test did. */
    @Override
    public void close() {
      process.destroyForcibly();
      ProcessHandle.of(registryPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static Process startHolderJvm(Path dataDir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath));
    String registryHome = System.getProperty(RegistryDistributionLocator.SYSTEM_PROPERTY);
    if (registryHome != null) {
      command.add("-D" + RegistryDistributionLocator.SYSTEM_PROPERTY + "=" + registryHome);
    }
    command.add(RegistryHolderMain.class.getName());
    command.add(dataDir.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static void readHolderOutput(Process holder, List<String> lines, AtomicLong registryPid) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
          if (line.startsWith(RegistryHolderMain.PID_PREFIX)) {
            registryPid.set(Long.parseLong(line.substring(RegistryHolderMain.PID_PREFIX.length())));
          }
        }
      } catch (IOException e) {
        lines.add("output ended: " + e);
      }
    }, "registry-holder-output");
    reader.setDaemon(true);
    reader.start();
  }

  private static Throwable catchFailure(Supplier<SchemaRegistryProcess> start) {
    SchemaRegistryProcess unexpected;
    try {
      unexpected = start.get();
    } catch (RuntimeException e) {
      return e;
    }
    unexpected.close();
    throw new AssertionError("expected the start to fail");
  }

  private static long pidIn(String message) {
    Matcher matcher = PID_IN_MESSAGE.matcher(message);
    assertThat(matcher.find()).as("pid in: %s", message).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
