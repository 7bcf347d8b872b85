package org.tiprouter.route;

import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * A classified tip ready to be correlated: the pending tip for its collector (keyed by tip id)
 * and one lookup per correlation key (keyed by the key's hash).
 */
record Prepared(String tipKey, byte[] pendingTip, List<KeyValue<String, byte[]>> lookups) {

  Prepared {
    lookups = List.copyOf(lookups);
  }
}
