package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tiprouter.contract.AgencyRole;

/**
 * Where one classified tip is delivered: the agency queues it reaches (with urgent lanes), and
 * whether it also, or only, goes to triage and why.
 *
 * @param urgent whether the tip is urgent (child in immediate danger, or escalated)
 * @param targets the agencies whose queues receive the tip, in the decision's order
 * @param triage the triage delivery, when there is one
 */
record DeliveryPlan(boolean urgent, List<Target> targets, Optional<Triage> triage) {

  DeliveryPlan {
    targets = List.copyOf(targets);
    Objects.requireNonNull(triage, "triage");
  }

  /**
   * One agency queue the tip is written to.
   *
   * @param urgentLane the agency's urgent lane when the tip is urgent and the lane exists; else null
   */
  record Target(String agencyId, AgencyRole role, String queue, String urgentLane) {}

  /**
   * An agency the tip should have reached but cannot, and why.
   *
   * @param agencyId the agency
   * @param reasonCode a triage reason code ({@link TriageReasons})
   * @param missingTopic the topic that does not exist, for AGENCY_QUEUE_MISSING; else null
   */
  record Problem(String agencyId, String reasonCode, String missingTopic) {

    /** {@code <code> <agencyId>}, as the audit detail shows it. */
    @Override
    public String toString() {
      return reasonCode + " " + agencyId;
    }

    /** The step a person reads in the decision's reasons. */
    String explanation() {
      return missingTopic == null
          ? "route: " + agencyId + " is no longer in the agency directory -> triage (" + reasonCode + ")"
          : "route: " + agencyId + " has no topic " + missingTopic + " -> triage (" + reasonCode + ")";
    }
  }

  /**
   * The tip goes to the triage topic.
   *
   * @param agencyId the triage agency named on the record
   * @param role PRIMARY when no agency queue got the tip as primary; COPY when triage only has to
   *     look after agencies that were missed
   * @param reasonCode the triage reason: the decision's own, or the first problem's
   * @param problems agencies route could not reach (empty when classify decided triage)
   */
  record Triage(String agencyId, AgencyRole role, String reasonCode, List<Problem> problems) {
    Triage {
      problems = List.copyOf(problems);
    }

    /** True when classify sent the tip to triage (rather than route, because of a problem). */
    boolean decidedByClassify() {
      return problems.isEmpty();
    }
  }

  /** The agencies that hold the tip once it is delivered: queue targets, then the triage agency. */
  List<String> holders() {
    List<String> holders = new ArrayList<>();
    targets.forEach(target -> holders.add(target.agencyId()));
    triage.ifPresent(t -> {
      if (!holders.contains(t.agencyId())) {
        holders.add(t.agencyId());
      }
    });
    return holders;
  }

  /** The agencies that hold the tip on their own queue (not on triage). */
  List<String> queueHolders() {
    return targets.stream().map(Target::agencyId).toList();
  }

  /** The agency that holds the tip on the triage topic, or null. */
  String triageHolder() {
    return triage.map(Triage::agencyId).orElse(null);
  }
}
