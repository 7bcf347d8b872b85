package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.route.TestTips.MEMPHIS;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.RelatedTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StageOutcome;
import org.tiprouter.core.topics.TopicNames;

/** The collector routes a tip exactly once, when the tip and all its answers are in, whatever their order. */
class RouteCollectorTest {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static final UUID TIP = UUID.fromString("6d0f3c1e-58a2-4b7e-9f14-3a2c8e5d7b90");
  private static final UUID EARLIER_BY_EMAIL = UUID.fromString("0b7e2d4a-91c3-4f58-8a6e-5c1d2f3e4a70");
  private static final UUID EARLIER_BY_PHONE = UUID.fromString("c4a19e2f-7d3b-4e60-b851-9f0e2a6d3c18");

  private MockProcessorContext<String, StageOutcome<Routed>> context;
  private KeyValueStore<String, byte[]> pending;
  private RouteCollector collector;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(Instant.parse("2025-03-14T07:30:02.375Z").toEpochMilli());
    pending = store(RouteCollector.STORE);
    store(RouteTopology.AGENCIES_STORE);
    store(AttachmentDesk.STORE);
    FakeAgencyQueues queues = new FakeAgencyQueues(TOPICS).withAgencies(TestTips.PRIMARY, TestTips.COPY, MEMPHIS);
    TipRouter router = new TipRouter(TOPICS, new DeliveryPlanner(TOPICS, queues, "fallback-desk"),
        Clock.fixed(Instant.parse("2025-03-14T07:30:02.375Z"), ZoneOffset.UTC));
    collector = new RouteCollector(RouteTopology.AGENCIES_STORE, new AgencyRosterCache(
        SERDES.value(org.tiprouter.contract.Agency.class).deserializer(), TOPICS.agencies()), router,
        SERDES.value(ClassifiedTip.class).deserializer(), 50,
        SERDES.value(org.tiprouter.contract.TipAttachment.class).deserializer(), AttachmentSettings.defaults());
    collector.init(context);
  }

  @Test
  void routesOnceTheTipAndBothAnswersArrivedWhenTheTipComesBetweenThem() {
    assertRoutedOnlyAfterTheLast(List.of(answer(0), tip(), answer(1)));
  }

  @Test
  void routesOnceTheTipAndBothAnswersArrivedWhenTheTipComesFirst() {
    assertRoutedOnlyAfterTheLast(List.of(tip(), answer(0), answer(1)));
  }

  @Test
  void routesOnceTheTipAndBothAnswersArrivedWhenTheTipComesLast() {
    assertRoutedOnlyAfterTheLast(List.of(answer(1), answer(0), tip()));
  }

  @Test
  void countsARepeatedAnswerOnce() {
    assertRoutedOnlyAfterTheLast(List.of(answer(0), answer(0), tip(), answer(1)));
  }

  @Test
  void routesATipWithoutIdentifiersAtOnceWithoutStoringIt() {
    collector.process(record(pendingTip(0)));

    assertThat(context.forwarded()).singleElement()
        .satisfies(forwarded -> assertThat(forwarded.record().value().isRejected()).isFalse());
    assertThat(storedKeys()).isEmpty();
  }

  private void assertRoutedOnlyAfterTheLast(List<byte[]> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      collector.process(record(inputs.get(i)));
      if (i < inputs.size() - 1) {
        assertThat(context.forwarded()).as("forwarded after input " + i).isEmpty();
        assertThat(storedKeys()).allMatch(key -> key.startsWith(TIP.toString()));
      }
    }
    assertThat(context.forwarded()).singleElement().satisfies(forwarded -> {
      assertThat(forwarded.record().key()).isEqualTo(TIP.toString());
      Routed routed = forwarded.record().value().value();
      List<RoutedTip> tips = routed.deliveries().stream().map(Delivery::routedTip)
          .filter(tip -> tip.getKind() == RoutedTipKind.TIP).toList();
      assertThat(tips).singleElement().satisfies(tip -> assertThat(tip.getRelated()).extracting(RelatedTip::getTipId)
          .containsExactly(EARLIER_BY_PHONE, EARLIER_BY_EMAIL));
      assertThat(routed.deliveries()).filteredOn(d -> d.routedTip().getKind() == RoutedTipKind.RELATED_TIP)
          .extracting(Delivery::key).containsExactlyInAnyOrder(EARLIER_BY_PHONE.toString(), EARLIER_BY_EMAIL.toString());
    });
    assertThat(storedKeys()).isEmpty();
  }

  private byte[] tip() {
    return pendingTip(2);
  }

  private byte[] pendingTip(int count) {
    ClassifiedTip classified = TestTips.tip(TIP, TestTips.singlePrimary(MEMPHIS));
    byte[] value = SERDES.value(ClassifiedTip.class).serializer().serialize(TOPICS.classified(), classified);
    return new PendingTip(TIP, count, TIP.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), value,
        new DeadLetters.Source(TOPICS.classified(), 1, 42L, Instant.parse("2025-03-14T07:30:02.010Z"))).encode();
  }

  private static byte[] answer(int slot) {
    UUID earlier = slot == 0 ? EARLIER_BY_EMAIL : EARLIER_BY_PHONE;
    long seenAt = Instant.parse("2025-03-1" + (slot + 1) + "T10:00:00Z").toEpochMilli();
    return new LookupResult(TIP, slot, 2, slot == 0 ? IdentifierKind.EMAIL : IdentifierKind.PHONE,
        List.of(new LookupResult.Match(earlier, seenAt, List.of(TestTips.PRIMARY), null))).encode();
  }

  private static Record<String, byte[]> record(byte[] value) {
    return new Record<>(TIP.toString(), value, Instant.parse("2025-03-14T07:30:02.010Z").toEpochMilli());
  }

  private List<String> storedKeys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
    return keys;
  }

  private KeyValueStore<String, byte[]> store(String name) {
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
