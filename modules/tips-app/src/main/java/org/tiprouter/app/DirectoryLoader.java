package org.tiprouter.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.contract.Agency;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.core.topics.TopicSpec;

/**
 * Publishes a validated directory to the compacted directory topic: agencies that are new or
 * differ from what the topic holds are upserted, agencies the topic holds but the directory no
 * longer lists are tombstoned, all in one transaction (classify reads committed records only, so
 * it never sees half a load). Creates the directory topic and any missing agency queue and urgent
 * lane first. Idempotent: loading the same file again publishes nothing.
 */
final class DirectoryLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoader.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String TRANSACTIONAL_ID = "tiprouter-directory-load";

  /**
   * What a load did.
   *
   * @param version the directory version loaded
   * @param added agencies the topic did not hold
   * @param changed agencies whose entry differs beyond its version
   * @param reversioned agencies whose entry differs only in its directory version
   * @param removed agencies tombstoned
   * @param unchanged how many entries the topic already held exactly
   * @param topics the topics created, and those already there
   */
  record Outcome(String version, List<String> added, List<String> changed, List<String> reversioned,
      List<String> removed, int unchanged, TopicProvisioner.Result topics) {

    boolean published() {
      return !(added.isEmpty() && changed.isEmpty() && reversioned.isEmpty() && removed.isEmpty());
    }
  }

  private final KafkaClientConfigs clients;
  private final ContractSerdes serdes;
  private final TopicNames names;
  private final TopicSettings settings;

  DirectoryLoader(KafkaClientConfigs clients, ContractSerdes serdes, TopicNames names, TopicSettings settings) {
    this.clients = clients;
    this.serdes = serdes;
    this.names = names;
    this.settings = settings;
  }

  Outcome load(AgencyDirectory directory) {
    TopicProvisioner.Result topics = ensureTopics(directory);
    Map<String, Agency> current = currentEntries();
    List<Agency> wanted = directory.toRecords();
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> reversioned = new ArrayList<>();
    List<Agency> upserts = new ArrayList<>();
    int unchanged = 0;
    for (Agency agency : wanted) {
      Agency existing = current.remove(agency.getAgencyId());
      if (agency.equals(existing)) {
        unchanged++;
        continue;
      }
      if (existing == null) {
        added.add(agency.getAgencyId());
      } else if (Agency.newBuilder(existing).setDirectoryVersion(agency.getDirectoryVersion()).build().equals(agency)) {
        reversioned.add(agency.getAgencyId());
      } else {
        changed.add(agency.getAgencyId());
      }
      upserts.add(agency);
    }
    List<String> removed = new ArrayList<>(current.keySet());
    if (!upserts.isEmpty() || !removed.isEmpty()) {
      publish(upserts, removed);
    }
    LOG.info("Directory {} loaded to {}: {} added, {} changed, {} re-versioned, {} removed, {} unchanged",
        directory.version(), names.agencies(), added.size(), changed.size(), reversioned.size(), removed.size(), unchanged);
    return new Outcome(directory.version(), added, changed, reversioned, removed, unchanged, topics);
  }

  private TopicProvisioner.Result ensureTopics(AgencyDirectory directory) {
    TopicCatalogue catalogue = new TopicCatalogue(names, settings);
    List<TopicSpec> specs = new ArrayList<>(catalogue.pipelineTopics().stream()
        .filter(spec -> spec.name().equals(names.agencies())).toList());
    directory.agencies().keySet().forEach(id -> specs.addAll(catalogue.agencyTopics(id)));
    try (Admin admin = Admin.create(clients.admin("tiprouter-directory-load"))) {
      return new TopicProvisioner(admin, settings).ensure(specs);
    }
  }

  /** The directory topic's current entries: the latest value of each key, tombstones removing it. */
  private Map<String, Agency> currentEntries() {
    List<ConsumerRecord<String, byte[]>> records;
    try {
      records = TopicSnapshot.read(clients, names.agencies(), new StringDeserializer(), new ByteArrayDeserializer(),
          TIMEOUT);
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    Deserializer<Agency> deserializer = serdes.value(Agency.class).deserializer();
    Map<String, Agency> latest = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.key() == null) {
        continue;
      }
      if (record.value() == null) {
        latest.remove(record.key());
        continue;
      }
      Agency agency;
      try {
        agency = deserializer.deserialize(names.agencies(), record.value());
      } catch (RuntimeException e) {
        LOG.warn("Undecodable entry for {} at {}-{}@{}: it will be replaced", record.key(), record.topic(),
            record.partition(), record.offset());
        agency = null;
      }
      // An undecodable entry stays as a placeholder that equals nothing, so it is replaced or removed.
      latest.put(record.key(), Objects.requireNonNullElse(agency, Agency.newBuilder().setAgencyId(record.key())
          .setName("").setService("").setDirectoryVersion("undecodable").build()));
    }
    return latest;
  }

  private void publish(List<Agency> upserts, List<String> removed) {
    Map<String, Object> props = clients.producer("tiprouter-directory-load");
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
    Serializer<Agency> serializer = serdes.value(Agency.class).serializer();
    String topic = names.agencies();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (Agency agency : upserts) {
        producer.send(new ProducerRecord<>(topic, agency.getAgencyId(), serializer.serialize(topic, agency)));
      }
      for (String id : removed) {
        producer.send(new ProducerRecord<>(topic, id, null));
      }
      producer.commitTransaction();
    }
  }
}
