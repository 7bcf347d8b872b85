package org.tiprouter.route;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;
import org.tiprouter.core.topics.TopicNames;

/**
 * Decides where a classified tip is delivered: the queue of every assigned agency (and its urgent
 * lane when the tip is urgent), or the triage queue when no agency could be determined. Each
 * delivery is recorded in the tip's chain of custody.
 */
final class TipRouter {

  /** Triage reason for a decision that names no agency at all: never dropped, humans decide. */
  static final String NO_AGENCY_ASSIGNED = "NO_AGENCY_ASSIGNED";

  private final TopicNames topics;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;
  private final Clock clock;

  TipRouter(TopicNames topics, Clock clock) {
    this.topics = topics;
    this.clock = clock;
    this.audit = new AuditTrail(Stage.ROUTE, clock);
    this.deadLetters = new DeadLetters(Stage.ROUTE, clock);
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  StageOutcome<Routed> route(Received<ClassifiedTip> received) {
    ClassifiedTip classified = received.value();
    Tip tip = classified.getTip();
    boolean urgent = isUrgent(tip.getUrgency());
    String head = classified.getAuditHead();
    List<Delivery> deliveries = new ArrayList<>();
    List<AuditEvent> events = new ArrayList<>();
    String triageReason = classified.getDecision().getTriageReason();
    if (triageReason == null && classified.getDecision().getAssignments().isEmpty()) {
      triageReason = NO_AGENCY_ASSIGNED;
    }
    if (triageReason != null) {
      AuditEvent event = audit.event(tip.getTipId(), AuditEventType.TRIAGED, head)
          .setAgencyId(classified.getDecision().getPrimaryAgencyId()).setDetail(triageReason).build();
      head = AuditTrail.hash(event);
      events.add(event);
      RoutedTip routed = routedTip(classified, classified.getDecision().getPrimaryAgencyId(),
          AgencyRole.PRIMARY, urgent, head);
      deliveries.add(new Delivery(topics.triage(), routed));
    } else {
      for (AgencyAssignment assignment : classified.getDecision().getAssignments()) {
        AuditEvent event = audit.event(tip.getTipId(), AuditEventType.ROUTED, head)
            .setAgencyId(assignment.getAgencyId()).setRole(assignment.getRole())
            .setDetail("routed to " + assignment.getAgencyId() + " as " + assignment.getRole()).build();
        head = AuditTrail.hash(event);
        events.add(event);
        RoutedTip routed = routedTip(classified, assignment.getAgencyId(), assignment.getRole(), urgent, head);
        deliveries.add(new Delivery(topics.agencyQueue(assignment.getAgencyId()), routed));
        if (urgent) {
          deliveries.add(new Delivery(topics.agencyUrgentLane(assignment.getAgencyId()), routed));
        }
      }
    }
    return StageOutcome.success(new Routed(tip.getTipId().toString(), deliveries, events));
  }

  private RoutedTip routedTip(ClassifiedTip classified, String agencyId, AgencyRole role,
      boolean urgent, String auditHead) {
    return RoutedTip.newBuilder()
        .setKind(RoutedTipKind.TIP)
        .setTipId(classified.getTip().getTipId())
        .setAgencyId(agencyId)
        .setRole(role)
        .setUrgent(urgent)
        .setTip(classified.getTip())
        .setDecision(classified.getDecision())
        .setRelated(List.of())
        .setRoutedAt(clock.instant())
        .setAuditHead(auditHead)
        .build();
  }

  private static boolean isUrgent(Urgency urgency) {
    return urgency != null && (urgency.getChildInImmediateDanger() || urgency.getEscalated());
  }
}
