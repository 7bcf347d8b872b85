package org.tiprouter.route;

import java.util.Optional;
import java.util.Set;

/**
 * Which agencies the directory currently holds, as far as route needs to know: their ids and the
 * triage agency. An unknown roster (no directory loaded) knows no agency and removes none.
 *
 * @param known false while the directory topic holds no agency
 * @param agencyIds ids of the agencies in the directory
 * @param triageAgency the directory's triage agency, if it names one
 */
record AgencyRoster(boolean known, Set<String> agencyIds, Optional<String> triageAgency) {

  static final AgencyRoster UNKNOWN = new AgencyRoster(false, Set.of(), Optional.empty());

  AgencyRoster {
    agencyIds = Set.copyOf(agencyIds);
  }

  /** True when a directory is loaded and {@code agencyId} is no longer in it. */
  boolean removed(String agencyId) {
    return known && !agencyIds.contains(agencyId);
  }
}
