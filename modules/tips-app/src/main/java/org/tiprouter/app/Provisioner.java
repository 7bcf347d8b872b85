package org.tiprouter.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractTypes;
import org.tiprouter.core.serde.SchemaRegistrar;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.core.topics.TopicSpec;

/**
 * Makes a cluster ready for the pipeline: every pipeline topic and the given agencies' queues
 * exist, and every contract schema is registered with its compatibility rule. Idempotent.
 */
final class Provisioner {

  private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

  private Provisioner() {}

  /** What was done. */
  record Outcome(TopicProvisioner.Result topics, List<SchemaRegistrar.Registration> schemas) {}

  static Outcome provision(KafkaClientConfigs clients, String registryUrl, TopicNames names, TopicSettings settings,
      Collection<String> agencies) {
    TopicCatalogue catalogue = new TopicCatalogue(names, settings);
    List<TopicSpec> wanted = new ArrayList<>(catalogue.pipelineTopics());
    agencies.forEach(agency -> wanted.addAll(catalogue.agencyTopics(agency)));
    TopicProvisioner.Result topics;
    try (Admin admin = Admin.create(clients.admin("tiprouter-provision"))) {
      topics = new TopicProvisioner(admin, settings).ensure(wanted);
    }
    LOG.info("Topics: {} created, {} already present", topics.created().size(), topics.existing().size());
    List<SchemaRegistrar.Registration> schemas = new SchemaRegistrar(registryUrl).registerAll(ContractTypes.schemas());
    return new Outcome(topics, schemas);
  }

}
