package org.tiprouter.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigDef;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.security.Principals;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.ops.BrokerHealth;
import org.tiprouter.ops.Dashboard;
import org.tiprouter.ops.OpsServer;
import org.tiprouter.ops.metrics.LagMonitor;
import org.tiprouter.ops.metrics.OpsMetrics;
import org.tiprouter.ops.metrics.PipelineObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tiprouter ops}: the operations view of a whole cluster as its own process, for
 * deployments where every stage and intake runs apart: the pipeline's counters, latency and lag on
 * {@code /metrics} and the live dashboard on {@code /}, from an observer that reads the output topics.
 */
@Command(name = "ops", mixinStandardHelpOptions = true,
    description = "Serves the operations dashboard (GET /) and the pipeline's metrics (/metrics) for a whole cluster "
        + "until Ctrl-C: tips per channel, routed per agency, dead letters, end-to-end latency, queue depth and lag. "
        + "Reads the output topics as consumer group tiprouter-ops; never reads or shows payloads.")
final class OpsCommand implements Callable<Integer> {

  private static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

  @Mixin
  ConnectionOptions connection;

  @Option(names = OpsServer.PORT_OPTION, defaultValue = "8081",
      description = "Port of the dashboard, /metrics and /health (default: ${DEFAULT-VALUE}).")
  int opsPort;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 inside a container).")
  String host;

  @Spec
  CommandSpec spec;

  /** A running operations view: close it to stop. */
  static final class Running implements AutoCloseable {
    private final OpsServer server;
    private final AutoCloseable[] parts;

    private Running(OpsServer server, AutoCloseable... parts) {
      this.server = server;
      this.parts = parts;
    }

    int port() {
      return server.port();
    }

    @Override
    public void close() {
      server.close();
      for (AutoCloseable part : parts) {
        try {
          if (part instanceof Admin admin) {
            admin.close(Duration.ofSeconds(5));
          } else {
            part.close();
          }
        } catch (Exception e) {
          // closing the rest matters more than one failure on the way down
        }
      }
    }
  }

  /** Starts the observer, the lag monitor and the operations server; on failure stops what started. */
  static Running start(KafkaClientConfigs clients, ContractSerdes serdes, TopicNames names, String host, int port) {
    Admin admin = Admin.create(clients.admin("tiprouter-ops"));
    OpsMetrics metrics = new OpsMetrics();
    PipelineObserver observer = new PipelineObserver(clients, serdes, names, metrics.tips());
    LagMonitor lag = new LagMonitor(admin, names, metrics.registry(), LAG_INTERVAL, observer);
    OpsServer ops = new OpsServer(host, port).metrics(metrics).dashboard(new Dashboard(observer, lag))
        .register(BrokerHealth.of(admin));
    Running running = new Running(ops, lag, observer, metrics, admin);
    try {
      observer.start();
      lag.start();
      ops.start();
      return running;
    } catch (RuntimeException e) {
      running.close();
      throw e;
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    OpsConfig config = new OpsConfig(connection.resolve(OpsConfig.DEFINITION, Principals.OPS));
    Running running = start(new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()),
        ContractSerdes.registry(config.registryUrl(), Map.of()), config.topicNames(), host, opsPort);
    ShutdownLatch latch = new ShutdownLatch(running::close);
    out.printf("Operations for %s: dashboard on http://%s:%d/, metrics on /metrics, health on /health/ready%n",
        config.bootstrapServers(), host, running.port());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }

  /** The operations process needs only the shared settings. */
  static final class OpsConfig extends TiprouterConfig {
    static final ConfigDef DEFINITION = baseConfigDef();

    OpsConfig(Map<?, ?> originals) {
      super(DEFINITION, originals);
    }
  }
}
