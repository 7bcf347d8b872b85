package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.security.Principals;
import org.tiprouter.ingest.cybertipline.ImportSummary;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.LoopbackPorts;
import org.tiprouter.platform.PlatformSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tiprouter demo}: the whole system on this machine, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole system on localhost: a real Kafka broker, the schema registry, every stage, "
        + "the web intake, the CyberTipline and phone intakes on the same port (importing sample CyberTipline reports at start) and the "
        + "operations endpoint. Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {

  static final String INTAKE_PORT = org.tiprouter.ingest.web.WebIntakeServer.PORT_OPTION;
  static final String OPS_PORT = org.tiprouter.ops.OpsServer.PORT_OPTION;
  static final String DEMO_AGENCY = "national-triage";

  @Mixin
  PlatformOptions platform;

  @Option(names = INTAKE_PORT, defaultValue = "8080", description = "Web intake port (default: ${DEFAULT-VALUE}).")
  int intakePort;

  @Option(names = OPS_PORT, defaultValue = "8081", description = "Operations port (default: ${DEFAULT-VALUE}).")
  int opsPort;

  @Option(names = "--directory", paramLabel = "FILE", description = "Agency directory loaded at start (default: "
      + "config/directory/demo.yaml of this installation).")
  Path directory;

  @Option(names = "--insecure", description = "Run Kafka without authentication or ACLs (PLAINTEXT, every client may "
      + "do anything), as before security existed. Default: secured, every component with its own user.")
  boolean insecure;

  @Spec
  CommandSpec spec;

  /** The demo's credentials file under its data directory. */
  static final String CREDENTIALS_FILE = "credentials.properties";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    requireFreePorts();
    PlatformSettings settings = platform.settings();
    Path credentials = settings.dataDir().resolve(CREDENTIALS_FILE);
    if (!insecure) {
      settings = settings.withKafka(settings.kafka().withScram(adminPassword(credentials, settings)));
    }
    long started = System.nanoTime();
    out.println("Starting Kafka and the schema registry (data in " + settings.dataDir() + ")...");
    out.flush();
    EmbeddedPlatform embedded = EmbeddedPlatform.start(settings);
    Pipeline pipeline;
    try {
      out.println("Creating topics, registering schemas, starting the stages...");
      out.flush();
      pipeline = Pipeline.start(new Pipeline.Settings(embedded.bootstrapServers(), embedded.registryUrl(),
          settings.dataDir().resolve("streams"), "127.0.0.1", intakePort, opsPort, List.of(DEMO_AGENCY),
          DEMO_AGENCY, Map.of()).withDirectoryFile(directoryFile()).withCredentials(insecure ? null : credentials));
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
    ShutdownLatch latch = new ShutdownLatch(() -> {
      out.println("Stopping...");
      out.flush();
      pipeline.close();
      embedded.close();
      out.println("Stopped.");
      out.flush();
    });
    String cyberTiplineSamples = cyberTiplineSamples(pipeline, settings.dataDir());
    out.printf("%ntiprouter demo is up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    out.printf("  Kafka            %s%n", embedded.bootstrapServers());
    out.printf("  Schema registry  %s%n", embedded.registryUrl());
    out.printf("  Web intake       http://127.0.0.1:%d/  (POST /api/v1/tips)%n", pipeline.intakePort());
    out.printf("  CyberTipline     http://127.0.0.1:%d/cybertipline/submit and /cybertipline/fileinfo; %s%n",
        pipeline.intakePort(), cyberTiplineSamples);
    out.printf("  Phone intake     http://127.0.0.1:%d/api/v1/phone/calls; Twilio webhook /phone/twilio/voice "
        + "(%s)%n", pipeline.intakePort(), pipeline.phone().twilioEnabled() ? "enabled"
            : "off: it needs phone.twilio.enabled and a phone.twilio.auth.token");
    out.printf("  Operations       http://127.0.0.1:%d/  (/health/ready)%n", pipeline.opsPort());
    out.printf("  Stages           normalise, classify, route (exactly once)%n");
    pipeline.directory().ifPresent(loaded -> out.printf("  Directory        %s (%d agencies, %d added, %d changed, "
        + "%d removed)%n", loaded.version(), loaded.added().size() + loaded.changed().size()
        + loaded.reversioned().size() + loaded.unchanged(), loaded.added().size(), loaded.changed().size(),
        loaded.removed().size()));
    out.printf("  Queues           tips.agency.<id>.v1 per agency; tips.triage.v1 for %s%n", DEMO_AGENCY);
    out.printf("  Data             %s%n", settings.dataDir());
    if (insecure) {
      out.printf("  Security         none (--insecure): PLAINTEXT, no authentication, no ACLs%n");
    } else {
      out.printf("  Security         SASL_PLAINTEXT SCRAM-SHA-512 (not encrypted), ACLs deny by default; one user per "
          + "stage, intake, ops and agency%n");
      out.printf("  Credentials      %s (mode 0600, one section per user), e.g.%n", credentials);
      out.printf("                   ./tiprouter agency tail --agency knoxville-pd --bootstrap-server %s "
          + "--registry-url %s --credentials %s%n", embedded.bootstrapServers(), embedded.registryUrl(), credentials);
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }

  /**
   * The admin password of the secured demo broker: kept in the credentials file, created with it on
   * first use. A broker data directory formatted without security has no admin credential, so it
   * cannot be secured afterwards: that needs {@code --fresh} (or {@code --insecure}).
   */
  private static String adminPassword(Path credentials, PlatformSettings settings) {
    Map<String, String> entries = Files.exists(credentials)
        ? new java.util.TreeMap<>(CredentialsFile.read(credentials)) : new java.util.TreeMap<>();
    String password = CredentialsFile.passwords(entries).get(Principals.ADMIN);
    if (password != null) {
      return password;
    }
    boolean formatted = Files.exists(settings.dataDir().resolve(EmbeddedPlatform.KAFKA_DIR).resolve("meta.properties"));
    if (formatted && !settings.fresh()) {
      throw new IllegalArgumentException("The Kafka data in " + settings.dataDir() + " was created without security "
          + "(no admin in " + credentials + "): start afresh with --fresh, or run it as before with --insecure");
    }
    password = CredentialsFile.newPassword();
    CredentialsFile.withUser(entries, Principals.ADMIN, password);
    CredentialsFile.writeEntries(credentials, entries);
    return password;
  }

  /**
   * The directory to load: {@code --directory}, else {@code config/directory/demo.yaml} under the
   * installation ({@code tiprouter.home}, set by ./tiprouter) or the nearest enclosing directory
   * that has one.
   */
  private Path directoryFile() {
    if (directory != null) {
      return directory;
    }
    Path relative = Path.of("config", "directory", "demo.yaml");
    String home = System.getProperty("tiprouter.home");
    if (home != null && Files.isRegularFile(Path.of(home).resolve(relative))) {
      return Path.of(home).resolve(relative);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalArgumentException("No demo agency directory found (" + relative + "); pass --directory FILE");
  }

  /** Imports the installation's sample CyberTipline reports; what happened, for the banner. */
  private static String cyberTiplineSamples(Pipeline pipeline, Path dataDir) {
    Optional<Path> samples = DemoSamples.find();
    if (samples.isEmpty()) {
      return "no sample reports found (" + DemoSamples.RELATIVE + ")";
    }
    try {
      ImportSummary summary = DemoSamples.importSamples(samples.get(), dataDir, pipeline.cybertipline());
      return "samples: " + summary.stored() + " stored, " + summary.alreadyStored() + " already stored, "
          + summary.failed() + " failed";
    } catch (RuntimeException e) {
      return "samples not imported (" + Tiprouter.oneLine(e) + ")";
    }
  }

  private void requireFreePorts() {
    LoopbackPorts.requireFree(platform.kafkaPort, "Kafka", PlatformOptions.KAFKA_PORT);
    LoopbackPorts.requireFree(platform.registryPort, "Schema registry", PlatformOptions.REGISTRY_PORT);
    LoopbackPorts.requireFree(intakePort, "Web intake", INTAKE_PORT);
    LoopbackPorts.requireFree(opsPort, "Operations", OPS_PORT);
  }

}
