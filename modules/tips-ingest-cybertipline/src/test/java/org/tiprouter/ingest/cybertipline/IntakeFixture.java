package org.tiprouter.ingest.cybertipline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;

/**
 * One isolated CyberTipline intake on a real broker: its own topic prefix (so tests sharing a
 * broker never see each other's records), its two topics created, and readers for them.
 * Registry-free serdes: the registry is covered elsewhere and is not what these tests are about.
 */
final class IntakeFixture {

  static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  final String bootstrapServers;
  final TopicNames topics;

  IntakeFixture(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.topics = new TopicNames("ct" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid());
    KafkaClientConfigs clients = clients();
    try (Admin admin = Admin.create(clients.admin("cybertipline-it"))) {
      List<String> needed = List.of(topics.raw(Channel.CYBERTIPLINE), topics.deadLetters(Stage.INGEST));
      new TopicProvisioner(admin, TopicSettings.brokerDefaults()).ensure(
          new TopicCatalogue(topics, TopicSettings.brokerDefaults()).pipelineTopics().stream()
              .filter(spec -> needed.contains(spec.name())).toList());
    }
  }

  /** The intake's settings for this fixture's topics, with any extra ones. */
  CyberTiplineIntakeConfig config(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(CyberTiplineIntakeConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(CyberTiplineIntakeConfig.TOPICS_PREFIX, topics.prefix());
    settings.put(CyberTiplineIntakeConfig.PORT, 0);
    settings.put(CyberTiplineIntakeConfig.ACK_TIMEOUT_MS, 3000);
    settings.putAll(extra);
    return new CyberTiplineIntakeConfig(settings);
  }

  CyberTiplineIntakeApp app(Map<String, Object> extra) {
    return new CyberTiplineIntakeApp(config(extra), SERDES);
  }

  KafkaClientConfigs clients() {
    return new KafkaClientConfigs(bootstrapServers, Map.of());
  }

  /** Every committed raw CyberTipline record. */
  List<ConsumerRecord<String, RawTip>> rawTips() throws TimeoutException {
    return TopicSnapshot.read(clients(), topics.raw(Channel.CYBERTIPLINE), new StringDeserializer(),
        SERDES.value(RawTip.class).deserializer(), Duration.ofSeconds(30));
  }

  /** Every committed dead letter of the ingest stage. */
  List<DeadLetter> deadLetters() throws TimeoutException {
    return TopicSnapshot.read(clients(), topics.deadLetters(Stage.INGEST), new ByteArrayDeserializer(),
        SERDES.value(DeadLetter.class).deserializer(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value).toList();
  }

  /** A test resource under {@code cybertipline/}. */
  static byte[] document(String name) {
    try (InputStream in = IntakeFixture.class.getResourceAsStream("/cybertipline/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource cybertipline/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fileDetails document for {@code reportId}. */
  static byte[] fileDetails(String reportId) {
    return new String(document("file-details.xml.template"), StandardCharsets.UTF_8).replace("REPORT_ID", reportId)
        .getBytes(StandardCharsets.UTF_8);
  }
}
