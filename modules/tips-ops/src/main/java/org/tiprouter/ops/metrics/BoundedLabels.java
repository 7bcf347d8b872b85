package org.tiprouter.ops.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps one metric label's values bounded: values are cleaned to a short code, and once
 * {@code max} distinct values have been seen every new one is reported as {@value #OTHER}. This
 * protects the metrics store against label explosion from a bug or an unexpected input; it never
 * carries personal data because only codes (channel, stage, reason code, agency id) are passed in.
 */
final class BoundedLabels {

  static final String OTHER = "other";
  static final String NONE = "none";
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private final int max;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  BoundedLabels(int max) {
    this.max = max;
  }

  /** The label value to use for {@code raw}. */
  String of(String raw) {
    if (raw == null || raw.isBlank()) {
      return NONE;
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    if (!CODE.matcher(value).matches()) {
      return OTHER;
    }
    if (seen.contains(value)) {
      return value;
    }
    synchronized (seen) {
      if (seen.size() >= max) {
        return OTHER;
      }
      seen.add(value);
      return value;
    }
  }
}
