package org.tiprouter.route;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RelatedTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.topics.TopicNames;

/**
 * Turns a delivery plan and the tip's related tips into the records route writes for one
 * classified tip, all in one transaction:
 * <ul>
 *   <li>a TIP on the queue of every planned agency (and its urgent lane when urgent), each with a
 *       {@code ROUTED} audit event;</li>
 *   <li>a TIP on the triage topic when the plan says so, with a {@code TRIAGED} event; when route
 *       itself triages (AGENCY_REMOVED, AGENCY_QUEUE_MISSING) the decision on that record carries
 *       the reason and a step saying which agency was missed;</li>
 *   <li>a RELATED_TIP notice to every agency holding an earlier related tip (keyed by the earlier
 *       tip, no tip content), each with a {@code RELATED} event. An agency that can no longer
 *       receive it is covered by one notice on the triage topic.</li>
 * </ul>
 * All events go on the new tip's chain of custody (a RELATED event names the earlier tip in
 * {@code relatedTipId}), chained in the order written, starting from the classified tip's head.
 *
 * <p>It also writes the records of a file reported after the tip ({@link #attach}, {@link #repeat}),
 * chained after the head route remembered for the tip ({@link TipCustody}).
 */
final class TipRouter {

  private final TopicNames topics;
  private final DeliveryPlanner planner;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;
  private final Clock clock;

  TipRouter(TopicNames topics, DeliveryPlanner planner, Clock clock) {
    this.topics = topics;
    this.planner = planner;
    this.clock = clock;
    this.audit = new AuditTrail(Stage.ROUTE, clock);
    this.deadLetters = new DeadLetters(Stage.ROUTE, clock);
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  DeliveryPlanner planner() {
    return planner;
  }

  Routed route(ClassifiedTip classified, DeliveryPlan plan, List<RelatedTips.Link> links, AgencyRoster roster) {
    Tip tip = classified.getTip();
    UUID tipId = tip.getTipId();
    Chain chain = new Chain(classified.getAuditHead());
    List<Delivery> deliveries = new ArrayList<>();
    List<RelatedTip> related = links.stream().map(TipRouter::relatedTip).toList();

    for (DeliveryPlan.Target target : plan.targets()) {
      String head = chain.add(audit.event(tipId, AuditEventType.ROUTED, chain.head())
          .setAgencyId(target.agencyId()).setRole(target.role())
          .setDetail("routed to " + target.agencyId() + " as " + target.role()).build());
      RoutedTip routed = tipRecord(classified, classified.getDecision(), target.agencyId(), target.role(),
          plan.urgent(), related, head);
      deliveries.add(new Delivery(tipId.toString(), target.queue(), routed));
      if (target.urgentLane() != null) {
        deliveries.add(new Delivery(tipId.toString(), target.urgentLane(), routed));
      }
    }
    plan.triage().ifPresent(triage -> {
      String detail = triage.decidedByClassify() ? triage.reasonCode()
          : String.join("; ", triage.problems().stream().map(DeliveryPlan.Problem::toString).toList());
      String head = chain.add(audit.event(tipId, AuditEventType.TRIAGED, chain.head())
          .setAgencyId(triage.agencyId()).setDetail(detail).build());
      RoutedTip routed = tipRecord(classified, triageDecision(classified.getDecision(), triage), triage.agencyId(),
          triage.role(), plan.urgent(), related, head);
      deliveries.add(new Delivery(tipId.toString(), topics.triage(), routed));
    });
    for (RelatedTips.Link link : links) {
      RelatedTip newTip = RelatedTip.newBuilder().setTipId(tipId).setAgencyIds(plan.holders())
          .setSharedIdentifierKinds(link.sortedKinds()).build();
      notices(link, newTip, plan.urgent(), roster, chain, deliveries);
    }
    return new Routed(tipId.toString(), deliveries, chain.events());
  }

  /**
   * The records that attach a file reported after the tip: an ATTACHMENT on every topic the tip
   * was written to for each holder, each with an {@code ATTACHED} event chained after the tip's
   * current head ({@code custody.head()}), so the chain stays linear. A holder that can no longer
   * receive it (removed from the directory, queue gone) is covered by the triage record, as for
   * notices; an urgent lane that is gone is skipped (the queue still gets it).
   */
  Routed attach(TipAttachment attachment, TipCustody custody, DeadLetters.Source source, AgencyRoster roster) {
    UUID tipId = attachment.getTipId();
    Chain chain = new Chain(custody.head());
    List<Delivery> deliveries = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    TipCustody.Holder onTriage = null;
    boolean primaryReached = false;
    for (TipCustody.Holder holder : custody.holders()) {
      if (holder.topics().contains(topics.triage())) {
        onTriage = holder;
        continue;
      }
      Optional<String> unavailable = planner.unavailable(holder.agencyId(), roster);
      if (unavailable.isPresent()) {
        missed.add(unavailable.get() + " " + holder.agencyId());
        continue;
      }
      List<String> reachable = holder.topics().stream()
          .filter(topic -> topic.equals(topics.agencyQueue(holder.agencyId())) || planner.exists(topic)).toList();
      deliveries.addAll(attachmentRecords(attachment, custody, holder.agencyId(), holder.role(), reachable, source,
          chain, "attachment to " + holder.agencyId() + " as " + holder.role()));
      primaryReached |= holder.role() == AgencyRole.PRIMARY;
    }
    String alsoFor = missed.isEmpty() ? "" : " (for " + String.join(", ", missed) + ")";
    if (onTriage != null) {
      deliveries.addAll(attachmentRecords(attachment, custody, onTriage.agencyId(), onTriage.role(),
          List.of(topics.triage()), source, chain, "attachment to triage" + alsoFor));
    } else if (!missed.isEmpty()) {
      deliveries.addAll(attachmentRecords(attachment, custody, planner.triageAgency(roster),
          primaryReached ? AgencyRole.COPY : AgencyRole.PRIMARY, List.of(topics.triage()), source, chain,
          "attachment to triage" + alsoFor));
    }
    return new Routed(tipId.toString(), deliveries, chain.events());
  }

  /**
   * The record of an attachment the tip's holders already received (the same raw payload again):
   * no delivery, one {@code DUPLICATE} event on the tip's chain, so every raw record leaves a trace
   * and the chain stays linear.
   */
  Routed repeat(TipAttachment attachment, TipCustody custody, DeadLetters.Source source) {
    String payload = attachment.getProvenance().getPayloadSha256();
    AuditEvent event = audit.event(attachment.getTipId(), AuditEventType.DUPLICATE, custody.head())
        .setDetail("DUPLICATE_OF attachment " + payload)
        .setSourceTopic(source.topic()).setSourcePartition(source.partition()).setSourceOffset(source.offset())
        .setPayloadSha256(payload)
        .build();
    return new Routed(attachment.getTipId().toString(), List.of(), List.of(event));
  }

  private List<Delivery> attachmentRecords(TipAttachment attachment, TipCustody custody, String agencyId,
      AgencyRole role, List<String> destinations, DeadLetters.Source source, Chain chain, String detail) {
    UUID tipId = attachment.getTipId();
    String head = chain.add(audit.event(tipId, AuditEventType.ATTACHED, chain.head())
        .setAgencyId(agencyId).setRole(role).setDetail(detail)
        .setSourceTopic(source.topic()).setSourcePartition(source.partition()).setSourceOffset(source.offset())
        .setPayloadSha256(attachment.getProvenance().getPayloadSha256())
        .build());
    RoutedTip record = RoutedTip.newBuilder()
        .setKind(RoutedTipKind.ATTACHMENT)
        .setTipId(tipId)
        .setAgencyId(agencyId)
        .setRole(role)
        .setUrgent(custody.urgent())
        .setTip(null)
        .setDecision(null)
        .setRelated(List.of())
        .setRoutedAt(clock.instant())
        .setAuditHead(head)
        .setAttachment(attachment)
        .build();
    return destinations.stream().map(topic -> new Delivery(tipId.toString(), topic, record)).toList();
  }

  private void notices(RelatedTips.Link link, RelatedTip newTip, boolean urgent, AgencyRoster roster, Chain chain,
      List<Delivery> deliveries) {
    List<String> missed = new ArrayList<>();
    for (String holder : link.queueHolders()) {
      Optional<String> unavailable = planner.unavailable(holder, roster);
      if (unavailable.isPresent()) {
        missed.add(unavailable.get() + " " + holder);
        continue;
      }
      deliveries.add(notice(link, newTip, holder, topics.agencyQueue(holder), urgent, chain, "RELATED_TIP notice to "
          + holder));
    }
    if (link.triageHolder() != null) {
      deliveries.add(notice(link, newTip, link.triageHolder(), topics.triage(), urgent, chain,
          "RELATED_TIP notice to triage" + (missed.isEmpty() ? "" : " (also for " + String.join(", ", missed) + ")")));
    } else if (!missed.isEmpty()) {
      deliveries.add(notice(link, newTip, planner.triageAgency(roster), topics.triage(), urgent, chain,
          "RELATED_TIP notice to triage for " + String.join(", ", missed)));
    }
  }

  private Delivery notice(RelatedTips.Link link, RelatedTip newTip, String agencyId, String topic, boolean urgent,
      Chain chain, String detail) {
    String head = chain.add(audit.event(newTip.getTipId(), AuditEventType.RELATED, chain.head())
        .setAgencyId(agencyId).setRelatedTipId(link.tipId()).setDetail(detail).build());
    RoutedTip notice = RoutedTip.newBuilder()
        .setKind(RoutedTipKind.RELATED_TIP)
        .setTipId(link.tipId())
        .setAgencyId(agencyId)
        .setRole(AgencyRole.COPY)
        .setUrgent(urgent)
        .setTip(null)
        .setDecision(null)
        .setRelated(List.of(newTip))
        .setRoutedAt(clock.instant())
        .setAuditHead(head)
        .build();
    return new Delivery(link.tipId().toString(), topic, notice);
  }

  private RoutedTip tipRecord(ClassifiedTip classified, JurisdictionDecision decision, String agencyId, AgencyRole role,
      boolean urgent, List<RelatedTip> related, String auditHead) {
    return RoutedTip.newBuilder()
        .setKind(RoutedTipKind.TIP)
        .setTipId(classified.getTip().getTipId())
        .setAgencyId(agencyId)
        .setRole(role)
        .setUrgent(urgent)
        .setTip(classified.getTip())
        .setDecision(decision)
        .setRelated(related)
        .setRoutedAt(clock.instant())
        .setAuditHead(auditHead)
        .build();
  }

  /** The decision as triage sees it: classify's own, or with route's reason and the agencies it missed. */
  private static JurisdictionDecision triageDecision(JurisdictionDecision decision, DeliveryPlan.Triage triage) {
    if (triage.decidedByClassify()) {
      return decision;
    }
    List<String> reasons = new ArrayList<>(decision.getReasons());
    triage.problems().forEach(problem -> reasons.add(problem.explanation()));
    return JurisdictionDecision.newBuilder(decision).setTriageReason(triage.reasonCode()).setReasons(reasons).build();
  }

  private static RelatedTip relatedTip(RelatedTips.Link link) {
    return RelatedTip.newBuilder().setTipId(link.tipId()).setAgencyIds(link.holders())
        .setSharedIdentifierKinds(link.sortedKinds()).build();
  }

  /** The tip's audit events of this routing, each linked to the one before. */
  private static final class Chain {
    private final List<AuditEvent> events = new ArrayList<>();
    private String head;

    Chain(String head) {
      this.head = head;
    }

    String head() {
      return head;
    }

    /** Appends {@code event} (already linked to {@link #head()}); returns its hash, the new head. */
    String add(AuditEvent event) {
      events.add(event);
      head = AuditTrail.hash(event);
      return head;
    }

    List<AuditEvent> events() {
      return events;
    }
  }
}
