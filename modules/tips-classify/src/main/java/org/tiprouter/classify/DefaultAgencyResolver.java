package org.tiprouter.classify;

import java.time.Clock;
import java.util.List;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Tip;

/**
 * Walking skeleton of the jurisdiction decision: every tip goes to one configured agency as
 * PRIMARY, and the decision says so. The agency directory and the location-based resolver replace
 * it; the decision's shape stays the same.
 */
final class DefaultAgencyResolver {

  private final String agencyId;
  private final Clock clock;

  DefaultAgencyResolver(String agencyId, Clock clock) {
    this.agencyId = agencyId;
    this.clock = clock;
  }

  JurisdictionDecision decide(Tip tip) {
    String reason = "no jurisdiction rules configured -> default agency " + agencyId;
    return JurisdictionDecision.newBuilder()
        .setPrimaryAgencyId(agencyId)
        .setAssignments(List.of(AgencyAssignment.newBuilder().setAgencyId(agencyId).setRole(AgencyRole.PRIMARY)
            .setReason(reason).build()))
        .setReasons(List.of(reason))
        .setDecidedAt(clock.instant())
        .build();
  }
}
