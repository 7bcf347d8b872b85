package org.tiprouter.route;

/**
 * Whether an agency's queue (or urgent lane) topic exists. Route asks before every write to an
 * agency topic: writing to a missing topic would block the task until {@code max.block.ms} and
 * then fail it, so a tip for a missing queue goes to triage instead ({@code AGENCY_QUEUE_MISSING}).
 * Implementations are called from every stream thread.
 */
public interface AgencyQueues {

  /** True when {@code topic} exists on the cluster. */
  boolean exists(String topic);

  /**
   * The existence of a topic could not be established (the cluster did not answer). Route lets it
   * escape: the stage stops and resumes from its last commit rather than guess.
   */
  final class CheckFailed extends RuntimeException {
    public CheckFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
