package org.tiprouter.route;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a canonical identifier into the key of the correlation index: lower-case hex
 * HMAC-SHA256 under the stage's secret. Without the secret the key cannot be reversed or
 * recomputed from a guessed identifier, so index keys, changelog keys and repartition keys hold no
 * personal data.
 */
final class IdentifierHasher {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  IdentifierHasher(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("The correlation key is empty");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The index key of {@code canonical} (64 hex characters). */
  String hash(String canonical) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "IdentifierHasher[HMAC-SHA256, key hidden]";
  }
}
