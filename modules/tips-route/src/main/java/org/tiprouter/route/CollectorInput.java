package org.tiprouter.route;

/**
 * What reaches the collector of a tip, on the partition of the tip id: the tip itself
 * ({@link PendingTip}) and one {@link LookupResult} per correlation key, in any order; and, at any
 * time, files reported after the tip ({@link PendingAttachment}).
 */
sealed interface CollectorInput permits PendingTip, LookupResult, PendingAttachment {

  /** The tip these inputs belong to. */
  java.util.UUID tipId();

  /** How many lookup results the tip waits for. */
  int count();

  byte[] encode();

  static CollectorInput decode(byte[] bytes) {
    byte type = Wire.Reader.typeOf(bytes);
    return switch (type) {
      case PendingTip.TYPE -> PendingTip.decode(bytes);
      case LookupResult.TYPE -> LookupResult.decode(bytes);
      case PendingAttachment.TYPE -> PendingAttachment.decode(bytes);
      default -> throw new IllegalArgumentException("Not a collector input: type " + type);
    };
  }
}
