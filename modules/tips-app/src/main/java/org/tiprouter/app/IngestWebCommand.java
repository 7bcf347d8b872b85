package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.ingest.web.WebIntakeApp;
import org.tiprouter.ingest.web.WebIntakeConfig;
import org.tiprouter.ops.OpsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter ingest web}: the public tip form and JSON API alone. */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "Runs the web intake alone until Ctrl-C: the public tip form (GET /) and the JSON API "
        + "(POST /api/v1/tips), storing every tip on the web raw topic of an existing cluster (create the topics and "
        + "schemas first with 'tiprouter provision'). Settings: any intake.* key of the tips-ingest-web README.")
final class IngestWebCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--intake-port", description = "Port of the form and API (default: 8080, or intake.port).")
  Integer intakePort;

  @Option(names = "--host", description = "Interface to listen on (default: 127.0.0.1, or intake.host). "
      + "Put a TLS-terminating proxy in front of it in production.")
  String host;

  @Option(names = "--ops-port", defaultValue = "0",
      description = "Port of this process's /health endpoints on 127.0.0.1 (default: a free port).")
  int opsPort;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    WebIntakeConfig config = config();
    WebIntakeApp intake = new WebIntakeApp(config, ContractSerdes.registry(config.registryUrl(), Map.of()));
    OpsServer ops = new OpsServer("127.0.0.1", opsPort).register(intake.health());
    ShutdownLatch latch = new ShutdownLatch(() -> {
      intake.close();
      ops.close();
    });
    try {
      intake.start();
      ops.start();
    } catch (RuntimeException e) {
      latch.release();
      throw e;
    }
    out.printf("Web intake on http://%s:%d/ (form) and POST /api/v1/tips, writing %s on %s; health on "
        + "http://127.0.0.1:%d/health/ready%n", config.host(), intake.port(), config.topicNames().raw(Channel.WEB),
        config.bootstrapServers(), ops.port());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }

  WebIntakeConfig config() {
    Map<String, Object> settings = new HashMap<>(connection.resolve(WebIntakeConfig.DEFINITION, org.tiprouter.core.topics.TopicFlows.INTAKE_WEB));
    if (intakePort != null) {
      settings.put(WebIntakeConfig.PORT, intakePort);
    }
    if (host != null) {
      settings.put(WebIntakeConfig.HOST, host);
    }
    return new WebIntakeConfig(settings);
  }
}
