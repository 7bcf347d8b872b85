package org.tiprouter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tiprouter.contract.IdentifierKind;

/**
 * The answer to one {@link Lookup}, sent back to the partition of the new tip: the earlier tips
 * that share the identifier (most recent first) and who holds them.
 *
 * @param tipId the new tip
 * @param slot which of its correlation keys was looked up
 * @param count how many correlation keys the tip has
 * @param kind the identifier's kind
 * @param matches the earlier tips sharing it
 */
record LookupResult(UUID tipId, int slot, int count, IdentifierKind kind, List<Match> matches)
    implements CollectorInput {

  static final byte TYPE = 'R';

  LookupResult {
    matches = List.copyOf(matches);
  }

  /**
   * An earlier tip sharing the identifier.
   *
   * @param tipId the earlier tip
   * @param seenAt its record time (epoch millis)
   * @param queueHolders agencies holding it on their queues
   * @param triageHolder the agency holding it on the triage topic, or null
   */
  record Match(UUID tipId, long seenAt, List<String> queueHolders, String triageHolder) {
    Match {
      queueHolders = List.copyOf(queueHolders);
    }
  }

  @Override
  public byte[] encode() {
    Wire.Writer out = new Wire.Writer(TYPE).uuid(tipId).integer(slot).integer(count).string(kind.name())
        .integer(matches.size());
    for (Match match : matches) {
      out.uuid(match.tipId()).longValue(match.seenAt()).strings(match.queueHolders()).string(match.triageHolder());
    }
    return out.toByteArray();
  }

  static LookupResult decode(byte[] bytes) {
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    UUID tipId = in.uuid();
    int slot = in.integer();
    int count = in.integer();
    IdentifierKind kind = IdentifierKind.valueOf(in.string());
    int size = in.integer();
    List<Match> matches = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      matches.add(new Match(in.uuid(), in.longValue(), in.strings(), in.string()));
    }
    return new LookupResult(tipId, slot, count, kind, matches);
  }
}
