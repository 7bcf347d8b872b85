package org.tiprouter.ingest.web;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * The short code a tipster is shown after submitting, derived from the tip id so it needs no
 * storage: {@code TIP-7K3Q-9XWD-M2}. Crockford base32 (no I, L, O, U) so it reads well aloud.
 */
final class Receipts {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private Receipts() {}

  static String of(UUID tipId) {
    long bits = ByteBuffer.allocate(16).putLong(tipId.getMostSignificantBits())
        .putLong(tipId.getLeastSignificantBits()).getLong(0);
    StringBuilder code = new StringBuilder("TIP-");
    for (int i = 0; i < 10; i++) {
      if (i == 4 || i == 8) {
        code.append('-');
      }
      code.append(ALPHABET[(int) (bits >>> (59 - 5 * i)) & 31]);
    }
    return code.toString();
  }
}
