package org.tiprouter.normalise;

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
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/**
 * raw tips of every channel → canonical tips on the normalised topic, their audit events on the
 * audit topic, and anything that cannot be normalised on the normalise dead-letter topic; all of
 * one input record's outputs in one exactly-once transaction.
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

    KStream<String, Normalised> normalised = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, inputs, serdes.value(RawTip.class).deserializer(), normaliser.deadLetters(),
                "normalise-raw")
            .mapValues(StageStreams.guarded(normaliser.deadLetters(), normaliser::normalise), Named.as("normalise-tip")),
        topics.deadLetters(Stage.NORMALISE), serdes.value(DeadLetter.class), "normalise")
        .map((key, result) -> KeyValue.pair(result.key(), result), Named.as("normalise-key-by-tip"));

    normalised.mapValues(Normalised::tip, Named.as("normalise-canonical"))
        .to(topics.normalised(), Produced.with(Serdes.String(), serdes.value(Tip.class)).withName("normalise-sink"));
    normalised.flatMapValues(Normalised::auditEvents, Named.as("normalise-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class)).withName("normalise-audit-sink"));
    return builder.build();
  }
}
