package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/**
 * Phase 2, on the partition of the tip id: collects a tip ({@link PendingTip}) and the answers to
 * its lookups ({@link LookupResult}), which arrive in any order, and routes the tip with its related
 * tips once all are in. Until then they wait in the changelogged store {@value #STORE}, keyed by
 * tip id only: {@code <tipId>} holds the progress, {@code <tipId>/t} the tip and
 * {@code <tipId>/r/<slot>} each answer; all are deleted when the tip is routed. Under
 * {@code exactly_once_v2} every answer a tip waits for arrives (its lookups were written in the
 * transaction that wrote the tip), so the store holds only tips in flight.
 *
 * <p>The directory and the queues are checked again here, right before writing: no topic is
 * written without being checked.
 *
 * <p>Files reported after their tip ({@link PendingAttachment}) reach the same task and are handed to
 * the {@link AttachmentDesk}: attached at once when the tip was routed, else held until it is; a
 * wall-clock punctuation dead-letters those held too long.
 */
final class RouteCollector implements Processor<String, byte[], String, StageOutcome<Routed>> {

  static final String STORE = "route-pending";

  private final String agenciesStore;
  private final AgencyRosterCache rosters;
  private final TipRouter router;
  private final Deserializer<ClassifiedTip> classifiedTips;
  private final int maxRelated;
  private final Deserializer<TipAttachment> attachments;
  private final AttachmentSettings attachmentSettings;
  private ProcessorContext<String, StageOutcome<Routed>> context;
  private KeyValueStore<String, byte[]> pending;
  private ReadOnlyKeyValueStore<String, byte[]> agencies;
  private AttachmentDesk desk;

  RouteCollector(String agenciesStore, AgencyRosterCache rosters, TipRouter router,
      Deserializer<ClassifiedTip> classifiedTips, int maxRelated, Deserializer<TipAttachment> attachments,
      AttachmentSettings attachmentSettings) {
    this.agenciesStore = agenciesStore;
    this.rosters = rosters;
    this.router = router;
    this.classifiedTips = classifiedTips;
    this.maxRelated = maxRelated;
    this.attachments = attachments;
    this.attachmentSettings = attachmentSettings;
  }

  @Override
  public void init(ProcessorContext<String, StageOutcome<Routed>> context) {
    this.context = context;
    this.pending = context.getStateStore(STORE);
    this.agencies = context.getStateStore(agenciesStore);
    this.desk = new AttachmentDesk(router, attachments, attachmentSettings, context.getStateStore(AttachmentDesk.STORE));
    context.schedule(attachmentSettings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireAttachments);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    CollectorInput input = CollectorInput.decode(record.value());
    String tip = input.tipId().toString();
    if (input instanceof PendingAttachment attachment) {
      forwardAll(record.withKey(tip), desk.arrived(attachment, roster(), context.currentSystemTimeMs()));
      return;
    }
    if (input instanceof PendingTip alone && alone.count() == 0) {
      forwardRouted(record.withKey(tip), route(alone, List.of()));
      return;
    }
    String slotKey = input instanceof LookupResult result ? tip + "/r/" + result.slot() : tip + "/t";
    if (pending.get(slotKey) != null) {
      return;
    }
    Progress progress = Progress.decode(pending.get(tip)).with(input);
    if (!progress.complete()) {
      pending.put(slotKey, input.encode());
      pending.put(tip, progress.encode());
      return;
    }
    PendingTip pendingTip = input instanceof PendingTip arrived ? arrived : null;
    List<LookupResult> results = new ArrayList<>();
    if (input instanceof LookupResult result) {
      results.add(result);
    }
    for (KeyValue<String, byte[]> stored : takeAll(tip)) {
      CollectorInput earlier = CollectorInput.decode(stored.value);
      if (earlier instanceof PendingTip arrived) {
        pendingTip = arrived;
      } else {
        results.add((LookupResult) earlier);
      }
    }
    forwardRouted(record.withKey(tip), route(pendingTip, results));
  }

  /** Forwards a tip's routing and, once it is routed, the attachments that waited for it. */
  private void forwardRouted(Record<String, byte[]> record, StageOutcome<Routed> outcome) {
    context.forward(record.withValue(outcome));
    if (!outcome.isRejected()) {
      forwardAll(record, desk.routed(outcome.value(), roster(), context.currentSystemTimeMs()));
    }
  }

  private void forwardAll(Record<String, byte[]> record, List<StageOutcome<Routed>> outcomes) {
    outcomes.forEach(outcome -> context.forward(record.withValue(outcome)));
  }

  private void expireAttachments(long now) {
    for (StageOutcome<Routed> expired : desk.expire(now)) {
      String key = expired.deadLetter().getTipId() == null ? null : expired.deadLetter().getTipId().toString();
      context.forward(new Record<>(key, expired, now));
    }
  }

  private AgencyRoster roster() {
    return rosters.roster(agencies);
  }

  /** Everything stored under {@code <tipId>/}, deleted from the store, and the progress entry. */
  private List<KeyValue<String, byte[]>> takeAll(String tip) {
    List<KeyValue<String, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> stored = pending.prefixScan(tip + "/", new StringSerializer())) {
      stored.forEachRemaining(entries::add);
    }
    entries.forEach(entry -> pending.delete(entry.key));
    pending.delete(tip);
    return entries;
  }

  private StageOutcome<Routed> route(PendingTip tip, List<LookupResult> results) {
    Received<ClassifiedTip> received;
    try {
      ClassifiedTip classified = classifiedTips.deserialize(tip.source().topic(), tip.originalValue());
      received = new Received<>(classified, tip.source(), tip.originalKey(), tip.originalValue());
    } catch (RuntimeException e) {
      return StageOutcome.rejected(router.deadLetters().create(ReasonCode.PROCESSING_FAILED, e.getClass().getName(),
          tip.tipId(), tip.source(), tip.originalKey(), tip.originalValue(), Map.of()));
    }
    return RouteGuard.run(router.deadLetters(), received, arrived -> {
      AgencyRoster roster = roster();
      ClassifiedTip classified = arrived.value();
      DeliveryPlan plan = router.planner().plan(classified, roster);
      List<RelatedTips.Link> links = RelatedTips.merge(tip.tipId(), results, maxRelated);
      return StageOutcome.success(router.route(classified, plan, links, roster));
    });
  }

  /**
   * How far a tip's collection is: how many answers it waits for (-1 until known), how many
   * arrived, and whether the tip itself arrived.
   */
  record Progress(int expected, int results, boolean tipArrived) {

    static final byte TYPE = 'P';
    static final Progress NONE = new Progress(-1, 0, false);

    static Progress decode(byte[] bytes) {
      if (bytes == null) {
        return NONE;
      }
      Wire.Reader in = new Wire.Reader(bytes, TYPE);
      return new Progress(in.integer(), in.integer(), in.bool());
    }

    byte[] encode() {
      return new Wire.Writer(TYPE).integer(expected).integer(results).bool(tipArrived).toByteArray();
    }

    Progress with(CollectorInput input) {
      return input instanceof PendingTip ? new Progress(input.count(), results, true)
          : new Progress(input.count(), results + 1, tipArrived);
    }

    boolean complete() {
      return tipArrived && results >= expected;
    }
  }
}
