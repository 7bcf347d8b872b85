package org.tiprouter.app;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeApp;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter ingest cybertipline}: the CyberTipline report endpoints alone. */
@Command(name = "cybertipline", mixinStandardHelpOptions = true,
    description = "Runs the CyberTipline intake alone until Ctrl-C: POST /cybertipline/submit (report) and "
        + "/cybertipline/fileinfo (fileDetails), storing every document on the CyberTipline raw topic of an existing "
        + "cluster. Settings: any intake.* or cybertipline.* key of the tips-ingest-cybertipline README.")
final class IngestCyberTiplineCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Mixin
  IntakeProcess.Options options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CyberTiplineIntakeConfig config = config();
    CyberTiplineIntakeApp app = new CyberTiplineIntakeApp(config,
        ContractSerdes.registry(config.registryUrl(), Map.of()));
    IntakeProcess.Intake intake = new IntakeProcess.Intake(app::start, app::port, app.health(), app::close);
    return IntakeProcess.run(spec.commandLine().getOut(), intake, options.opsPort, config, port -> String.format(
        "CyberTipline intake on http://%s:%d/cybertipline/submit and /cybertipline/fileinfo, storing on %s",
        config.host(), port, config.topicNames().raw(Channel.CYBERTIPLINE)));
  }

  CyberTiplineIntakeConfig config() {
    return new CyberTiplineIntakeConfig(options.apply(new HashMap<>(
        connection.resolve(CyberTiplineIntakeConfig.DEFINITION, TopicFlows.INTAKE_CYBERTIPLINE))));
  }
}
