package org.tiprouter.route;

import java.util.Objects;
import org.tiprouter.contract.IdentifierKind;

/**
 * One identifier of a tip as the correlation index sees it: its keyed hash, its kind, and for an
 * IP the capture time. Holds no identifier value.
 *
 * @param hash HMAC of the canonical identifier ({@link IdentifierHasher})
 * @param kind the identifier's kind (attachment hashes count as FILE_HASH)
 * @param capturedAt for an IP, when it was captured in use (epoch millis); null otherwise
 */
record CorrelationKey(String hash, IdentifierKind kind, Long capturedAt) {

  CorrelationKey {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(kind, "kind");
  }
}
