package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
        + "the web intake and the operations endpoint. Ctrl-C stops everything."})
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

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    requireFreePorts();
    PlatformSettings settings = platform.settings();
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
          DEMO_AGENCY, Map.of()));
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
    out.printf("%ntiprouter demo is up in %.1f s%n", (System.nanoTime() - started) / 1e9);
    out.printf("  Kafka            %s%n", embedded.bootstrapServers());
    out.printf("  Schema registry  %s%n", embedded.registryUrl());
    out.printf("  Web intake       http://127.0.0.1:%d/  (POST /api/v1/tips)%n", pipeline.intakePort());
    out.printf("  Operations       http://127.0.0.1:%d/  (/health/ready)%n", pipeline.opsPort());
    out.printf("  Stages           normalise, classify, route (exactly once)%n");
    out.printf("  Agency queue     tips.agency.%s.v1%n", DEMO_AGENCY);
    out.printf("  Data             %s%n", settings.dataDir());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }

  private void requireFreePorts() {
    LoopbackPorts.requireFree(platform.kafkaPort, "Kafka", PlatformOptions.KAFKA_PORT);
    LoopbackPorts.requireFree(platform.registryPort, "Schema registry", PlatformOptions.REGISTRY_PORT);
    LoopbackPorts.requireFree(intakePort, "Web intake", INTAKE_PORT);
    LoopbackPorts.requireFree(opsPort, "Operations", OPS_PORT);
  }

}
