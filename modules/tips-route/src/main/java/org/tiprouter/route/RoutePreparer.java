package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/**
 * Phase 0, on the classified topic's partitions: plans where the tip goes (so the index can say
 * who holds it), turns its identifiers into correlation keys, and prepares one lookup per key
 * plus the pending tip its collector routes once every lookup has answered.
 */
final class RoutePreparer
    implements FixedKeyProcessor<String, StageOutcome<Received<ClassifiedTip>>, StageOutcome<Prepared>> {

  private static final Logger LOG = LoggerFactory.getLogger(RoutePreparer.class);

  private final String agenciesStore;
  private final AgencyRosterCache rosters;
  private final TipRouter router;
  private final CorrelationKeys correlationKeys;
  private final int maxIdentifiers;
  private FixedKeyProcessorContext<String, StageOutcome<Prepared>> context;
  private ReadOnlyKeyValueStore<String, byte[]> agencies;

  RoutePreparer(String agenciesStore, AgencyRosterCache rosters, TipRouter router, CorrelationKeys correlationKeys,
      int maxIdentifiers) {
    this.agenciesStore = agenciesStore;
    this.rosters = rosters;
    this.router = router;
    this.correlationKeys = correlationKeys;
    this.maxIdentifiers = maxIdentifiers;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, StageOutcome<Prepared>> context) {
    this.context = context;
    this.agencies = context.getStateStore(agenciesStore);
  }

  @Override
  public void process(FixedKeyRecord<String, StageOutcome<Received<ClassifiedTip>>> record) {
    StageOutcome<Prepared> outcome = record.value()
        .then(received -> RouteGuard.run(router.deadLetters(), received, this::prepare));
    context.forward(record.withValue(outcome));
  }

  private StageOutcome<Prepared> prepare(Received<ClassifiedTip> received) {
    ClassifiedTip classified = received.value();
    UUID tipId = classified.getTip().getTipId();
    DeliveryPlan plan = router.planner().plan(classified, rosters.roster(agencies));
    List<CorrelationKey> keys = correlationKeys.of(classified.getTip());
    if (keys.size() > maxIdentifiers) {
      LOG.warn("Tip {} has {} correlation keys; only the first {} are correlated", tipId, keys.size(), maxIdentifiers);
      keys = keys.subList(0, maxIdentifiers);
    }
    List<KeyValue<String, byte[]>> lookups = new ArrayList<>(keys.size());
    for (int slot = 0; slot < keys.size(); slot++) {
      CorrelationKey key = keys.get(slot);
      lookups.add(KeyValue.pair(key.hash(), new Lookup(tipId, slot, keys.size(), key.kind(), key.capturedAt(),
          plan.queueHolders(), plan.triageHolder()).encode()));
    }
    byte[] pending = new PendingTip(tipId, keys.size(), received.originalKey(), received.originalValue(),
        received.source()).encode();
    return StageOutcome.success(new Prepared(tipId.toString(), pending, lookups));
  }
}
