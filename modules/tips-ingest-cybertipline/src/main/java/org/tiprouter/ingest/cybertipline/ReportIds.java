package org.tiprouter.ingest.cybertipline;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Report ids and tip ids derived from a document's SHA-256, so the same document always gets the
 * same ids, whichever process receives it and however often it restarts. A report id is a 53-bit
 * number (at most 16 digits, exact in any JSON reader), far above NCMEC's own 9-digit ids; the tip
 * id is a version-8 UUID made of other bytes of the same hash.
 */
public final class ReportIds {

  private ReportIds() {}

  /** The report id of the document with this SHA-256 (lower-case hex). */
  public static String reportIdOf(String sha256) {
    long bits = ByteBuffer.wrap(HexFormat.of().parseHex(sha256, 0, 16)).getLong() >>> 11;
    return Long.toString(bits == 0 ? 1 : bits);
  }

  /** The tip id of the document with this SHA-256 (lower-case hex). */
  public static UUID tipIdOf(String sha256) {
    ByteBuffer bytes = ByteBuffer.wrap(HexFormat.of().parseHex(sha256, 32, 64));
    long most = (bytes.getLong() & ~0xF000L) | 0x8000L;
    long least = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }
}
