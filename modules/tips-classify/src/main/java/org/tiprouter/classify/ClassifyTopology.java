package org.tiprouter.classify;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.classify.resolver.LocationPlacer;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.AgencyTableUpdater;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/**
 * canonical tips → classified tips with their jurisdiction decision, plus audit events and dead
 * letters. The agency directory topic is read into a global table (store
 * {@value #AGENCIES_STORE}, every instance holds all of it), so a directory change applies to the
 * next tip without a restart; a tombstone removes an agency.
 */
public final class ClassifyTopology {

  /** The global store holding the agency directory topic, agency id → Agency bytes. */
  public static final String AGENCIES_STORE = "classify-agencies";

  private final TopicNames topics;
  private final ContractSerdes serdes;
  private final Clock clock;
  private final String fallbackTriageAgency;
  private final ReferenceData reference;

  public ClassifyTopology(ClassifyConfig config, ContractSerdes serdes, Clock clock, ReferenceData reference) {
    this(config.topicNames(), config.defaultAgency(), serdes, clock, reference);
  }

  /**
   * @param fallbackTriageAgency receives every tip while no directory is loaded, and unplaceable
   *     tips when the directory names no triage agency
   */
  public ClassifyTopology(TopicNames topics, String fallbackTriageAgency, ContractSerdes serdes, Clock clock,
      ReferenceData reference) {
    this.topics = topics;
    this.fallbackTriageAgency = fallbackTriageAgency;
    this.serdes = serdes;
    this.clock = clock;
    this.reference = reference;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    TipClassifier classifier = new TipClassifier(clock);
    AgencyDirectoryCache directories = new AgencyDirectoryCache(new LocationPlacer(reference), fallbackTriageAgency,
        serdes.value(Agency.class).deserializer(), topics.agencies());

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AGENCIES_STORE), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled(),
        topics.agencies(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("classify-agencies-source"),
        () -> new AgencyTableUpdater(AGENCIES_STORE, directories::changed));

    KStream<String, Classified> classified = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, List.of(topics.normalised()), serdes.value(Tip.class).deserializer(),
                classifier.deadLetters(), "classify-tips")
            .processValues(() -> new ClassifyProcessor(AGENCIES_STORE, directories, classifier),
                Named.as("classify-decide")),
        topics.deadLetters(Stage.CLASSIFY), serdes.value(DeadLetter.class), "classify")
        .map((key, result) -> KeyValue.pair(result.key(), result), Named.as("classify-key-by-tip"));

    classified.mapValues(Classified::classifiedTip, Named.as("classify-result"))
        .to(topics.classified(), Produced.with(Serdes.String(), serdes.value(ClassifiedTip.class)).withName("classify-sink"));
    classified.mapValues(Classified::auditEvent, Named.as("classify-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class)).withName("classify-audit-sink"));
    return builder.build();
  }
}
