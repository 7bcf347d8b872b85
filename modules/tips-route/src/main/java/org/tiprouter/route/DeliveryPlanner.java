package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Urgency;
import org.tiprouter.core.topics.TopicNames;

/**
 * Decides where a classified tip is delivered, so that no tip is ever lost because the directory
 * changed or a queue is missing:
 * <ul>
 *   <li>a decision with a triage reason, or naming no agency ({@code NO_AGENCY_ASSIGNED}), goes
 *       to triage only;</li>
 *   <li>otherwise every assigned agency receives the tip on its queue (and urgent lane when
 *       urgent), unless a loaded directory no longer holds it ({@code AGENCY_REMOVED}) or its
 *       queue topic does not exist ({@code AGENCY_QUEUE_MISSING}); an urgent tip whose agency has
 *       a queue but no urgent lane still goes to the queue;</li>
 *   <li>every agency missed that way sends the tip to triage as well, once, with the reason.</li>
 * </ul>
 * No topic is ever written to without being checked first.
 */
final class DeliveryPlanner {

  private final TopicNames topics;
  private final AgencyQueues queues;
  private final String fallbackTriageAgency;

  DeliveryPlanner(TopicNames topics, AgencyQueues queues, String fallbackTriageAgency) {
    this.topics = topics;
    this.queues = queues;
    this.fallbackTriageAgency = fallbackTriageAgency;
  }

  DeliveryPlan plan(ClassifiedTip classified, AgencyRoster roster) {
    JurisdictionDecision decision = classified.getDecision();
    boolean urgent = isUrgent(classified.getTip().getUrgency());
    String triageReason = decision.getTriageReason();
    if (triageReason == null && decision.getAssignments().isEmpty()) {
      triageReason = TriageReasons.NO_AGENCY_ASSIGNED;
    }
    if (triageReason != null) {
      return new DeliveryPlan(urgent, List.of(), Optional.of(new DeliveryPlan.Triage(decision.getPrimaryAgencyId(),
          AgencyRole.PRIMARY, triageReason, List.of())));
    }
    List<DeliveryPlan.Target> targets = new ArrayList<>();
    List<DeliveryPlan.Problem> problems = new ArrayList<>();
    boolean primaryDelivered = false;
    for (AgencyAssignment assignment : decision.getAssignments()) {
      String agencyId = assignment.getAgencyId();
      String queue = topics.agencyQueue(agencyId);
      Optional<String> unavailable = unavailable(agencyId, roster);
      if (unavailable.isPresent()) {
        problems.add(new DeliveryPlan.Problem(agencyId, unavailable.get(),
            unavailable.get().equals(TriageReasons.AGENCY_QUEUE_MISSING) ? queue : null));
        continue;
      }
      String lane = null;
      if (urgent) {
        lane = topics.agencyUrgentLane(agencyId);
        if (!queues.exists(lane)) {
          problems.add(new DeliveryPlan.Problem(agencyId, TriageReasons.AGENCY_QUEUE_MISSING, lane));
          lane = null;
        }
      }
      targets.add(new DeliveryPlan.Target(agencyId, assignment.getRole(), queue, lane));
      primaryDelivered |= assignment.getRole() == AgencyRole.PRIMARY;
    }
    Optional<DeliveryPlan.Triage> triage = problems.isEmpty() ? Optional.empty()
        : Optional.of(new DeliveryPlan.Triage(triageAgency(roster), primaryDelivered ? AgencyRole.COPY
            : AgencyRole.PRIMARY, problems.get(0).reasonCode(), problems));
    return new DeliveryPlan(urgent, targets, triage);
  }

  /**
   * Why {@code agencyId}'s queue cannot receive a record now ({@code AGENCY_REMOVED},
   * {@code AGENCY_QUEUE_MISSING}), or empty when it can.
   */
  Optional<String> unavailable(String agencyId, AgencyRoster roster) {
    if (roster.removed(agencyId)) {
      return Optional.of(TriageReasons.AGENCY_REMOVED);
    }
    if (!queues.exists(topics.agencyQueue(agencyId))) {
      return Optional.of(TriageReasons.AGENCY_QUEUE_MISSING);
    }
    return Optional.empty();
  }

  /** Whether {@code topic} exists now (asked before writing to an urgent lane again). */
  boolean exists(String topic) {
    return queues.exists(topic);
  }

  /** The agency named on triage records route writes: the directory's triage agency, else the fallback. */
  String triageAgency(AgencyRoster roster) {
    return roster.triageAgency().orElse(fallbackTriageAgency);
  }

  static boolean isUrgent(Urgency urgency) {
    return urgency != null && (urgency.getChildInImmediateDanger() || urgency.getEscalated());
  }
}
