package org.tiprouter.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.ops.Dashboard;
import org.tiprouter.ops.HealthCheck;
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
 * {@code tiprouter monitor}: the pipeline-wide operations view for a deployment where every stage
 * runs as its own process: the {@code tips_*} counters (from the {@link PipelineObserver}), the lag
 * gauges ({@link LagMonitor}) and the dashboard, on one operations port. This is what the demo's
 * port 8081 serves, without the stages; alerting rules read its {@code /metrics}.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Serves the whole pipeline's metrics (tips_* counters, agency and stage lag) and the live dashboard "
        + "against a Kafka cluster until Ctrl-C: the operations view for stages run as separate processes. Reads "
        + "ids, codes and times only (consumer group tiprouter-ops), never payloads."})
final class MonitorCommand implements Callable<Integer> {

  static final Duration LAG_INTERVAL = Duration.ofSeconds(5);

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--ops-port", defaultValue = "8081", description = "Port of /metrics, /health/* and the dashboard (default 8081).")
  int opsPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default 127.0.0.1).")
  String host;

  @Spec
  CommandSpec spec;

  /** A running monitor: close it to stop. */
  static final class Running implements AutoCloseable {
    private final OpsMetrics metrics;
    private final Admin admin;
    private final PipelineObserver observer;
    private final LagMonitor lag;
    private final OpsServer server;

    private Running(OpsMetrics metrics, Admin admin, PipelineObserver observer, LagMonitor lag, OpsServer server) {
      this.metrics = metrics;
      this.admin = admin;
      this.observer = observer;
      this.lag = lag;
      this.server = server;
    }

    int port() {
      return server.port();
    }

    @Override
    public void close() {
      server.close();
      lag.close();
      observer.close();
      admin.close();
      metrics.close();
    }
  }

  /** Starts the observer, the lag monitor and the operations server. */
  static Running start(KafkaClientConfigs clients, ContractSerdes serdes, TopicNames names, String host, int port) {
    OpsMetrics metrics = new OpsMetrics();
    Admin admin = Admin.create(clients.admin("tiprouter-monitor"));
    PipelineObserver observer = new PipelineObserver(clients, serdes, names, metrics.tips()).start();
    LagMonitor lag = new LagMonitor(admin, names, metrics.registry(), LAG_INTERVAL, observer).start();
    OpsServer server = new OpsServer(host, port).metrics(metrics).dashboard(new Dashboard(observer, lag))
        .register(HealthCheck.of("lag-monitor", () -> measuredRecently(lag), () -> lastMeasured(lag)))
        .start();
    return new Running(metrics, admin, observer, lag, server);
  }

  /** Ready while the lag monitor measured the cluster within three intervals (so the broker answers). */
  private static boolean measuredRecently(LagMonitor lag) {
    Instant at = lag.snapshot().at();
    return at != null && at.isAfter(Instant.now().minus(LAG_INTERVAL.multipliedBy(3)));
  }

  private static String lastMeasured(LagMonitor lag) {
    Instant at = lag.snapshot().at();
    return at == null ? "not measured yet" : "last measured " + at;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ProvisionCommand.ProvisionConfig config = new ProvisionCommand.ProvisionConfig(
        connection.resolve(ProvisionCommand.ProvisionConfig.DEFINITION));
    Running running = start(new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()),
        ContractSerdes.registry(config.registryUrl(), Map.of()), config.topicNames(), host, opsPort);
    ShutdownLatch latch = new ShutdownLatch(running::close);
    out.printf("Monitoring %s: dashboard on http://%s:%d/, metrics on /metrics, health on /health/ready%n",
        config.bootstrapServers(), host, running.port());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }
}
