package org.tiprouter.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.core.topics.TopicSpec;
import org.tiprouter.platform.EmbeddedKafka;

/** The topic catalogue against a real broker: created once, with its configs, idempotently. */
class TopicProvisionerIT {

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    admin = Admin.create(new KafkaClientConfigs(kafka.bootstrapServers(), Map.of()).admin("provisioner-it"));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void createsEveryTopicWithItsConfigsAndASecondRunCreatesNothing() throws Exception {
    TopicSettings settings = new TopicSettings(2, (short) -1, -1);
    TopicCatalogue catalogue = new TopicCatalogue(new TopicNames("provision.it"), settings);
    List<TopicSpec> wanted = new java.util.ArrayList<>(catalogue.pipelineTopics());
    wanted.addAll(catalogue.agencyTopics("knoxville-pd"));
    TopicProvisioner provisioner = new TopicProvisioner(admin, settings);

    TopicProvisioner.Result first = provisioner.ensure(wanted);
    assertThat(first.created()).hasSize(wanted.size());
    assertThat(first.existing()).isEmpty();

    TopicProvisioner.Result second = provisioner.ensure(wanted);
    assertThat(second.created()).isEmpty();
    assertThat(second.existing()).hasSize(wanted.size());

    String audit = catalogue.names().audit();
    Config auditConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, audit)))
        .all().get().get(new ConfigResource(ConfigResource.Type.TOPIC, audit));
    assertThat(auditConfig.get("retention.ms").value()).isEqualTo("-1");
    assertThat(auditConfig.get("cleanup.policy").value()).isEqualTo("delete");
    String directory = catalogue.names().agencies();
    Config directoryConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, directory)))
        .all().get().get(new ConfigResource(ConfigResource.Type.TOPIC, directory));
    assertThat(directoryConfig.get("cleanup.policy").value()).isEqualTo("compact");
    assertThat(admin.describeTopics(List.of(audit)).allTopicNames().get().get(audit).partitions()).hasSize(2);
  }
}
