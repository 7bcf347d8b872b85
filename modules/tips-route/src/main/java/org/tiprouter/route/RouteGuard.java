package org.tiprouter.route;

import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/**
 * Runs a route step on a decoded record: an unexpected exception turns the record into a
 * {@code PROCESSING_FAILED} dead letter with its original bytes (as {@code StageStreams.guarded}
 * does), except {@link AgencyQueues.CheckFailed}, which escapes so the stage stops rather than
 * guess whether a queue exists.
 */
final class RouteGuard {

  private static final Logger LOG = LoggerFactory.getLogger(RouteGuard.class);

  private RouteGuard() {}

  static <T, U> StageOutcome<U> run(DeadLetters deadLetters, Received<T> received,
      Function<Received<T>, StageOutcome<U>> step) {
    try {
      return step.apply(received);
    } catch (AgencyQueues.CheckFailed e) {
      throw e;
    } catch (RuntimeException e) {
      DeadLetters.Source source = received.source();
      LOG.error("Routing failed for tip {} at {}-{}@{}: {}", received.tipId(), source.topic(), source.partition(),
          source.offset(), e.getClass().getName());
      return received.reject(deadLetters, ReasonCode.PROCESSING_FAILED, e.getClass().getName(), received.tipId());
    }
  }
}
