package org.tiprouter.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractTypes;
import org.tiprouter.core.serde.SchemaRegistrar;
import org.tiprouter.core.security.SecurityPlan;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicFlows;
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

  /**
   * What {@code tiprouter provision} does.
   *
   * @param agencies agency ids whose queues, users and ACLs must exist (the directory's)
   * @param credentialsFile where new users' passwords go (mode 0600); null when only topics and schemas
   * @param dryRun report what would change, change nothing
   */
  record Request(KafkaClientConfigs clients, String registryUrl, TopicNames names, TopicSettings settings,
      Collection<String> agencies, Path credentialsFile, boolean dryRun) {}

  /** What was (or, in a dry run, would be) done. */
  record Report(List<String> createdTopics, int existingTopics, List<SchemaRegistrar.Registration> schemas,
      SecurityProvisioner.Outcome security) {

    /** Every change, one line each, as printed. */
    List<String> changes() {
      List<String> changes = new ArrayList<>();
      createdTopics.forEach(topic -> changes.add("created topic " + topic));
      changes.addAll(security.changes());
      return changes;
    }
  }

  /** Topics, schemas, users and ACLs for {@code request}; idempotent; nothing changes in a dry run. */
  static Report provision(Request request) {
    TopicCatalogue catalogue = new TopicCatalogue(request.names(), request.settings());
    List<TopicSpec> wanted = new ArrayList<>(catalogue.pipelineTopics());
    new TreeSet<>(request.agencies()).forEach(agency -> wanted.addAll(catalogue.agencyTopics(agency)));
    try (Admin admin = Admin.create(request.clients().admin("tiprouter-provision"))) {
      List<String> created;
      int existing;
      if (request.dryRun()) {
        Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        created = wanted.stream().map(TopicSpec::name).filter(name -> !present.contains(name)).toList();
        existing = wanted.size() - created.size();
      } else {
        TopicProvisioner.Result topics = new TopicProvisioner(admin, request.settings()).ensure(wanted);
        created = topics.created();
        existing = topics.existing().size();
      }
      List<SchemaRegistrar.Registration> schemas = request.dryRun() ? List.of()
          : new SchemaRegistrar(request.registryUrl()).registerAll(ContractTypes.schemas());
      SecurityPlan plan = SecurityPlan.derive(new TopicFlows(request.names()), request.agencies());
      SecurityProvisioner.Outcome security =
          new SecurityProvisioner(admin, request.credentialsFile(), request.dryRun()).apply(plan);
      LOG.info("Provisioned: {} topics created, {} present; {} user/ACL changes{}", created.size(), existing,
          security.changes().size(), request.dryRun() ? " (dry run: nothing changed)" : "");
      return new Report(created, existing, schemas, security);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while provisioning", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Could not list the cluster's topics: " + e.getMessage(), e);
    }
  }

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
