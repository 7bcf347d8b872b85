package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.tiprouter.classify.ClassifyApp;
import org.tiprouter.classify.ClassifyConfig;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.normalise.NormaliseApp;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.OpsServer;
import org.tiprouter.ops.metrics.OpsMetrics;
import org.tiprouter.route.RouteApp;
import org.tiprouter.route.RouteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiprouter run <stage>}: one stream stage as its own process. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs one stream stage (normalise, classify or route) against a Kafka cluster and schema registry "
        + "until Ctrl-C. Start more instances with the same settings to scale out.")
final class RunCommand implements Callable<Integer> {

  /** The stages this command runs. */
  enum StreamStage { normalise, classify, route }

  @Parameters(index = "0", paramLabel = "STAGE", description = "normalise, classify or route")
  StreamStage stage;

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--ops-port", defaultValue = "0",
      description = "Port of this process's /health endpoints on 127.0.0.1 (default: a free port).")
  int opsPort;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    StreamStageConfig config = config();
    ContractSerdes serdes = ContractSerdes.registry(config.registryUrl(), Map.of());
    // route lists the cluster's topics so it never writes to a missing agency queue
    Admin admin = stage != StreamStage.route ? null : Admin.create(
        new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()).admin(config.applicationId() + "-queues"));
    StreamStageRunner runner = switch (stage) {
      case normalise -> NormaliseApp.create((NormaliseConfig) config, serdes);
      case classify -> ClassifyApp.create((ClassifyConfig) config, serdes);
      case route -> RouteApp.create((RouteConfig) config, serdes, admin);
    };
    OpsMetrics metrics = new OpsMetrics().bindStreams(runner.name(), runner.streams());
    OpsServer ops = new OpsServer("127.0.0.1", opsPort).metrics(metrics)
        .register(HealthCheck.of(runner.name(), runner::isRunning, () -> runner.state().name()));
    ShutdownLatch latch = new ShutdownLatch(() -> {
      runner.close();
      if (admin != null) {
        admin.close();
      }
      ops.close();
      metrics.close();
    });
    runner.start();
    ops.start();
    out.printf("Stage %s (application.id %s) running against %s; health on http://127.0.0.1:%d/health/ready,"
        + " metrics on /metrics%n",
        stage, config.applicationId(), config.bootstrapServers(), ops.port());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }

  private StreamStageConfig config() {
    Stage which = Stage.fromId(stage.name());
    return switch (which) {
      case NORMALISE -> new NormaliseConfig(connection.resolve(NormaliseConfig.DEFINITION, which.id()));
      case CLASSIFY -> new ClassifyConfig(connection.resolve(ClassifyConfig.DEFINITION, which.id()));
      case ROUTE -> new RouteConfig(connection.resolve(RouteConfig.DEFINITION, which.id()));
      case INGEST -> throw new IllegalArgumentException("ingest is not a stream stage");
    };
  }
}
