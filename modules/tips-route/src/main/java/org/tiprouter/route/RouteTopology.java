package org.tiprouter.route;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.AgencyTableUpdater;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/**
 * classified tips → routed tips on each agency's queue (and urgent lane), or on triage, with
 * their related tips, RELATED_TIP notices to agencies holding earlier related tips, audit events
 * and dead letters. The output topic of each record is chosen per record, and checked first.
 *
 * <p>Correlation needs every tip sharing an identifier on one partition, while tips are keyed by
 * tip id, so the topology has three sub-topologies, each hop an exactly-once transaction:
 * <ol>
 *   <li>prepare (classified topic, by tip id): decode, plan who holds the tip, hash its
 *       identifiers; write one lookup per identifier to {@code route-by-identifier} (key: keyed
 *       hash) and the tip to {@code route-pending-by-tip} (key: tip id);</li>
 *   <li>correlate (by identifier hash): look up and add to the index window store
 *       {@value IdentifierIndex#STORE}; answer on {@code route-results-by-tip} (key: tip id);</li>
 *   <li>route (by tip id): collect the tip and all its answers in {@value RouteCollector#STORE},
 *       then write the routed records and audit events.</li>
 * </ol>
 * The agency directory topic is read into the global store {@value #AGENCIES_STORE}.
 *
 * <p>Files reported after their tip ({@code TipAttachment} on the attachments topic) join the tips
 * on {@code route-pending-by-tip}, so both reach the tip's task whatever the partition counts of the
 * input topics; there route attaches them after the tip's chain head ({@link AttachmentDesk}).
 */
public final class RouteTopology {

  /** The global store holding the agency directory topic, agency id → Agency bytes. */
  public static final String AGENCIES_STORE = "route-agencies";

  private final TopicNames topics;
  private final CorrelationSettings correlation;
  private final String fallbackTriageAgency;
  private final ContractSerdes serdes;
  private final Clock clock;
  private final AgencyQueues queues;
  private final AttachmentSettings attachmentSettings;

  public RouteTopology(RouteConfig config, ContractSerdes serdes, Clock clock, AgencyQueues queues) {
    this(config.topicNames(), config.correlation(), config.attachments(), config.triageAgency(), serdes, clock,
        queues);
  }

  /** With the default {@link AttachmentSettings}. */
  public RouteTopology(TopicNames topics, CorrelationSettings correlation, String fallbackTriageAgency,
      ContractSerdes serdes, Clock clock, AgencyQueues queues) {
    this(topics, correlation, AttachmentSettings.defaults(), fallbackTriageAgency, serdes, clock, queues);
  }

  /**
   * @param fallbackTriageAgency named on triage records route writes while the directory names no
   *     triage agency
   * @param queues tells whether an agency topic exists; asked before every write to one
   */
  public RouteTopology(TopicNames topics, CorrelationSettings correlation, AttachmentSettings attachmentSettings,
      String fallbackTriageAgency, ContractSerdes serdes, Clock clock, AgencyQueues queues) {
    this.attachmentSettings = attachmentSettings;
    this.topics = topics;
    this.correlation = correlation;
    this.fallbackTriageAgency = fallbackTriageAgency;
    this.serdes = serdes;
    this.clock = clock;
    this.queues = queues;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    TipRouter router = new TipRouter(topics, new DeliveryPlanner(topics, queues, fallbackTriageAgency), clock);
    AgencyRosterCache rosters = new AgencyRosterCache(serdes.value(Agency.class).deserializer(), topics.agencies());
    CorrelationKeys keys = new CorrelationKeys(new IdentifierHasher(correlation.key()));
    Deserializer<ClassifiedTip> classifiedTips = serdes.value(ClassifiedTip.class).deserializer();
    Deserializer<TipAttachment> attachments = serdes.value(TipAttachment.class).deserializer();
    int maxRelated = correlation.maxRelated();
    String deadLetterTopic = topics.deadLetters(Stage.ROUTE);
    Serde<DeadLetter> deadLetterSerde = serdes.value(DeadLetter.class);
    Repartitioned<String, byte[]> bytes = Repartitioned.with(Serdes.String(), Serdes.ByteArray());

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AGENCIES_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        topics.agencies(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("route-agencies-source"),
        () -> new AgencyTableUpdater(AGENCIES_STORE, rosters::changed));
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(IdentifierIndex.STORE,
        correlation.window(), Duration.ofMillis(1), true), Serdes.String(), Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RouteCollector.STORE),
        Serdes.String(), Serdes.ByteArray()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AttachmentDesk.STORE),
        Serdes.String(), Serdes.ByteArray()));

    // 1. prepare, on the classified topic's partitions
    KStream<String, Prepared> prepared = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, List.of(topics.classified()), classifiedTips, router.deadLetters(),
                "route-classified")
            .processValues(() -> new RoutePreparer(AGENCIES_STORE, rosters, router, keys, correlation.maxIdentifiers()),
                Named.as("route-prepare")),
        deadLetterTopic, deadLetterSerde, "route-prepare");
    // files reported after their tip, on the attachments topic's partitions: decoded, checked, and
    // sent through the same repartition topic as the tips, so a tip and its files meet on one task
    KStream<String, byte[]> pendingAttachments = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, List.of(topics.attachments()), attachments, router.deadLetters(),
                "route-attachments")
            .mapValues(StageStreams.guarded(router.deadLetters(), received -> keyedByTip(router.deadLetters(), received)),
                Named.as("route-attachment-key")),
        deadLetterTopic, deadLetterSerde, "route-attachment")
        .map((key, received) -> pendingAttachment(received), Named.as("route-key-attachment-by-id"));
    KStream<String, byte[]> pendingTips = prepared
        .map((key, tip) -> KeyValue.pair(tip.tipKey(), tip.pendingTip()), Named.as("route-key-tip-by-id"))
        .merge(pendingAttachments, Named.as("route-pending-inputs"))
        .repartition(bytes.withName("route-pending-by-tip"));

    // 2. correlate, on the partitions of the identifiers' keyed hashes
    KStream<String, byte[]> answers = prepared
        .flatMap((key, tip) -> tip.lookups(), Named.as("route-key-by-identifier"))
        .repartition(bytes.withName("route-by-identifier"))
        .process(() -> new IdentifierIndex(correlation), Named.as("route-correlate"), IdentifierIndex.STORE)
        .repartition(bytes.withName("route-results-by-tip"));

    // 3. collect and route, on the partitions of the tip id
    KStream<String, Routed> routed = StageStreams.deadLetterRejected(
        pendingTips.merge(answers, Named.as("route-collect-inputs"))
            .process(() -> new RouteCollector(AGENCIES_STORE, rosters, router, classifiedTips, maxRelated, attachments,
                attachmentSettings), Named.as("route-decide"), RouteCollector.STORE, AttachmentDesk.STORE),
        deadLetterTopic, deadLetterSerde, "route");

    TopicNameExtractor<String, Delivery> destination = (key, delivery, context) -> delivery.topic();
    routed.flatMap((key, result) -> deliveries(result), Named.as("route-deliveries"))
        .to(destination, Produced.with(Serdes.String(), Delivery.serde(serdes.value(RoutedTip.class)))
            .withName("route-agency-sink"));
    routed.flatMapValues(Routed::auditEvents, Named.as("route-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class))
            .withName("route-audit-sink"));
    return builder.build();
  }

  /** An attachment keyed by anything but its tip id is refused (a missing key is accepted). */
  private static StageOutcome<Received<TipAttachment>> keyedByTip(DeadLetters deadLetters,
      Received<TipAttachment> received) {
    UUID tipId = received.value().getTipId();
    if (received.originalKey() != null
        && !tipId.toString().equals(new String(received.originalKey(), StandardCharsets.UTF_8))) {
      return received.reject(deadLetters, ReasonCode.INVALID_KEY,
          "key is not the tip id", tipId);
    }
    return StageOutcome.success(received);
  }

  /** An attachment keyed by its tip id, as its collector reads it. */
  private static KeyValue<String, byte[]> pendingAttachment(Received<TipAttachment> received) {
    return KeyValue.pair(received.value().getTipId().toString(), PendingAttachment.of(received).encode());
  }

  private static List<KeyValue<String, Delivery>> deliveries(Routed routed) {
    return routed.deliveries().stream().map(delivery -> KeyValue.pair(delivery.key(), delivery)).toList();
  }
}
