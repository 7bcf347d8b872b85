package org.tiprouter.classify.resolver;

/** Why a tip went to the triage agency; travels as text in {@code JurisdictionDecision.triageReason}. */
public enum TriageReason {
  /** Classify has no agency directory at all (nothing loaded on the directory topic). */
  NO_DIRECTORY,
  /** No location in the tip could be placed in a US state. */
  NO_LOCATION,
  /** The only lead was a city name that exists in several states, without a state. */
  AMBIGUOUS_CITY,
  /** The tip was placed, but no agency's area contains any of its places (or it lies outside the US). */
  OUTSIDE_ALL_AREAS,
  /** Agencies cover the place, but none of them accepts the tip's channel. */
  NO_AGENCY_FOR_CHANNEL
}
