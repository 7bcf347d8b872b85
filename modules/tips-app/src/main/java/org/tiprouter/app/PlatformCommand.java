package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.LoopbackPorts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter platform}: only the broker and the registry, for stages run as separate processes. */
@Command(name = "platform", mixinStandardHelpOptions = true,
    description = "Runs a real Kafka broker and the schema registry on localhost until Ctrl-C, with every topic "
        + "created and every schema registered, for running stages as separate processes (tiprouter run <stage>).")
final class PlatformCommand implements Callable<Integer> {

  @Mixin
  PlatformOptions platform;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LoopbackPorts.requireFree(platform.kafkaPort, "Kafka", PlatformOptions.KAFKA_PORT);
    LoopbackPorts.requireFree(platform.registryPort, "Schema registry", PlatformOptions.REGISTRY_PORT);
    EmbeddedPlatform embedded = EmbeddedPlatform.start(platform.settings());
    ShutdownLatch latch = new ShutdownLatch(embedded::close);
    try {
      Provisioner.provision(new KafkaClientConfigs(embedded.bootstrapServers(), Map.of()), embedded.registryUrl(),
          TopicNames.defaults(), TopicSettings.brokerDefaults(), List.of(DemoCommand.DEMO_AGENCY));
    } catch (RuntimeException e) {
      latch.release();
      throw e;
    }
    out.printf("Kafka            %s%n", embedded.bootstrapServers());
    out.printf("Schema registry  %s%n", embedded.registryUrl());
    out.printf("Data             %s%n", embedded.dataDir());
    out.println("Run a stage with: ./tiprouter run normalise --bootstrap-server " + embedded.bootstrapServers()
        + " --registry-url " + embedded.registryUrl());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }
}
