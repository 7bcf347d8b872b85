package org.tiprouter.ops.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Limits how many tips one client may submit: a token bucket per client that holds
 * {@code requests} tokens and refills evenly over {@code window}. Clients are told apart by an
 * HMAC-SHA-256 of their address under a random key made when the process starts, so the map
 * holds no address, the key never leaves memory, and nothing survives a restart. At most
 * {@code maxClients} buckets are kept; the least recently seen client is forgotten first.
 */
public final class ClientRateLimiter {

  /** Whether a request may go ahead and, when not, after how many seconds it may be tried again. */
  public record Decision(boolean allowed, long retryAfterSeconds) {}

  private record ClientKey(long high, long low) {}

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }

  private final int capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoTime;
  private final SecretKeySpec key;
  private final Map<ClientKey, Bucket> buckets;

  public ClientRateLimiter(int requests, Duration window, int maxClients, LongSupplier nanoTime) {
    this.capacity = requests;
    this.tokensPerNano = requests / (double) window.toNanos();
    this.nanoTime = nanoTime;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<ClientKey, Bucket> eldest) {
        return size() > maxClients;
      }
    };
  }

  /** Takes one token for the client at {@code address}, if it has one. */
  public Decision tryAcquire(String address) {
    ClientKey client = keyOf(address);
    long now = nanoTime.getAsLong();
    synchronized (buckets) {
      Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
      bucket.refilledAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return new Decision(true, 0);
      }
      double nanosToNextToken = (1 - bucket.tokens) / tokensPerNano;
      return new Decision(false, Math.max(1, (long) Math.ceil(nanosToNextToken / 1e9)));
    }
  }

  /** How many clients are remembered now. */
  int clients() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private ClientKey keyOf(String address) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      ByteBuffer digest = ByteBuffer.wrap(mac.doFinal(String.valueOf(address).getBytes(StandardCharsets.UTF_8)));
      return new ClientKey(digest.getLong(), digest.getLong());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
    }
  }
}
