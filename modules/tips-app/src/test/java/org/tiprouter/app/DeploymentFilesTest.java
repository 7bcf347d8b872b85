package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.tiprouter.classify.ClassifyConfig;
import org.tiprouter.core.config.ConfigSources;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeConfig;
import org.tiprouter.ingest.phone.PhoneIntakeConfig;
import org.tiprouter.ingest.web.WebIntakeConfig;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.route.RouteConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The deployment files under {@code docker/} hold together (there is no Docker engine where the
 * tests run, so this is how they are checked): every tiprouter service's command parses as a real
 * {@code tiprouter} subcommand with valid options, its {@code --config} file is mounted from a file
 * that exists and holds only known, valid settings, each long-running service has a healthcheck on
 * {@code /health/ready} and a principal of its own from the fixed list, its secret env file has a
 * committed example and is git-ignored, and the Dockerfile copies paths that exist.
 */
class DeploymentFilesTest {

  private static final Path REPO = repositoryRoot();
  private static final Path DOCKER = REPO.resolve("docker");
  private static final String PRINCIPAL_LABEL = "org.tiprouter.principal";
  /** The fixed principal names; agencies are agency-&lt;agency id&gt;. */
  private static final Pattern FIXED_PRINCIPALS = Pattern.compile(
      "admin|normalise|classify|route|intake-web|intake-phone|intake-cybertipline|ops|agency-[a-z0-9][a-z0-9-]{1,47}");
  /** Every way the deployment files name a Kafka principal. */
  private static final List<Pattern> PRINCIPAL_MENTIONS = List.of(
      Pattern.compile("User:([^;,\"\\s]+)"),
      Pattern.compile("username=\\\\?\"([^\"\\\\]*)\\\\?\""),
      Pattern.compile("user_([A-Za-z0-9_-]+)="),
      Pattern.compile("\\[name=([^,\\]]+)"),
      Pattern.compile(PRINCIPAL_LABEL + ":\\s*(\\S+)"));

  /** The settings each command reads, and how it builds its validated config from them. */
  private static final Map<String, Function<Map<String, Object>, AbstractConfig>> CONFIGS = Map.of(
      "run normalise", NormaliseConfig::new,
      "run classify", ClassifyConfig::new,
      "run route", RouteConfig::new,
      "ingest web", WebIntakeConfig::new,
      "ingest phone", PhoneIntakeConfig::new,
      "ingest cybertipline", CyberTiplineIntakeConfig::new,
      "import phone", PhoneIntakeConfig::new,
      "import cybertipline", CyberTiplineIntakeConfig::new,
      "provision", ProvisionCommand.ProvisionConfig::new,
      "ops", OpsCommand.OpsConfig::new);
  private static final Map<String, ConfigDef> DEFINITIONS = Map.of(
      "run normalise", NormaliseConfig.DEFINITION,
      "run classify", ClassifyConfig.DEFINITION,
      "run route", RouteConfig.DEFINITION,
      "ingest web", WebIntakeConfig.DEFINITION,
      "ingest phone", PhoneIntakeConfig.DEFINITION,
      "ingest cybertipline", CyberTiplineIntakeConfig.DEFINITION,
      "import phone", PhoneIntakeConfig.DEFINITION,
      "import cybertipline", CyberTiplineIntakeConfig.DEFINITION,
      "provision", ProvisionCommand.ProvisionConfig.DEFINITION,
      "ops", OpsCommand.OpsConfig.DEFINITION);

  private final Map<String, Object> compose = load(DOCKER.resolve("compose.yaml"));

  @Test
  void everyTiprouterServiceRunsARealSubcommandWithValidOptions() {
    Map<String, Map<String, Object>> services = tiprouterServices();
    assertThat(services).containsKeys("provision", "intake-web", "normalise", "classify", "route", "ops");

    services.forEach((name, service) -> {
      ParseResult parsed = parse(name, service);
      ParseResult leaf = leaf(parsed);
      assertThat(leaf.commandSpec().userObject()).as("%s runs a command, not a command group", name)
          .isInstanceOf(java.util.concurrent.Callable.class);
      assertThat(leaf.unmatched()).as("%s: unmatched arguments", name).isEmpty();
      assertThat(CONFIGS).as("%s: a command this test knows the settings of", name).containsKey(commandKey(leaf));
    });
  }

  @Test
  void everyConfigFileIsMountedFromDockerConfigAndHoldsOnlyKnownValidSettings() {
    tiprouterServices().forEach((name, service) -> {
      ParseResult leaf = leaf(parse(name, service));
      Path inContainer = leaf.matchedOptionValue("--config", null);
      assertThat(inContainer).as("%s passes its settings with --config", name).isNotNull();
      Path file = hostPath(service, inContainer.toString());
      assertThat(file).as("%s: the file mounted at %s", name, inContainer).isRegularFile()
          .startsWith(DOCKER.resolve("config"));

      String command = commandKey(leaf);
      ConfigDef definition = DEFINITIONS.get(command);
      Map<String, Object> settings = ConfigSources.resolve(definition, Optional.of(file), exampleEnvironment(service),
          Map.of());
      Set<String> unknown = new TreeSet<>();
      for (String key : settings.keySet()) {
        boolean known = key.startsWith(TiprouterConfig.KAFKA_PREFIX)
            ? isKafkaClientSetting(key.substring(TiprouterConfig.KAFKA_PREFIX.length()))
            : definition.names().contains(key);
        if (!known) {
          unknown.add(key);
        }
      }
      assertThat(unknown).as("%s: settings in %s no tiprouter or Kafka client config defines", name, file).isEmpty();
      assertThatCode(() -> CONFIGS.get(command).apply(settings)).as("%s: %s with its example secrets", name, file)
          .doesNotThrowAnyException();
      assertThat(settings).as("%s: production topics", name)
          .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT")
          .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512");
      if (command.startsWith("run ") || command.equals("provision")) {
        assertThat(settings).containsEntry(TiprouterConfig.TOPICS_REPLICATION_FACTOR, "3")
            .containsEntry(TiprouterConfig.TOPICS_MIN_INSYNC_REPLICAS, "2");
      }
      if (command.startsWith("run ")) {
        assertThat(volumeTargets(service)).as("%s keeps its state on a volume", name)
            .contains((String) settings.get(StreamStageConfig.STATE_DIR));
      }
    });
  }

  @Test
  void everyLongRunningServiceIsHealthCheckedOnItsOwnReadyEndpoint() {
    Map<String, Object> services = section(compose, "services");
    tiprouterServices().forEach((name, service) -> {
      if ("no".equals(service.get("restart"))) {
        return; // a one-shot job: done when it exits
      }
      assertThat(service.get("restart")).as("%s restart policy", name).isEqualTo("unless-stopped");
      String opsPort = String.valueOf(leaf(parse(name, service)).matchedOptionValue("--ops-port", (Object) ""));
      assertThat(opsPort).as("%s fixes its operations port", name).isNotIn("", "0");
      Map<String, Object> healthcheck = section(service, "healthcheck");
      assertThat(String.join(" ", strings(healthcheck.get("test"))))
          .as("%s healthcheck", name).contains("http://127.0.0.1:" + opsPort + "/health/ready");
    });
    services.forEach((name, value) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> service = (Map<String, Object>) value;
      if (service.containsKey("ports")) {
        assertThat(name).as("only the intakes and the dashboard publish ports")
            .isIn("intake-web", "intake-phone", "intake-cybertipline", "ops");
      }
      assertThat(service).as("%s restart policy or one-shot", name).containsKey("restart");
    });
  }

  @Test
  void everyTiprouterServiceHasItsOwnPrincipalAndAGitIgnoredSecretFileWithAnExample() throws IOException {
    Map<String, String> principals = new LinkedHashMap<>();
    tiprouterServices().forEach((name, service) -> {
      String principal = (String) section(service, "labels").get(PRINCIPAL_LABEL);
      assertThat(principal).as("%s principal label", name).matches(FIXED_PRINCIPALS);
      // an intake's one-shot importer (import-phone) logs in as that intake (intake-phone); nothing else shares
      boolean importerOfItsIntake = name.startsWith("import-")
          && principal.equals("intake-" + name.substring("import-".length()));
      if (!importerOfItsIntake) {
        assertThat(principals.values()).as("%s shares its principal", name).doesNotContain(principal);
      }
      principals.put(name, principal);

      List<String> envFiles = strings(service.get("env_file"));
      assertThat(envFiles).as("%s secret env file", name).hasSize(1);
      Path env = DOCKER.resolve(envFiles.get(0)).normalize();
      assertThat(env.getParent()).isEqualTo(DOCKER.resolve("secrets"));
      String jaas = exampleEnvironment(service).get("TIPROUTER_KAFKA_SASL_JAAS_CONFIG");
      assertThat(jaas).as("%s: the JAAS config of its example env file", name)
          .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
          .contains("username=\"" + principal + "\"");
    });
    assertThat(Files.readAllLines(DOCKER.resolve("secrets/.gitignore"))).contains("*.env", "!*.env.example");
    assertThat(exampleEnvironment(tiprouterServices().get("route"))).containsKey("TIPROUTER_ROUTE_CORRELATION_KEY");
  }

  @Test
  void theDeploymentFilesNameOnlyTheFixedPrincipals() throws IOException {
    List<Path> files = new ArrayList<>(List.of(DOCKER.resolve("compose.yaml"), DOCKER.resolve("kafka/broker-start.sh"),
        DOCKER.resolve("secrets/generate.sh")));
    try (Stream<Path> examples = Files.list(DOCKER.resolve("secrets"))) {
      examples.filter(path -> path.toString().endsWith(".env.example")).sorted().forEach(files::add);
    }
    Set<String> mentioned = new TreeSet<>();
    for (Path file : files) {
      mentioned.addAll(principalsNamedIn(Files.readString(file)));
    }
    assertThat(mentioned).contains("admin", "normalise", "classify", "route", "intake-web");
    assertThat(mentioned.stream().filter(name -> !FIXED_PRINCIPALS.matcher(name).matches()))
        .as("principals outside the fixed list").isEmpty();
  }

  @Test
  void thePrincipalCheckNoticesANameOutsideTheList() {
    String compose = "labels:\n  org.tiprouter.principal: registry\nKAFKA_SUPER_USERS: User:admin;User:ANONYMOUS\n"
        + "X=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"stage\" password=\"p\";";

    assertThat(principalsNamedIn(compose)).containsExactlyInAnyOrder("registry", "admin", "ANONYMOUS", "stage");
  }

  @Test
  void everyBindMountComesFromAFileOrFolderUnderDocker() {
    Map<String, Object> declared = section(compose, "volumes");
    section(compose, "services").forEach((name, value) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> service = (Map<String, Object>) value;
      for (String volume : strings(service.getOrDefault("volumes", List.of()))) {
        String source = volume.split(":")[0];
        if (source.startsWith(".")) {
          assertThat(DOCKER.resolve(source).normalize()).as("%s mounts %s", name, source).exists();
        } else {
          assertThat(declared).as("%s uses named volume %s", name, source).containsKey(source);
        }
      }
    });
  }

  @Test
  void theDockerfileCopiesPathsThatExistAndStartsTheTiprouterCommand() throws IOException {
    List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
    Map<String, String> builtPaths = new HashMap<>();
    for (String line : lines) {
      String[] words = line.trim().split("\\s+");
      if (!words[0].equals("COPY")) {
        continue;
      }
      if (words[1].startsWith("--from=")) {
        builtPaths.put(words[2], words[3]);
      } else {
        for (int i = 1; i < words.length - 1; i++) {
          assertThat(REPO.resolve(words[i])).as("COPY source %s (context: repository root)", words[i]).exists();
        }
      }
    }
    // the runtime copies what the build stage's Maven package produces, the same files ./tiprouter runs
    assertThat(builtPaths).containsKeys("/src/modules/tips-app/target/tips-app.jar", "/src/modules/tips-app/target/lib");
    assertThat(Files.readString(REPO.resolve("modules/tips-app/pom.xml"))).contains("<finalName>tips-app</finalName>");
    assertThat(Files.readString(REPO.resolve("tiprouter"))).contains("$target/tips-app.jar").contains("$target/lib/*");
    String entrypoint = lines.stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entrypoint).contains(Tiprouter.class.getName()).contains("/opt/tiprouter/tips-app.jar")
        .contains("/opt/tiprouter/lib/*");
    assertThat(lines).anyMatch(line -> line.startsWith("USER ") && !line.contains("root"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  static Set<String> principalsNamedIn(String text) {
    Set<String> names = new HashSet<>();
    for (Pattern pattern : PRINCIPAL_MENTIONS) {
      Matcher matcher = pattern.matcher(text);
      while (matcher.find()) {
        String name = matcher.group(1);
        if (!name.startsWith("$") && !name.startsWith("%")) { // a placeholder filled from the list (generate.sh)
          names.add(name);
        }
      }
    }
    return names;
  }

  private Map<String, Map<String, Object>> tiprouterServices() {
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    section(compose, "services").forEach((name, value) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> service = (Map<String, Object>) value;
      if (String.valueOf(service.get("image")).startsWith("tiprouter:")) {
        services.put(name, service);
      }
    });
    return services;
  }

  private static ParseResult parse(String name, Map<String, Object> service) {
    List<String> command = strings(service.get("command"));
    assertThat(command).as("%s command", name).isNotEmpty();
    try {
      return new CommandLine(new Tiprouter()).parseArgs(command.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(name + ": '" + String.join(" ", command) + "' is not a valid tiprouter command: "
          + e.getMessage(), e);
    }
  }

  private static ParseResult leaf(ParseResult parsed) {
    ParseResult leaf = parsed;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf;
  }

  /** "run normalise", "ingest web", "provision": the command path, and run's stage. */
  private static String commandKey(ParseResult leaf) {
    List<String> names = new ArrayList<>();
    for (CommandLine line = leaf.commandSpec().commandLine(); line.getParent() != null; line = line.getParent()) {
      names.add(0, line.getCommandName());
    }
    if (leaf.commandSpec().userObject() instanceof RunCommand run) {
      names.add(run.stage.name());
    }
    return String.join(" ", names);
  }

  private static boolean isKafkaClientSetting(String key) {
    return ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key)
        || AdminClientConfig.configNames().contains(key) || StreamsConfig.configDef().names().contains(key);
  }

  /** The file under docker/ that the service mounts at {@code containerPath}. */
  private static Path hostPath(Map<String, Object> service, String containerPath) {
    for (String volume : strings(service.getOrDefault("volumes", List.of()))) {
      String[] parts = volume.split(":");
      if (parts[0].startsWith(".") && parts[1].equals(containerPath)) {
        return DOCKER.resolve(parts[0]).normalize();
      }
    }
    throw new AssertionError(containerPath + " is not mounted from a file under docker/");
  }

  private static List<String> volumeTargets(Map<String, Object> service) {
    return strings(service.getOrDefault("volumes", List.of())).stream().map(volume -> volume.split(":")[1]).toList();
  }

  /** The environment the service's secret env file gives, as its committed example shows it. */
  private static Map<String, String> exampleEnvironment(Map<String, Object> service) {
    Map<String, String> environment = new HashMap<>();
    for (String envFile : strings(service.get("env_file"))) {
      Path example = DOCKER.resolve(envFile + ".example");
      assertThat(example).as("example of %s", envFile).isRegularFile();
      try {
        for (String line : Files.readAllLines(example)) {
          int equals = line.indexOf('=');
          if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
            environment.put(line.substring(0, equals), line.substring(equals + 1));
          }
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return environment;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> map, String key) {
    Object value = map.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static List<String> strings(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null ? List.of() : List.of(String.valueOf(value));
  }

  private static Map<String, Object> load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker/compose.yaml")) && Files.isRegularFile(dir.resolve("tiprouter"))) {
        return dir;
      }
    }
    throw new IllegalStateException("docker/compose.yaml not found above " + Path.of("").toAbsolutePath());
  }
}
