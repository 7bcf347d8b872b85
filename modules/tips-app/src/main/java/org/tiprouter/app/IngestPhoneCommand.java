package org.tiprouter.app;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.ingest.phone.PhoneIntakeApp;
import org.tiprouter.ingest.phone.PhoneIntakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter ingest phone}: the call-taker API (and the Twilio webhook, when enabled) alone. */
@Command(name = "phone", mixinStandardHelpOptions = true,
    description = "Runs the phone intake alone until Ctrl-C: the call-taker API (POST /api/v1/phone/calls) and, "
        + "when phone.twilio.enabled, the signed Twilio webhook (/phone/twilio/...), storing every call on the phone "
        + "raw topic of an existing cluster. Settings: any intake.* or phone.* key of the tips-ingest-phone README.")
final class IngestPhoneCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Mixin
  IntakeProcess.Options options;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PhoneIntakeConfig config = config();
    PhoneIntakeApp app = new PhoneIntakeApp(config, ContractSerdes.registry(config.registryUrl(), Map.of()));
    IntakeProcess.Intake intake = new IntakeProcess.Intake(app::start, app::port, app.health(), app::close);
    return IntakeProcess.run(spec.commandLine().getOut(), intake, options.opsPort, config, port -> String.format(
        "Phone intake on http://%s:%d/api/v1/phone/calls, storing on %s", config.host(), port,
        config.topicNames().raw(Channel.PHONE)));
  }

  PhoneIntakeConfig config() {
    return new PhoneIntakeConfig(options.apply(new HashMap<>(
        connection.resolve(PhoneIntakeConfig.DEFINITION, TopicFlows.INTAKE_PHONE))));
  }
}
