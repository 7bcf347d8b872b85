package org.tiprouter.route;

import java.time.Duration;
import java.util.Objects;

/**
 * How route correlates tips (see {@link RouteConfig} for each setting).
 *
 * @param key secret of the HMAC that keys the identifier index; never printed
 * @param window tips sharing an identifier are related when their record times are at most this far apart
 * @param ipWindow IPs relate tips only when their capture times are at most this far apart
 * @param maxRelated most related tips listed per tip, and most matches per identifier lookup
 * @param maxIdentifiers most identifiers of one tip that are correlated
 */
public record CorrelationSettings(byte[] key, Duration window, Duration ipWindow, int maxRelated, int maxIdentifiers) {

  public CorrelationSettings {
    Objects.requireNonNull(key, "key");
    key = key.clone();
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(ipWindow, "ipWindow");
    if (maxRelated < 1 || maxIdentifiers < 1) {
      throw new IllegalArgumentException("maxRelated and maxIdentifiers must be positive");
    }
  }

  /** The rules (180 days, IPs within 24 h), 50 related tips, 500 identifiers, with {@code key}. */
  public static CorrelationSettings defaults(byte[] key) {
    return new CorrelationSettings(key, Duration.ofDays(180), Duration.ofHours(24), 50, 500);
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "CorrelationSettings[key=(hidden), window=" + window + ", ipWindow=" + ipWindow + ", maxRelated="
        + maxRelated + ", maxIdentifiers=" + maxIdentifiers + "]";
  }
}
