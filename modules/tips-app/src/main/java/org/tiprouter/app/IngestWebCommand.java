package org.tiprouter.app;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.ingest.web.WebIntakeApp;
import org.tiprouter.ingest.web.WebIntakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter ingest web}: the public tip form and JSON API alone. */
@Command(name = "web", mixinStandardHelpOptions = true,
    description = "Runs the web intake alone until Ctrl-C: the public tip form (GET /) and the JSON API "
        + "(POST /api/v1/tips), storing every tip on the web raw topic of an existing cluster (create the topics and "
        + "schemas first with 'tiprouter provision'). Settings: any intake.* key of the tips-ingest-web README.")
final class IngestWebCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Mixin
  IntakeProcess.Options options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    WebIntakeConfig config = config();
    WebIntakeApp app = new WebIntakeApp(config, ContractSerdes.registry(config.registryUrl(), Map.of()));
    IntakeProcess.Intake intake = new IntakeProcess.Intake(app::start, app::port, app.health(), app::close);
    return IntakeProcess.run(spec.commandLine().getOut(), intake, options.opsPort, config, port -> String.format(
        "Web intake on http://%s:%d/ (form) and POST /api/v1/tips, storing on %s", config.host(), port,
        config.topicNames().raw(Channel.WEB)));
  }

  WebIntakeConfig config() {
    return new WebIntakeConfig(options.apply(new HashMap<>(
        connection.resolve(WebIntakeConfig.DEFINITION, TopicFlows.INTAKE_WEB))));
  }
}
