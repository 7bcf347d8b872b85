package org.tiprouter.route;

/**
 * Triage reasons route itself decides (classify's codes, such as NO_LOCATION, pass through).
 * They travel as text in {@code JurisdictionDecision.triageReason}.
 */
final class TriageReasons {

  /** The decision names no agency at all: never dropped, humans decide. */
  static final String NO_AGENCY_ASSIGNED = "NO_AGENCY_ASSIGNED";
  /** A directory is loaded and the assigned agency is no longer in it. */
  static final String AGENCY_REMOVED = "AGENCY_REMOVED";
  /** The assigned agency's queue (or, for an urgent tip, its urgent lane) topic does not exist. */
  static final String AGENCY_QUEUE_MISSING = "AGENCY_QUEUE_MISSING";

  private TriageReasons() {}
}
