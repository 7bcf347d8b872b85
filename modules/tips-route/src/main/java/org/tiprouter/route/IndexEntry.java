package org.tiprouter.route;

import java.util.List;
import java.util.UUID;

/**
 * A tip in the identifier index, under the keyed hash of one of its identifiers, at the tip's
 * record time: which tip, which agencies hold it, and for an IP the capture time.
 *
 * @param tipId the tip
 * @param queueHolders agencies that hold it on their queues
 * @param triageHolder the agency that holds it on the triage topic, or null
 * @param capturedAt for an IP, its capture time (epoch millis); null otherwise
 */
record IndexEntry(UUID tipId, List<String> queueHolders, String triageHolder, Long capturedAt) {

  static final byte TYPE = 'E';

  IndexEntry {
    queueHolders = List.copyOf(queueHolders);
  }

  byte[] encode() {
    return new Wire.Writer(TYPE).uuid(tipId).strings(queueHolders).string(triageHolder).optionalLong(capturedAt)
        .toByteArray();
  }

  static IndexEntry decode(byte[] bytes) {
    Wire.Reader in = new Wire.Reader(bytes, TYPE);
    return new IndexEntry(in.uuid(), in.strings(), in.string(), in.optionalLong());
  }
}
