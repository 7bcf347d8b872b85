package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/**
 * Attaches files reported after their tip, on the partition of the tip id, in the changelogged
 * store {@value #STORE} (keys hold tip ids, times and payload hashes only):
 * <ul>
 *   <li>{@code t/<tipId>}: the tip's {@link TipCustody} (chain head, holders, external ids),
 *       written whenever route routes the tip and kept for the custody retention;</li>
 *   <li>{@code x/<expiry millis>/<tipId>}: when that entry expires, so expiry reads only what is due;</li>
 *   <li>{@code h/<tipId>/<arrival millis>/<partition>-<offset>}: an attachment that arrived before
 *       its tip was routed (they travel on different topics and race), held until the tip is routed
 *       or, after the wait, dead-lettered as {@code ATTACHMENT_TIP_UNKNOWN}.</li>
 * </ul>
 * An attachment is delivered once per raw payload; the same payload again leaves a DUPLICATE event.
 * It must name an external id of its tip (its report), else it is dead-lettered as
 * {@code REPORT_MISMATCH}. Everything for one input is written in one exactly-once transaction.
 */
final class AttachmentDesk {

  static final String STORE = "route-attachments";
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentDesk.class);
  private static final String CUSTODY = "t/";
  private static final String EXPIRY = "x/";
  private static final String HELD = "h/";

  private final TipRouter router;
  private final Deserializer<TipAttachment> attachments;
  private final AttachmentSettings settings;
  private final KeyValueStore<String, byte[]> store;

  AttachmentDesk(TipRouter router, Deserializer<TipAttachment> attachments, AttachmentSettings settings,
      KeyValueStore<String, byte[]> store) {
    this.router = router;
    this.attachments = attachments;
    this.settings = settings;
    this.store = store;
  }

  /**
   * An attachment arrived: attached now when its tip was routed, else held (no output yet).
   *
   * @param now wall-clock time, epoch millis
   */
  List<StageOutcome<Routed>> arrived(PendingAttachment pending, AgencyRoster roster, long now) {
    String tip = pending.tipId().toString();
    if (store.get(CUSTODY + tip) == null) {
      store.put(HELD + tip + "/" + millis(now) + "/" + position(pending), new Wire.Writer(HeldEntry.TYPE)
          .longValue(now).bytes(pending.encode()).toByteArray());
      LOG.info("Attachment for tip {} held until the tip is routed ({}-{}@{})", tip, pending.source().topic(),
          pending.source().partition(), pending.source().offset());
      return List.of();
    }
    return List.of(attach(pending, roster));
  }

  /**
   * The tip was routed: remember its custody and attach what waited for it, in arrival order.
   *
   * @param now wall-clock time, epoch millis
   */
  List<StageOutcome<Routed>> routed(Routed routed, AgencyRoster roster, long now) {
    String tip = routed.key();
    TipCustody custody = TipCustody.afterRouting(routed, now, TipCustody.decode(store.get(CUSTODY + tip)));
    store.put(CUSTODY + tip, custody.encode());
    store.put(EXPIRY + millis(now + settings.custodyRetention().toMillis()) + "/" + tip, new byte[0]);
    List<StageOutcome<Routed>> released = new ArrayList<>();
    for (KeyValue<String, byte[]> held : takeAll(HELD + tip + "/")) {
      released.add(attach(HeldEntry.decode(held.value).pending(), roster));
    }
    return released;
  }

  /**
   * Dead-letters attachments held longer than the wait and forgets custody past its retention.
   *
   * @param now wall-clock time, epoch millis
   */
  List<StageOutcome<Routed>> expire(long now) {
    List<StageOutcome<Routed>> expired = new ArrayList<>();
    List<String> due = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> held = store.prefixScan(HELD, new StringSerializer())) {
      while (held.hasNext()) {
        KeyValue<String, byte[]> entry = held.next();
        HeldEntry waiting = HeldEntry.decode(entry.value);
        if (now - waiting.arrivedAt() >= settings.holdFor().toMillis()) {
          due.add(entry.key);
          expired.add(unknownTip(waiting.pending()));
        }
      }
    }
    due.forEach(store::delete);
    List<String> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> expiries = store.prefixScan(EXPIRY, new StringSerializer())) {
      while (expiries.hasNext()) {
        String key = expiries.next().key;
        String[] parts = key.split("/");
        if (Long.parseLong(parts[1]) > now) {
          break;
        }
        forgotten.add(key);
      }
    }
    for (String key : forgotten) {
      store.delete(key);
      String tip = key.substring(key.lastIndexOf('/') + 1);
      TipCustody custody = TipCustody.decode(store.get(CUSTODY + tip));
      if (custody != null && custody.routedAt() + settings.custodyRetention().toMillis() <= now) {
        store.delete(CUSTODY + tip);
      }
    }
    return expired;
  }

  private StageOutcome<Routed> attach(PendingAttachment pending, AgencyRoster roster) {
    Received<TipAttachment> received;
    try {
      received = new Received<>(attachments.deserialize(pending.source().topic(), pending.originalValue()),
          pending.source(), pending.originalKey(), pending.originalValue());
    } catch (RuntimeException e) {
      return StageOutcome.rejected(router.deadLetters().create(ReasonCode.PROCESSING_FAILED, e.getClass().getName(),
          pending.tipId(), pending.source(), pending.originalKey(), pending.originalValue(), Map.of()));
    }
    return RouteGuard.run(router.deadLetters(), received, arrived -> attach(arrived, roster));
  }

  private StageOutcome<Routed> attach(Received<TipAttachment> received, AgencyRoster roster) {
    TipAttachment attachment = received.value();
    String tip = attachment.getTipId().toString();
    TipCustody custody = TipCustody.decode(store.get(CUSTODY + tip));
    if (!custody.carries(attachment.getReportExternalId())) {
      LOG.warn("Attachment for tip {} names a report the tip does not carry ({})", tip, ReasonCode.REPORT_MISMATCH);
      return received.reject(router.deadLetters(), ReasonCode.REPORT_MISMATCH,
          "the tip carries no external id of kind " + attachment.getReportExternalId().getKind()
              + " with the attachment's value", attachment.getTipId());
    }
    String payload = attachment.getProvenance().getPayloadSha256();
    boolean repeated = custody.delivered(payload);
    Routed routed = repeated ? router.repeat(attachment, custody, received.source())
        : router.attach(attachment, custody, received.source(), roster);
    List<AuditEvent> events = routed.auditEvents();
    String head = AuditTrail.hash(events.get(events.size() - 1));
    store.put(CUSTODY + tip, custody.after(head, repeated ? null : payload).encode());
    LOG.info("Attachment for tip {} {} ({} records)", tip, repeated ? "repeated: recorded as a duplicate" : "attached",
        routed.deliveries().size());
    return StageOutcome.success(routed);
  }

  private StageOutcome<Routed> unknownTip(PendingAttachment pending) {
    LOG.warn("Attachment for tip {} dead-lettered: the tip was not routed within {} ({})", pending.tipId(),
        settings.holdFor(), ReasonCode.ATTACHMENT_TIP_UNKNOWN);
    return StageOutcome.rejected(router.deadLetters().create(ReasonCode.ATTACHMENT_TIP_UNKNOWN,
        "no tip " + pending.tipId() + " was routed within " + settings.holdFor() + " of the attachment's arrival",
        pending.tipId(), pending.source(), pending.originalKey(), pending.originalValue(), Map.of()));
  }

  private List<KeyValue<String, byte[]>> takeAll(String prefix) {
    List<KeyValue<String, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> stored = store.prefixScan(prefix, new StringSerializer())) {
      stored.forEachRemaining(entries::add);
    }
    entries.forEach(entry -> store.delete(entry.key));
    return entries;
  }

  private static String millis(long epochMillis) {
    return String.format("%020d", Math.max(0, epochMillis));
  }

  private static String position(PendingAttachment pending) {
    return pending.source().partition() + "-" + pending.source().offset();
  }

  /** A held attachment: when it arrived and what it is. */
  private record HeldEntry(long arrivedAt, PendingAttachment pending) {
    static final byte TYPE = 'H';

    static HeldEntry decode(byte[] bytes) {
      Wire.Reader in = new Wire.Reader(bytes, TYPE);
      return new HeldEntry(in.longValue(), PendingAttachment.decode(in.bytes()));
    }
  }
}
