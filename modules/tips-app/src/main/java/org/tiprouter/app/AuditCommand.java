package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.audit.AuditChainVerifier;
import org.tiprouter.core.audit.AuditChainVerifier.Break;
import org.tiprouter.core.audit.AuditChainVerifier.StoredEvent;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter audit show|verify}: a tip's chain of custody, and checking it. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Shows and verifies tips' chains of custody on the audit topic.",
    subcommands = {AuditCommand.Show.class, AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Reads the audit topic and what it points to. */
  static final class AuditReader {
    final TopicNames names;
    final KafkaClientConfigs clients;
    final ContractSerdes serdes;

    AuditReader(ConnectionOptions connection) {
      ProvisionCommand.ProvisionConfig config = new ProvisionCommand.ProvisionConfig(
          connection.resolve(ProvisionCommand.ProvisionConfig.DEFINITION));
      this.names = config.topicNames();
      this.clients = new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides());
      this.serdes = ContractSerdes.registry(config.registryUrl(), Map.of());
    }

    List<StoredEvent> events() throws Exception {
      Deserializer<AuditEvent> decoder = serdes.value(AuditEvent.class).deserializer();
      List<StoredEvent> events = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(clients, names.audit(), new StringDeserializer(),
          new ByteArrayDeserializer(), TIMEOUT)) {
        events.add(new StoredEvent(record.topic() + "-" + record.partition() + "@" + record.offset(),
            avroBytes(record.value()), decoder.deserialize(record.topic(), record.value())));
      }
      return events;
    }

    /** Routed tips on the triage topic and every agency queue and urgent lane. */
    List<ConsumerRecord<String, RoutedTip>> routedTips() throws Exception {
      Set<String> topics;
      try (Admin admin = Admin.create(clients.admin("tiprouter-audit"))) {
        topics = admin.listTopics().names().get().stream()
            .filter(name -> name.equals(names.triage()) || names.agencyIdOf(name).isPresent())
            .collect(Collectors.toSet());
      }
      List<ConsumerRecord<String, RoutedTip>> routed = new ArrayList<>();
      for (String topic : topics) {
        routed.addAll(TopicSnapshot.read(clients, topic, new StringDeserializer(),
            serdes.value(RoutedTip.class).deserializer(), TIMEOUT));
      }
      return routed;
    }

    /** The raw record a RECEIVED event names, if still retained. */
    Optional<RawTip> raw(AuditEvent received) throws Exception {
      return TopicSnapshot.readAt(clients, received.getSourceTopic(), received.getSourcePartition(),
          received.getSourceOffset(), new StringDeserializer(), serdes.value(RawTip.class).deserializer(), TIMEOUT)
          .map(ConsumerRecord::value);
    }

    /** The Avro bytes of a stored value: without the 5-byte Confluent wire header. */
    static byte[] avroBytes(byte[] stored) {
      return stored.length > 5 && stored[0] == 0 ? Arrays.copyOfRange(stored, 5, stored.length) : stored;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints one tip's whole history in order.")
  static final class Show implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--tip", required = true, paramLabel = "ID", description = "The tip id.")
    UUID tipId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AuditReader reader = new AuditReader(connection);
      List<StoredEvent> chain = AuditChainVerifier.chains(reader.events()).getOrDefault(tipId, List.of());
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("No audit events for tip " + tipId);
      }
      List<Break> breaks = new AuditChainVerifier().verify(tipId, chain);
      for (StoredEvent stored : chain) {
        AuditEvent event = stored.event();
        out.printf("%s  %-9s %-12s %-40s %s%n", event.getOccurredAt(), event.getStage(), event.getType(),
            describe(event), stored.position());
      }
      out.printf("%d events, chain %s%n", chain.size(), breaks.isEmpty() ? "intact" : "BROKEN: " + breaks.get(0));
      out.flush();
      return breaks.isEmpty() ? 0 : 1;
    }

    private static String describe(AuditEvent event) {
      StringBuilder text = new StringBuilder();
      if (event.getAgencyId() != null) {
        text.append(event.getAgencyId());
        if (event.getRole() != null) {
          text.append(" (").append(event.getRole()).append(')');
        }
        text.append(' ');
      }
      if (event.getDetail() != null) {
        text.append(event.getDetail());
      }
      return text.toString().trim();
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Re-checks chains of custody: every tip's events form one unbroken hash chain, every raw "
          + "payload still hashes to what was recorded at receipt, and every routed tip's audit head is an event "
          + "of its chain. Exits 1 naming the first broken link."})
  static final class Verify implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Scope scope;

    static final class Scope {
      @Option(names = "--tip", paramLabel = "ID", description = "Verify one tip.")
      UUID tipId;

      @Option(names = "--all", description = "Verify every tip on the audit topic.")
      boolean all;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AuditReader reader = new AuditReader(connection);
      Map<UUID, List<StoredEvent>> chains = AuditChainVerifier.chains(reader.events());
      if (scope.tipId != null) {
        if (!chains.containsKey(scope.tipId)) {
          throw new IllegalArgumentException("No audit events for tip " + scope.tipId);
        }
        chains = Map.of(scope.tipId, chains.get(scope.tipId));
      }
      AuditChainVerifier verifier = new AuditChainVerifier();
      List<String> problems = new ArrayList<>();
      int payloads = 0;
      for (Map.Entry<UUID, List<StoredEvent>> chain : chains.entrySet()) {
        verifier.verify(chain.getKey(), chain.getValue()).forEach(found -> problems.add(found.toString()));
        for (StoredEvent stored : chain.getValue()) {
          AuditEvent event = stored.event();
          if (event.getType() == AuditEventType.RECEIVED && event.getSourceTopic() != null) {
            payloads++;
            payloadProblem(reader, event, stored.position()).ifPresent(problems::add);
          }
        }
      }
      int routed = 0;
      for (ConsumerRecord<String, RoutedTip> record : reader.routedTips()) {
        RoutedTip tip = record.value();
        List<StoredEvent> chain = chains.get(tip.getTipId());
        if (chain == null || tip.getAuditHead() == null) {
          continue;
        }
        routed++;
        boolean known = chain.stream().anyMatch(stored -> stored.hash().equals(tip.getAuditHead()));
        if (!known) {
          problems.add("tip " + tip.getTipId() + " at " + record.topic() + "-" + record.partition() + "@" + record.offset()
              + ": the routed tip's audit head is no event of its chain: an audit event was removed or altered");
        }
      }
      out.printf("%d tips, %d events, %d raw payloads and %d routed tips checked%n", chains.size(),
          chains.values().stream().mapToInt(List::size).sum(), payloads, routed);
      if (problems.isEmpty()) {
        out.println("every chain of custody is intact");
        out.flush();
        return 0;
      }
      out.println("BROKEN: " + problems.get(0));
      if (problems.size() > 1) {
        out.println("(" + (problems.size() - 1) + " more problems)");
      }
      out.flush();
      return 1;
    }

    private static Optional<String> payloadProblem(AuditReader reader, AuditEvent received, String position)
        throws Exception {
      String where = received.getSourceTopic() + "-" + received.getSourcePartition() + "@" + received.getSourceOffset();
      Optional<RawTip> raw = reader.raw(received);
      if (raw.isEmpty()) {
        return Optional.of("tip " + received.getTipId() + " at " + position + ": the raw record " + where
            + " is gone (retention or deletion)");
      }
      ByteBuffer payload = raw.get().getPayload();
      String actual = Sha256.hex(payload);
      if (!actual.equals(received.getPayloadSha256()) || !raw.get().getTipId().equals(received.getTipId())) {
        return Optional.of("tip " + received.getTipId() + " at " + position + ": the raw record " + where
            + " no longer matches the payload hash recorded at receipt");
      }
      return Optional.empty();
    }
  }

}
