package org.tiprouter.core.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;

class StageOutcomeTest {

  private static final DeadLetter LETTER = new DeadLetters(Stage.CLASSIFY,
      Clock.fixed(Instant.parse("2025-03-14T07:30:00Z"), ZoneOffset.UTC))
      .create(ReasonCode.NULL_VALUE, "null value or tombstone", null, DeadLetters.Source.NONE, null, null, Map.of());

  @Test
  void successCarriesItsValueAndIsNotRejected() {
    StageOutcome<String> outcome = StageOutcome.success("tip");

    assertThat(outcome.isRejected()).isFalse();
    assertThat(outcome.value()).isEqualTo("tip");
    assertThatThrownBy(outcome::deadLetter).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectionCarriesItsDeadLetterAndHasNoValue() {
    StageOutcome<String> outcome = StageOutcome.rejected(LETTER);

    assertThat(outcome.isRejected()).isTrue();
    assertThat(outcome.deadLetter()).isSameAs(LETTER);
    assertThatThrownBy(outcome::value).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAnEmptySuccessOrRejection() {
    assertThatThrownBy(() -> StageOutcome.success(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> StageOutcome.rejected(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void thenAppliesTheStepToASuccess() {
    StageOutcome<Integer> outcome = StageOutcome.success("tip").then(value -> StageOutcome.success(value.length()));

    assertThat(outcome.value()).isEqualTo(3);
  }

  @Test
  void thenLetsTheStepRejectASuccess() {
    StageOutcome<Integer> outcome = StageOutcome.success("tip").then(value -> StageOutcome.rejected(LETTER));

    assertThat(outcome.isRejected()).isTrue();
    assertThat(outcome.deadLetter()).isSameAs(LETTER);
  }

  @Test
  void thenPassesARejectionThroughWithoutRunningTheStep() {
    AtomicBoolean ran = new AtomicBoolean();
    StageOutcome<String> rejected = StageOutcome.rejected(LETTER);

    StageOutcome<Integer> outcome = rejected.then(value -> {
      ran.set(true);
      return StageOutcome.success(1);
    });

    assertThat(ran).isFalse();
    assertThat(outcome.isRejected()).isTrue();
    assertThat(outcome.deadLetter()).isSameAs(LETTER);
  }
}
