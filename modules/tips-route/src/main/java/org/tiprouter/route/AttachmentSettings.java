package org.tiprouter.route;

import java.time.Duration;
import java.util.Objects;

/**
 * How route attaches files reported after their tip (see {@link RouteConfig} for each setting).
 *
 * @param holdFor how long an attachment whose tip route has not routed yet is held before it is
 *     dead-lettered as {@code ATTACHMENT_TIP_UNKNOWN}
 * @param custodyRetention how long route remembers a routed tip's chain head and holders, so that
 *     later attachments can still be attached; at least the raw topics' retention
 */
public record AttachmentSettings(Duration holdFor, Duration custodyRetention) {

  public AttachmentSettings {
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(custodyRetention, "custodyRetention");
    if (holdFor.isNegative() || holdFor.isZero() || custodyRetention.isNegative() || custodyRetention.isZero()) {
      throw new IllegalArgumentException("holdFor and custodyRetention must be positive");
    }
  }

  /** Seven days' wait, 400 days' custody (longer than the raw topics keep a fileDetails document). */
  public static AttachmentSettings defaults() {
    return new AttachmentSettings(Duration.ofDays(7), Duration.ofDays(400));
  }

  /** How often held attachments and old custody entries are checked: at most a minute, at most the hold time. */
  Duration checkInterval() {
    return holdFor.compareTo(Duration.ofMinutes(1)) < 0 ? holdFor : Duration.ofMinutes(1);
  }
}
