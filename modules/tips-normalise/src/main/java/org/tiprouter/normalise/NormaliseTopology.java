package org.tiprouter.normalise;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/**
 * raw tips of every channel → canonical tips on the normalised topic, their audit events on the
 * audit topic, files reported after their tip (CyberTipline fileDetails) on the attachments topic,
 * and anything that cannot be normalised on the normalise dead-letter topic.
 *
 * <p>Custody is checked on the raw topics' partitions; records that pass are re-keyed by channel
 * and payload hash through an internal repartition topic, so that the same payload sent twice is
 * recognised as a duplicate wherever its copies landed. Every hop is exactly once.
 */
public final class NormaliseTopology {

  private final TopicNames topics;
  private final ContractSerdes serdes;
  private final Clock clock;

  public NormaliseTopology(NormaliseConfig config, ContractSerdes serdes, Clock clock) {
    this(config.topicNames(), serdes, clock);
  }

  public NormaliseTopology(TopicNames topics, ContractSerdes serdes, Clock clock) {
    this.topics = topics;
    this.serdes = serdes;
    this.clock = clock;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    RawTipNormaliser normaliser = new RawTipNormaliser(topics, clock);
    List<String> inputs = List.of(topics.raw(Channel.WEB), topics.raw(Channel.PHONE), topics.raw(Channel.CYBERTIPLINE));

    String deadLetterTopic = topics.deadLetters(Stage.NORMALISE);
    Serde<DeadLetter> deadLetterSerde = serdes.value(DeadLetter.class);
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DuplicateFilter.STORE,
        DuplicateFilter.WINDOW.plusDays(1), Duration.ofMillis(1), false), Serdes.String(), Serdes.String()));

    // 1. decode and check custody on the raw topics' partitions (keyed by tip id)
    KStream<String, Received<RawTip>> checked = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, inputs, serdes.value(RawTip.class).deserializer(), normaliser.deadLetters(),
                "normalise-raw")
            .mapValues(StageStreams.guarded(normaliser.deadLetters(), normaliser::checkCustody),
                Named.as("normalise-custody")),
        deadLetterTopic, deadLetterSerde, "normalise-custody");

    // 2. identical payloads of a channel meet on one partition, where duplicates are recognised
    KStream<String, Normalised> normalised = StageStreams.deadLetterRejected(
        checked.process(PayloadKeying::new, Named.as("normalise-key-by-payload"))
            .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("normalise-by-payload"))
            .process(() -> new DuplicateFilter(normaliser, serdes.value(RawTip.class).deserializer()),
                Named.as("normalise-deduplicate"), DuplicateFilter.STORE),
        deadLetterTopic, deadLetterSerde, "normalise")
        .map((key, result) -> KeyValue.pair(result.key(), result), Named.as("normalise-key-by-tip"));

    normalised.filter((key, result) -> result.isTip(), Named.as("normalise-first-of-payload"))
        .mapValues(Normalised::tip, Named.as("normalise-canonical"))
        .to(topics.normalised(), Produced.with(Serdes.String(), serdes.value(Tip.class)).withName("normalise-sink"));
    normalised.filter((key, result) -> result.isAttachment(), Named.as("normalise-attachments"))
        .mapValues(Normalised::attachment, Named.as("normalise-attachment"))
        .to(topics.attachments(), Produced.with(Serdes.String(), serdes.value(TipAttachment.class))
            .withName("normalise-attachment-sink"));
    normalised.flatMapValues(Normalised::auditEvents, Named.as("normalise-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class)).withName("normalise-audit-sink"));
    return builder.build();
  }
}
