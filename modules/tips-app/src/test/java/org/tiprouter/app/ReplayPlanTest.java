package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.app.ReplayPlan.Letter;
import org.tiprouter.app.ReplayPlan.Position;
import org.tiprouter.app.ReplayPlan.Skip;
import org.tiprouter.core.errors.ReasonCode;

class ReplayPlanTest {

  private static final String DLQ = "tips.dlq.normalise.v1";
  private static final String WEB = "tips.raw.web.v1";
  private static final Set<String> INPUTS = Set.of(WEB, "tips.raw.phone.v1");

  private static Letter letter(long offset, String reason, long sourceOffset) {
    return new Letter(new Position(DLQ, 0, offset), reason, UUID.randomUUID(), new Position(WEB, 1, sourceOffset), true);
  }

  private static Map<Position, Skip> skips(ReplayPlan plan) {
    return plan.skipped().stream().collect(java.util.stream.Collectors.toMap(s -> s.letter().at(), ReplayPlan.Skipped::why));
  }

  @Test
  void everyReasonCodeHasAPolicy() {
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(ReplayPlan.policy(code.name())).isNotNull();
    }
    assertThat(ReplayPlan.policy("PROCESSING_FAILED")).isEqualTo(ReplayPlan.Policy.AFTER_FIX);
    assertThat(ReplayPlan.policy("NOT_YET_SUPPORTED")).isEqualTo(ReplayPlan.Policy.AFTER_FIX);
    assertThat(ReplayPlan.policy("VALIDATION_FAILED")).isEqualTo(ReplayPlan.Policy.ON_REQUEST);
    assertThat(ReplayPlan.policy("TAMPERED")).isEqualTo(ReplayPlan.Policy.NEVER);
    assertThat(ReplayPlan.policy("A_CODE_FROM_A_LATER_VERSION")).isEqualTo(ReplayPlan.Policy.ON_REQUEST);
  }

  @Test
  void withoutReasonReplaysOnlyWhatAFixCanCure() {
    Letter failed = letter(0, "PROCESSING_FAILED", 10);
    Letter notYet = letter(1, "NOT_YET_SUPPORTED", 11);
    Letter invalid = letter(2, "VALIDATION_FAILED", 12);
    Letter tampered = letter(3, "TAMPERED", 13);

    ReplayPlan plan = ReplayPlan.of(List.of(failed, notYet, invalid, tampered), INPUTS, Set.of(), false, Map.of());

    assertThat(plan.replay()).containsExactly(failed, notYet);
    assertThat(skips(plan)).containsEntry(invalid.at(), Skip.NOT_SELECTED).containsEntry(tampered.at(), Skip.INPUT_AT_FAULT);
    assertThat(plan.replayCounts()).containsExactly(Map.entry("NOT_YET_SUPPORTED", 1), Map.entry("PROCESSING_FAILED", 1));
  }

  @Test
  void reasonFiltersAndNamingAReasonReplaysItsCode() {
    Letter failed = letter(0, "PROCESSING_FAILED", 10);
    Letter invalid = letter(1, "VALIDATION_FAILED", 11);

    ReplayPlan plan = ReplayPlan.of(List.of(failed, invalid), INPUTS, Set.of("VALIDATION_FAILED"), false, Map.of());

    assertThat(plan.replay()).containsExactly(invalid);
    assertThat(plan.skipped()).isEmpty();
  }

  @Test
  void neverReplaysADeadLetterTheInputTopicsAlreadyHoldAReplayOf() {
    Letter once = letter(0, "PROCESSING_FAILED", 10);
    Letter fresh = letter(1, "PROCESSING_FAILED", 11);
    Map<Position, Position> replays = Map.of(new Position(WEB, 1, 50), once.at());

    ReplayPlan plan = ReplayPlan.of(List.of(once, fresh), INPUTS, Set.of(), false, replays);

    assertThat(plan.replay()).containsExactly(fresh);
    assertThat(skips(plan)).containsEntry(once.at(), Skip.ALREADY_REPLAYED);
  }

  @Test
  void aDeadLetterOfAReplayIsReplayedAgainOnlyWhenAskedTo() {
    Letter first = letter(0, "PROCESSING_FAILED", 10);
    Position replayedAt = new Position(WEB, 1, 50);
    Letter again = letter(1, "PROCESSING_FAILED", 50);
    Map<Position, Position> replays = Map.of(replayedAt, first.at());

    assertThat(skips(ReplayPlan.of(List.of(first, again), INPUTS, Set.of(), false, replays)))
        .containsEntry(again.at(), Skip.REFUSED_AGAIN);
    assertThat(ReplayPlan.of(List.of(first, again), INPUTS, Set.of(), true, replays).replay()).containsExactly(again);
  }

  @Test
  void leavesAloneWhatCannotGoBackWhereItCameFrom() {
    Letter outside = new Letter(new Position(DLQ, 0, 0), "PROCESSING_FAILED", null, null, true);
    Letter internal = new Letter(new Position(DLQ, 0, 1), "PROCESSING_FAILED", null,
        new Position("tips-normalise-normalise-by-payload-repartition", 0, 3), true);
    Letter noBytes = new Letter(new Position(DLQ, 0, 2), "PROCESSING_FAILED", null, new Position(WEB, 0, 4), false);
    Letter unreadable = new Letter(new Position(DLQ, 0, 3), null, null, null, false);

    ReplayPlan plan = ReplayPlan.of(List.of(outside, internal, noBytes, unreadable), INPUTS, Set.of(), false, Map.of());

    assertThat(plan.replay()).isEmpty();
    assertThat(skips(plan)).containsEntry(outside.at(), Skip.NO_SOURCE).containsEntry(internal.at(), Skip.NOT_AN_INPUT)
        .containsEntry(noBytes.at(), Skip.NO_VALUE).containsEntry(unreadable.at(), Skip.UNREADABLE);
    assertThat(plan.skipCounts()).containsEntry("-", Map.of(Skip.UNREADABLE, 1))
        .containsEntry("PROCESSING_FAILED", Map.of(Skip.NO_SOURCE, 1, Skip.NOT_AN_INPUT, 1, Skip.NO_VALUE, 1));
  }

  @Test
  void positionsPrintAndParseBack() {
    Position position = new Position("tips.dlq.normalise.v1", 2, 41874);
    assertThat(position).hasToString("tips.dlq.normalise.v1-2@41874");
    assertThat(Position.parse(position.toString())).contains(position);
    assertThat(Position.parse("tips-normalise-x-repartition-0@3")).contains(new Position("tips-normalise-x-repartition", 0, 3));
    assertThat(Position.parse("garbage")).isEmpty();
    assertThat(Position.parse("topic-x@1")).isEmpty();
    assertThat(Position.parse(null)).isEmpty();
  }
}
