package org.tiprouter.ingest.phone;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of the HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio requested followed by every POST parameter sorted
 * by name (then value), each name immediately followed by its value. Compared in constant time.
 * The token never leaves this object.
 */
final class TwilioSignature {

  private static final String HMAC_SHA1 = "HmacSHA1";
  private final SecretKeySpec key;

  TwilioSignature(String authToken) {
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1);
  }

  /** Whether {@code signature} is the signature of {@code url} and {@code parameters}. */
  boolean isValid(String url, List<FormParameter> parameters, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] expected = of(url, parameters).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
  }

  /** The signature of {@code url} and {@code parameters}. */
  String of(String url, List<FormParameter> parameters) {
    List<FormParameter> sorted = new ArrayList<>(parameters);
    sorted.sort(Comparator.comparing(FormParameter::name).thenComparing(FormParameter::value));
    StringBuilder data = new StringBuilder(url);
    for (FormParameter parameter : sorted) {
      data.append(parameter.name()).append(parameter.value());
    }
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA1 is not available", e);
    }
  }
}
