package org.tiprouter.route;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StageStreams;
import org.tiprouter.core.topics.TopicNames;

/**
 * classified tips → routed tips on each agency's queue (and urgent lane), or on triage; plus audit
 * events and dead letters. The output topic of each routed tip is chosen per record.
 */
public final class RouteTopology {

  private final TopicNames topics;
  private final ContractSerdes serdes;
  private final Clock clock;

  public RouteTopology(RouteConfig config, ContractSerdes serdes, Clock clock) {
    this(config.topicNames(), serdes, clock);
  }

  public RouteTopology(TopicNames topics, ContractSerdes serdes, Clock clock) {
    this.topics = topics;
    this.serdes = serdes;
    this.clock = clock;
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    TipRouter router = new TipRouter(topics, clock);

    KStream<String, Routed> routed = StageStreams.deadLetterRejected(
        StageStreams.decode(builder, List.of(topics.classified()), serdes.value(ClassifiedTip.class).deserializer(),
                router.deadLetters(), "route-classified")
            .mapValues(StageStreams.guarded(router.deadLetters(), router::route), Named.as("route-decide")),
        topics.deadLetters(Stage.ROUTE), serdes.value(DeadLetter.class), "route")
        .map((key, result) -> KeyValue.pair(result.key(), result), Named.as("route-key-by-tip"));

    TopicNameExtractor<String, Delivery> destination = (key, delivery, context) -> delivery.topic();
    routed.flatMapValues(Routed::deliveries, Named.as("route-deliveries"))
        .to(destination, Produced.with(Serdes.String(), Delivery.serde(serdes.value(RoutedTip.class)))
            .withName("route-agency-sink"));
    routed.flatMapValues(Routed::auditEvents, Named.as("route-audit"))
        .to(topics.audit(), Produced.with(Serdes.String(), serdes.value(AuditEvent.class)).withName("route-audit-sink"));
    return builder.build();
  }
}
