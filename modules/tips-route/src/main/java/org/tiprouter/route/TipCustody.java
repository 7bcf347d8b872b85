package org.tiprouter.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.audit.AuditTrail;

/**
 * What route remembers about a tip it routed, so that a file reported later can be attached: the
 * head of the tip's chain of custody (route appends after it, so the chain stays linear), the
 * external ids the tip carries (an attachment must name one of them), whether it is urgent, who
 * holds it on which topics, and which attachments (by raw payload SHA-256) it already delivered.
 *
 * @param head SHA-256 of the tip's latest audit event
 * @param externalIds the tip's external ids as {@code kind US value}
 * @param urgent whether the tip was routed as urgent
 * @param routedAt when route last routed the tip (epoch millis), for the retention of this entry
 * @param holders agencies that received the tip, with their role and the topics it was written to
 * @param attached raw payload SHA-256 of every attachment delivered for the tip
 */
record TipCustody(String head, List<String> externalIds, boolean urgent, long routedAt, List<Holder> holders,
    List<String> attached) {

  static final byte TYPE = 'C';
  private static final String US = "\u001f";

  TipCustody {
    Objects.requireNonNull(head, "head");
    externalIds = List.copyOf(externalIds);
    holders = List.copyOf(holders);
    attached = List.copyOf(attached);
  }

  /**
   * An agency holding the tip.
   *
   * @param topics the topics the tip was written to for it: its queue (and urgent lane), or triage
   */
  record Holder(String agencyId, AgencyRole role, List<String> topics) {
    Holder {
      topics = List.copyOf(topics);
    }
  }

  /**
   * The custody after {@code routed} (one tip's routing), merged with what was known before
   * ({@code previous}, null for a tip routed the first time): the new head, every holder.
   */
  static TipCustody afterRouting(Routed routed, long routedAt, TipCustody previous) {
    List<AuditEvent> events = routed.auditEvents();
    String head = AuditTrail.hash(events.get(events.size() - 1));
    Map<String, Holder> holders = new LinkedHashMap<>();
    LinkedHashSet<String> externalIds = new LinkedHashSet<>();
    List<String> attached = new ArrayList<>();
    boolean urgent = false;
    if (previous != null) {
      previous.holders().forEach(holder -> holders.put(holder.agencyId(), holder));
      externalIds.addAll(previous.externalIds());
      attached.addAll(previous.attached());
      urgent = previous.urgent();
    }
    for (Delivery delivery : routed.deliveries()) {
      RoutedTip record = delivery.routedTip();
      if (record.getKind() != RoutedTipKind.TIP) {
        continue;
      }
      urgent |= record.getUrgent();
      record.getTip().getExternalIds().forEach(id -> externalIds.add(externalId(id)));
      Holder known = holders.get(record.getAgencyId());
      List<String> topics = new ArrayList<>(known == null ? List.of() : known.topics());
      if (!topics.contains(delivery.topic())) {
        topics.add(delivery.topic());
      }
      holders.put(record.getAgencyId(), new Holder(record.getAgencyId(), record.getRole(), topics));
    }
    return new TipCustody(head, new ArrayList<>(externalIds), urgent, routedAt, new ArrayList<>(holders.values()),
        attached);
  }

  /** The custody once an attachment was recorded: its chain head, and its payload hash when delivered. */
  TipCustody after(String newHead, String deliveredPayloadSha256) {
    List<String> now = new ArrayList<>(attached);
    if (deliveredPayloadSha256 != null && !now.contains(deliveredPayloadSha256)) {
      now.add(deliveredPayloadSha256);
    }
    return new TipCustody(newHead, externalIds, urgent, routedAt, holders, now);
  }

  /** Whether the tip carries {@code id} (same kind, same value). */
  boolean carries(ExternalId id) {
    return id != null && externalIds.contains(externalId(id));
  }

  boolean delivered(String payloadSha256) {
    return attached.contains(payloadSha256);
  }

  private static String externalId(ExternalId id) {
    return id.getKind() + US + id.getValue();
  }

  byte[] encode() {
    Wire.Writer out = new Wire.Writer(TYPE).string(head).strings(externalIds).bool(urgent).longValue(routedAt)
        .integer(holders.size());
    for (Holder holder : holders) {
      out.string(holder.agencyId()).string(holder.role().name()).strings(holder.topics());
    }
    return out.strings(attached).toByteArray();
  }

  static TipCustody decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    String head = in.string();
    List<String> externalIds = in.strings();
    boolean urgent = in.bool();
    long routedAt = in.longValue();
    int count = in.integer();
    List<Holder> holders = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      holders.add(new Holder(in.string(), AgencyRole.valueOf(in.string()), in.strings()));
    }
    return new TipCustody(head, externalIds, urgent, routedAt, holders, in.strings());
  }
}
