package org.tiprouter.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.classify.ClassifyApp;
import org.tiprouter.classify.ClassifyConfig;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.DirectoryFileReader;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.core.Stage;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.security.Principals;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeApp;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeConfig;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeServer;
import org.tiprouter.ingest.phone.PhoneIntakeApp;
import org.tiprouter.ingest.phone.PhoneIntakeConfig;
import org.tiprouter.ingest.web.WebIntakeApp;
import org.tiprouter.ingest.web.WebIntakeConfig;
import org.tiprouter.normalise.NormaliseApp;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.ops.BrokerHealth;
import org.tiprouter.ops.Dashboard;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.OpsServer;
import org.tiprouter.ops.metrics.LagMonitor;
import org.tiprouter.ops.metrics.OpsMetrics;
import org.tiprouter.ops.metrics.PipelineObserver;
import org.tiprouter.route.RouteApp;
import org.tiprouter.route.RouteConfig;

/**
 * The whole pipeline in one process against a given Kafka cluster and registry: creates the
 * topics, registers the schemas, then runs every stage, the web intake (with the CyberTipline
 * intake's endpoints on the same port) and the operations endpoint. Used by {@code tiprouter demo}
 * and by the end-to-end tests.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /**
   * Where the pipeline runs.
   *
   * @param bootstrapServers Kafka
   * @param registryUrl schema registry base URL
   * @param stateDir parent directory of the stages' local state
   * @param host interface for the intake and operations endpoints
   * @param intakePort web intake port (0 = free)
   * @param opsPort operations port (0 = free)
   * @param agencies agency ids whose queues must exist (the directory loads more later)
   * @param defaultAgency fallback triage agency of classify (every tip while no directory is loaded)
   * @param overrides further settings for every component (any documented key)
   * @param directoryFile agency directory YAML loaded to the directory topic at start, or null for none
   * @param credentialsFile null for a PLAINTEXT cluster; otherwise the cluster is secured and this
   *     credentials file (mode 0600) holds the {@code admin} login: provisioning adds every other
   *     user's password to it and each component logs in as its own user
   */
  public record Settings(String bootstrapServers, String registryUrl, Path stateDir, String host, int intakePort,
      int opsPort, List<String> agencies, String defaultAgency, Map<String, String> overrides, Path directoryFile,
      Path credentialsFile) {

    public Settings {
      agencies = List.copyOf(agencies);
      overrides = Map.copyOf(overrides);
    }

    /** Settings for a PLAINTEXT cluster. */
    public Settings(String bootstrapServers, String registryUrl, Path stateDir, String host, int intakePort,
        int opsPort, List<String> agencies, String defaultAgency, Map<String, String> overrides, Path directoryFile) {
      this(bootstrapServers, registryUrl, stateDir, host, intakePort, opsPort, agencies, defaultAgency, overrides,
          directoryFile, null);
    }

    /** Settings without a directory file. */
    public Settings(String bootstrapServers, String registryUrl, Path stateDir, String host, int intakePort,
        int opsPort, List<String> agencies, String defaultAgency, Map<String, String> overrides) {
      this(bootstrapServers, registryUrl, stateDir, host, intakePort, opsPort, agencies, defaultAgency, overrides, null);
    }

    /** The same settings, loading {@code file} as the agency directory at start. */
    public Settings withDirectoryFile(Path file) {
      return new Settings(bootstrapServers, registryUrl, stateDir, host, intakePort, opsPort, agencies, defaultAgency,
          overrides, file, credentialsFile);
    }

    /**
     * The same settings against a secured cluster: {@code file} (mode 0600) holds the {@code admin}
     * login; provisioning creates every pipeline and agency user with its ACLs and adds their
     * passwords to it; each stage, intake and the observer then log in as their own user.
     */
    public Settings withCredentials(Path file) {
      return new Settings(bootstrapServers, registryUrl, stateDir, host, intakePort, opsPort, agencies, defaultAgency,
          overrides, directoryFile, file);
    }

    /** True when the pipeline runs against a secured cluster. */
    public boolean secured() {
      return credentialsFile != null;
    }
  }

  private final List<AutoCloseable> started = new ArrayList<>();
  private final List<StreamStageRunner> stages = new ArrayList<>();
  private WebIntakeApp intake;
  private CyberTiplineIntakeApp cybertipline;
  private PhoneIntakeApp phone;
  private OpsServer ops;
  private Admin admin;
  private DirectoryLoader.Outcome directory;
  private Provisioner.Report provisioned;

  private Pipeline() {}

  /** Provisions and starts everything; on failure stops what was started and rethrows. */
  public static Pipeline start(Settings settings) {
    Pipeline pipeline = new Pipeline();
    try {
      pipeline.startAll(settings);
      return pipeline;
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
  }

  private void startAll(Settings settings) {
    Map<String, Object> common = new HashMap<>(settings.overrides());
    common.put(TiprouterConfig.BOOTSTRAP_SERVERS, settings.bootstrapServers());
    common.put(TiprouterConfig.REGISTRY_URL, settings.registryUrl());

    NormaliseConfig shared = new NormaliseConfig(withStateDir(common, settings, "tips-normalise"));
    TopicNames names = shared.topicNames();
    TopicSettings topicSettings = shared.topicSettings();
    KafkaClientConfigs clients = clients(settings, Principals.ADMIN, common);

    AgencyDirectory agencyDirectory = readDirectory(settings.directoryFile());
    if (settings.secured()) {
      List<String> agencies = new ArrayList<>(settings.agencies());
      if (agencyDirectory != null) {
        agencies.addAll(agencyDirectory.agencies().keySet());
      }
      provisioned = Provisioner.provision(new Provisioner.Request(clients, settings.registryUrl(), names,
          topicSettings, agencies, settings.credentialsFile(), false));
    } else {
      Provisioner.provision(clients, settings.registryUrl(), names, topicSettings, settings.agencies());
    }
    admin = Admin.create(clients.admin("tiprouter-pipeline"));
    started.add(admin);
    ContractSerdes serdes = ContractSerdes.registry(settings.registryUrl(), Map.of());
    if (agencyDirectory != null) {
      directory = new DirectoryLoader(clients, serdes, names, topicSettings).load(agencyDirectory);
    }

    // Built after provisioning: on a secured cluster the stages' users exist only from now on.
    NormaliseConfig normalise = new NormaliseConfig(
        withStateDir(as(settings, Principals.stage(Stage.NORMALISE), common), settings, "tips-normalise"));
    Map<String, Object> classifyProps =
        withStateDir(as(settings, Principals.stage(Stage.CLASSIFY), common), settings, "tips-classify");
    classifyProps.put(ClassifyConfig.DEFAULT_AGENCY, settings.defaultAgency());
    stage(NormaliseApp.create(normalise, serdes));
    stage(ClassifyApp.create(new ClassifyConfig(classifyProps), serdes));
    Map<String, Object> routeProps =
        withStateDir(as(settings, Principals.stage(Stage.ROUTE), common), settings, "tips-route");
    routeProps.computeIfAbsent(RouteConfig.CORRELATION_KEY, key -> LocalCorrelationKey.keptIn(settings.stateDir()));
    Admin routeAdmin = admin;
    if (settings.secured()) {
      // route asks which agency topics exist as itself (Describe on the agency prefix), not as admin
      routeAdmin = Admin.create(clients(settings, Principals.stage(Stage.ROUTE), common).admin("tips-route-queues"));
      started.add(routeAdmin);
    }
    stage(RouteApp.create(new RouteConfig(routeProps), serdes, routeAdmin));

    cybertipline = new CyberTiplineIntakeApp(new CyberTiplineIntakeConfig(
        intakeProps(settings, TopicFlows.INTAKE_CYBERTIPLINE, common)), serdes);
    started.add(cybertipline);
    phone = new PhoneIntakeApp(new PhoneIntakeConfig(intakeProps(settings, TopicFlows.INTAKE_PHONE, common)), serdes);
    started.add(phone);
    intake = new WebIntakeApp(new WebIntakeConfig(intakeProps(settings, TopicFlows.INTAKE_WEB, common)), serdes)
        .mount(CyberTiplineIntakeServer.PATH_PREFIX, cybertipline.handler());
    PhoneIntakeApp.pathPrefixes().forEach(prefix -> intake.mount(prefix, phone.handler()));
    intake.start();
    started.add(intake);

    OpsMetrics metrics = new OpsMetrics();
    started.add(metrics);
    stages.forEach(stage -> metrics.bindStreams(stage.name(), stage.streams()));
    KafkaClientConfigs opsClients = clients(settings, Principals.OPS, common);
    PipelineObserver observer = new PipelineObserver(opsClients, serdes, names, metrics.tips()).start();
    started.add(observer);
    Admin opsAdmin = admin;
    if (settings.secured()) {
      opsAdmin = Admin.create(opsClients.admin("tiprouter-ops-lag"));
      started.add(opsAdmin);
    }
    LagMonitor lag = new LagMonitor(opsAdmin, names, metrics.registry(), Duration.ofSeconds(5), observer).start();
    started.add(lag);
    ops = new OpsServer(settings.host(), settings.opsPort()).metrics(metrics).dashboard(new Dashboard(observer, lag));
    ops.register(BrokerHealth.of(admin));
    stages.forEach(stage -> ops.register(HealthCheck.of(stage.name(), stage::isRunning, () -> stage.state().name())));
    ops.register(intake.health());
    ops.register(cybertipline.health());
    ops.register(phone.health());
    ops.start();
    started.add(ops);
  }

  /** {@code common} plus, on a secured cluster, the login of {@code user} from the credentials file. */
  private static Map<String, Object> as(Settings settings, String user, Map<String, Object> common) {
    Map<String, Object> props = new HashMap<>(common);
    if (settings.secured()) {
      CredentialsFile.clientSettings(settings.credentialsFile(), user)
          .forEach((key, value) -> props.put(TiprouterConfig.KAFKA_PREFIX + key, value));
    }
    return props;
  }

  private static KafkaClientConfigs clients(Settings settings, String user, Map<String, Object> common) {
    Map<String, Object> kafka = new HashMap<>();
    as(settings, user, common).forEach((key, value) -> {
      if (key.startsWith(TiprouterConfig.KAFKA_PREFIX)) {
        kafka.put(key.substring(TiprouterConfig.KAFKA_PREFIX.length()), value);
      }
    });
    return new KafkaClientConfigs(settings.bootstrapServers(), kafka);
  }

  private static Map<String, Object> intakeProps(Settings settings, String user, Map<String, Object> common) {
    Map<String, Object> props = as(settings, user, common);
    props.put(WebIntakeConfig.HOST, settings.host());
    props.put(WebIntakeConfig.PORT, settings.intakePort());
    return props;
  }


  /** What provisioning users and ACLs did at start, on a secured cluster. */
  java.util.Optional<Provisioner.Report> provisioned() {
    return java.util.Optional.ofNullable(provisioned);
  }

  /** The directory file, read and validated; null when there is none. */
  private static AgencyDirectory readDirectory(Path file) {
    if (file == null) {
      return null;
    }
    DirectoryFileReader.Result read = new DirectoryFileReader(ReferenceData.load()).read(file);
    if (read instanceof DirectoryFileReader.Invalid invalid) {
      throw new IllegalArgumentException("Invalid agency directory: " + invalid.problems().get(0)
          + (invalid.problems().size() > 1 ? " (and " + (invalid.problems().size() - 1) + " more problems)" : ""));
    }
    return ((DirectoryFileReader.Valid) read).directory();
  }


  /** What loading the directory file did at start, if one was given. */
  java.util.Optional<DirectoryLoader.Outcome> directory() {
    return java.util.Optional.ofNullable(directory);
  }

  private void stage(StreamStageRunner runner) {
    stages.add(runner);
    started.add(runner);
    runner.start();
  }

  private static Map<String, Object> withStateDir(Map<String, Object> common, Settings settings, String appId) {
    Map<String, Object> props = new HashMap<>(common);
    props.put(StreamStageConfig.STATE_DIR, settings.stateDir().resolve(appId).toString());
    return props;
  }

  public int intakePort() {
    return intake.port();
  }

  public int opsPort() {
    return ops.port();
  }

  /** The CyberTipline intake, served on the intake port under {@value CyberTiplineIntakeServer#PATH_PREFIX}. */
  public CyberTiplineIntakeApp cybertipline() {
    return cybertipline;
  }

  /** The phone intake, served on the intake port under {@code /api/v1/phone/} and {@code /phone/}. */
  public PhoneIntakeApp phone() {
    return phone;
  }

  public List<StreamStageRunner> stages() {
    return List.copyOf(stages);
  }

  /** True when every stage is running. */
  public boolean isRunning() {
    return !stages.isEmpty() && stages.stream().allMatch(StreamStageRunner::isRunning);
  }

  /** Stops everything in reverse order of start. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      AutoCloseable component = started.get(i);
      try {
        if (component instanceof Admin a) {
          a.close(Duration.ofSeconds(5));
        } else {
          component.close();
        }
      } catch (Exception e) {
        LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
      }
    }
    started.clear();
  }
}
