package org.tiprouter.core.streams;

import java.util.Objects;
import java.util.function.Function;
import org.tiprouter.contract.DeadLetter;

/**
 * What a stage made of one input record: a value to pass on, or a dead letter saying why not.
 * Expected bad data is an outcome, not an exception, so it is routed by name and never stops the
 * stage.
 */
public sealed interface StageOutcome<T> {

  /** The record was processed. */
  record Success<T>(T value) implements StageOutcome<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The record goes to the stage's dead-letter topic. */
  record Rejected<T>(DeadLetter deadLetter) implements StageOutcome<T> {
    public Rejected {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }
  }

  static <T> StageOutcome<T> success(T value) {
    return new Success<>(value);
  }

  static <T> StageOutcome<T> rejected(DeadLetter deadLetter) {
    return new Rejected<>(deadLetter);
  }

  /** Applies {@code step} to a success; a rejection passes through unchanged. */
  @SuppressWarnings("unchecked")
  default <U> StageOutcome<U> then(Function<T, StageOutcome<U>> step) {
    if (this instanceof Success<T> success) {
      return step.apply(success.value());
    }
    return (StageOutcome<U>) this;
  }

  default boolean isRejected() {
    return this instanceof Rejected;
  }

  /** The value of a success; fails on a rejection. */
  default T value() {
    if (this instanceof Success<T> success) {
      return success.value();
    }
    throw new IllegalStateException("A rejected outcome has no value");
  }

  /** The dead letter of a rejection; fails on a success. */
  default DeadLetter deadLetter() {
    if (this instanceof Rejected<T> rejected) {
      return rejected.deadLetter();
    }
    throw new IllegalStateException("A successful outcome has no dead letter");
  }
}
