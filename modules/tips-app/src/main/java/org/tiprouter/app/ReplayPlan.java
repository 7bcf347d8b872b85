package org.tiprouter.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.tiprouter.core.errors.ReasonCode;

/**
 * Which dead letters of one stage a replay re-injects, and why the others are left alone. Pure:
 * the Kafka side ({@link DeadLetterReplayer}) reads the dead-letter topic and the replays already
 * on the stage's input topics and hands them in here.
 */
final class ReplayPlan {

  /** What replay can do for a reason code. */
  enum Policy {
    /** The input was fine; a fix (an upgrade, a restored dependency) lets the stage process it. Replayed by default. */
    AFTER_FIX,
    /** The channel or contract refused these bytes; replay helps only after that check changed. Only with --reason. */
    ON_REQUEST,
    /** The bytes themselves are at fault (or evidence): the stage would refuse them again. Never replayed. */
    NEVER
  }

  /** The policy of a reason code; codes this version does not know are replayed only on request. */
  static Policy policy(String reason) {
    ReasonCode code;
    try {
      code = ReasonCode.valueOf(reason);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Policy.ON_REQUEST;
    }
    return switch (code) {
      case NOT_YET_SUPPORTED, PROCESSING_FAILED, ATTACHMENT_TIP_UNKNOWN -> Policy.AFTER_FIX;
      case UNDESERIALISABLE, PAYLOAD_TOO_LARGE, PARSE_REJECTED, VALIDATION_FAILED -> Policy.ON_REQUEST;
      case NULL_VALUE, INVALID_KEY, CHANNEL_MISMATCH, UNKNOWN_CHANNEL, TAMPERED, REPORT_MISMATCH, NOT_AUTHENTIC ->
          Policy.NEVER;
      // a code added later is replayed only when named, until it is classified here
      default -> Policy.ON_REQUEST;
    };
  }

  /** A position on a topic, printed {@code topic-partition@offset}. */
  record Position(String topic, int partition, long offset) {
    @Override
    public String toString() {
      return topic + "-" + partition + "@" + offset;
    }

    /** Parses {@link #toString()}; empty for anything else. */
    static Optional<Position> parse(String text) {
      if (text == null) {
        return Optional.empty();
      }
      int at = text.lastIndexOf('@');
      int dash = at < 0 ? -1 : text.lastIndexOf('-', at);
      if (dash <= 0) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Position(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1, at)),
            Long.parseLong(text.substring(at + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * One dead letter as read from the dead-letter topic (metadata only; the bytes stay with the reader).
   *
   * @param at where the dead letter is
   * @param reason its reason code, or null when the dead letter itself could not be decoded
   * @param tipId the tip, when known
   * @param source where the refused record was read; null for input that never was on a topic
   * @param hasValue whether the dead letter holds the record's value bytes
   */
  record Letter(Position at, String reason, UUID tipId, Position source, boolean hasValue) {}

  /** Why a dead letter is not replayed. */
  enum Skip {
    ALREADY_REPLAYED("already replayed (a record on the input topic carries its replay header)"),
    REFUSED_AGAIN("not replayed without --include-failed-replays: it is the dead letter of an earlier replay, "
        + "the earlier fix did not cure it"),
    NOT_SELECTED("not replayed without --reason: replay helps only after the check that refused the bytes changed"),
    INPUT_AT_FAULT("never replayed: the bytes themselves are at fault, the stage would refuse them again"),
    NO_SOURCE("never replayed: the input was never on a topic"),
    NO_VALUE("never replayed: the dead letter holds no value bytes"),
    NOT_AN_INPUT("never replayed: its source topic is not an input topic of the stage"),
    UNREADABLE("never replayed: the dead letter itself could not be decoded");

    final String meaning;

    Skip(String meaning) {
      this.meaning = meaning;
    }
  }

  /** A dead letter left alone, and why. */
  record Skipped(Letter letter, Skip why) {}

  private final List<Letter> replay;
  private final List<Skipped> skipped;

  private ReplayPlan(List<Letter> replay, List<Skipped> skipped) {
    this.replay = List.copyOf(replay);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Plans a replay.
   *
   * @param letters the stage's dead letters, in topic order
   * @param inputs the stage's input topics: the only topics replay writes to
   * @param reasons the reason codes asked for; empty means every {@link Policy#AFTER_FIX} code
   * @param includeFailedReplays whether dead letters of earlier replays are replayed again
   * @param replays the replays already on the input topics: each record's position and the dead
   *     letter it replayed ({@code tiprouter.replay.of})
   */
  static ReplayPlan of(Collection<Letter> letters, Set<String> inputs, Set<String> reasons,
      boolean includeFailedReplays, Map<Position, Position> replays) {
    Set<Position> replayed = Set.copyOf(replays.values());
    List<Letter> replay = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (Letter letter : letters) {
      if (letter.reason() == null) {
        skipped.add(new Skipped(letter, Skip.UNREADABLE));
        continue;
      }
      if (!reasons.isEmpty() && !reasons.contains(letter.reason())) {
        continue;
      }
      Skip skip = skip(letter, inputs, reasons, replayed);
      if (skip == null && !includeFailedReplays && replays.containsKey(letter.source())) {
        skip = Skip.REFUSED_AGAIN;
      }
      if (skip != null) {
        skipped.add(new Skipped(letter, skip));
        continue;
      }
      replay.add(letter);
    }
    return new ReplayPlan(replay, skipped);
  }

  private static Skip skip(Letter letter, Set<String> inputs, Set<String> reasons, Set<Position> replayed) {
    if (letter.source() == null) {
      return Skip.NO_SOURCE;
    }
    Policy policy = policy(letter.reason());
    if (policy == Policy.NEVER) {
      return Skip.INPUT_AT_FAULT;
    }
    if (policy == Policy.ON_REQUEST && !reasons.contains(letter.reason())) {
      return Skip.NOT_SELECTED;
    }
    if (!inputs.contains(letter.source().topic())) {
      return Skip.NOT_AN_INPUT;
    }
    if (!letter.hasValue()) {
      return Skip.NO_VALUE;
    }
    if (replayed.contains(letter.at())) {
      return Skip.ALREADY_REPLAYED;
    }
    return null;
  }

  /** The dead letters to re-inject, in topic order. */
  List<Letter> replay() {
    return replay;
  }

  /** The dead letters left alone and why. */
  List<Skipped> skipped() {
    return skipped;
  }

  /** How many would be replayed, by reason code (sorted). */
  Map<String, Integer> replayCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    replay.forEach(letter -> counts.merge(letter.reason(), 1, Integer::sum));
    return counts;
  }

  /** How many are left alone, by reason code and why (sorted). */
  Map<String, Map<Skip, Integer>> skipCounts() {
    Map<String, Map<Skip, Integer>> counts = new TreeMap<>();
    skipped.forEach(left -> counts.computeIfAbsent(Objects.requireNonNullElse(left.letter().reason(), "-"), r -> new TreeMap<>())
        .merge(left.why(), 1, Integer::sum));
    return counts;
  }
}
