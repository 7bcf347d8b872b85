package org.tiprouter.route;

import java.util.List;
import java.util.UUID;
import org.tiprouter.contract.IdentifierKind;

/**
 * One identifier of a new tip, sent to the partition of its keyed hash (the record key): look up
 * the tips that share it, then add this tip to the index. Holds no identifier value.
 *
 * @param tipId the new tip
 * @param slot which of the tip's correlation keys this is (0 .. count-1)
 * @param count how many correlation keys the tip has; its collector waits for that many results
 * @param kind the identifier's kind
 * @param capturedAt for an IP, its capture time (epoch millis); null otherwise
 * @param queueHolders agencies that receive the new tip on their queues
 * @param triageHolder the agency that receives it on the triage topic, or null
 */
record Lookup(UUID tipId, int slot, int count, IdentifierKind kind, Long capturedAt, List<String> queueHolders,
    String triageHolder) {

  static final byte TYPE = 'L';

  Lookup {
    queueHolders = List.copyOf(queueHolders);
  }

  byte[] encode() {
    return new Wire.Writer(TYPE).uuid(tipId).integer(slot).integer(count).string(kind.name())
        .optionalLong(capturedAt).strings(queueHolders).string(triageHolder).toByteArray();
  }

  static Lookup decode(byte[] bytes) {
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    return new Lookup(in.uuid(), in.integer(), in.integer(), IdentifierKind.valueOf(in.string()), in.optionalLong(),
        in.strings(), in.string());
  }

  /** What the index keeps of this tip under the identifier. */
  IndexEntry entry() {
    return new IndexEntry(tipId, queueHolders, triageHolder, capturedAt);
  }
}
