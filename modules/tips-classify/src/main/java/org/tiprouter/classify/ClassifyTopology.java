package org.tiprouter.classify;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/** canonical tips → classified tips with their jurisdiction decision, plus audit events and dead letters. */
public final class ClassifyTopology {

  private final TopicNames topics;
  private final ContractSerdes serdes;
  private final Clock clock;
  private final String defaultAgency;

  public ClassifyTopology(ClassifyConfig config, ContractSerdes serdes, Clock clock) {
    this(config.topicNames(), config.defaultAgency(), serdes, clock);
  }

  public ClassifyTopology(TopicNames topics, String defaultAgency, ContractSerdes serdes, Clock clock) {
    this.topics = topics;
    this.defaultAgency = defaultAgency;
    this.serdes = serdes;
    this.clock = clock;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    TipClassifier classifier = new TipClassifier(defaultAgency, clock);

    KStream<String, Classified> classified = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, List.of(topics.normalised()), serdes.value(Tip.class).deserializer(),
                classifier.deadLetters(), "classify-tips")
            .mapValues(StageStreams.guarded(classifier.deadLetters(), classifier::classify), Named.as("classify-decide")),
        topics.deadLetters(Stage.CLASSIFY), serdes.value(DeadLetter.class), "classify")
        .map((key, result) -> KeyValue.pair(result.key(), result), Named.as("classify-key-by-tip"));

    classified.mapValues(Classified::classifiedTip, Named.as("classify-result"))
        .to(topics.classified(), Produced.with(Serdes.String(), serdes.value(ClassifiedTip.class)).withName("classify-sink"));
    classified.mapValues(Classified::auditEvent, Named.as("classify-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class)).withName("classify-audit-sink"));
    return builder.build();
  }
}
