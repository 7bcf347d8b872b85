package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter provision}: make a cluster ready for the pipeline. */
@Command(name = "provision", mixinStandardHelpOptions = true,
    description = "Creates every pipeline topic and the queues of the named agencies, and registers every "
        + "contract schema with a BACKWARD compatibility rule. Safe to run again: it changes only what is missing.")
final class ProvisionCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--agency", paramLabel = "ID", description = "An agency whose queue and urgent lane must exist (repeatable).")
  List<String> agencies = new ArrayList<>();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ProvisionConfig config = new ProvisionConfig(connection.resolve(ProvisionConfig.DEFINITION));
    for (String agency : agencies) {
      if (!TopicNames.isValidAgencyId(agency)) {
        throw new IllegalArgumentException("Invalid agency id '" + agency + "': expected ^[a-z0-9][a-z0-9-]{1,47}$");
      }
    }
    Provisioner.Outcome outcome = Provisioner.provision(
        new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()), config.registryUrl(),
        config.topicNames(), config.topicSettings(), agencies);
    outcome.topics().created().forEach(topic -> out.println("created topic " + topic));
    out.printf("%d topics created, %d already present%n", outcome.topics().created().size(),
        outcome.topics().existing().size());
    outcome.schemas().forEach(schema -> out.printf("schema %s version %s (content id %d)%n", schema.artifactId(),
        schema.version(), schema.contentId()));
    out.flush();
    return 0;
  }

  /** The provisioning command needs only the shared settings. */
  static final class ProvisionConfig extends org.tiprouter.core.config.TiprouterConfig {
    static final org.apache.kafka.common.config.ConfigDef DEFINITION = baseConfigDef();

    ProvisionConfig(java.util.Map<?, ?> originals) {
      super(DEFINITION, originals);
    }
  }
}
