package org.tiprouter.ops.metrics;

import java.util.Arrays;

/**
 * The offsets of the data records seen on one partition, in order, so that "records from offset
 * {@code c}" can be counted exactly: with exactly-once producers every transaction also takes an
 * offset for its commit marker, so end offset minus committed offset overstates what is unread.
 * Keeps at most {@code max} offsets; below the oldest kept one it falls back to offset arithmetic.
 */
final class OffsetLog {

  private final int max;
  private long[] offsets = new long[64];
  private int size;
  private long keptFrom = -1;
  private long next;

  OffsetLog(int max) {
    this.max = max;
  }

  synchronized void add(long offset) {
    if (keptFrom < 0) {
      keptFrom = offset;
    }
    if (size == offsets.length) {
      if (size >= max) {
        int drop = size / 2;
        System.arraycopy(offsets, drop, offsets, 0, size - drop);
        size -= drop;
        keptFrom = offsets[0];
      } else {
        offsets = Arrays.copyOf(offsets, Math.min(max, size * 2));
      }
    }
    offsets[size++] = offset;
    next = offset + 1;
  }

  /** The observer's consumer has read the partition up to {@code position} (past any markers). */
  synchronized void readUpTo(long position) {
    if (keptFrom >= 0 && position > next) {
      next = position;
    }
  }

  /**
   * Data records in {@code [from, end)}: exact for what this log saw, offset arithmetic for what
   * lies before the oldest kept offset or after the newest seen one (not yet read by the observer).
   */
  synchronized long recordsBetween(long from, long end) {
    if (end <= from) {
      return 0;
    }
    if (keptFrom < 0) {
      return end - from;
    }
    long count = 0;
    if (from < keptFrom) {
      count += Math.min(end, keptFrom) - from;
    }
    int lo = lowerBound(Math.max(from, keptFrom));
    int hi = lowerBound(end);
    count += Math.max(0, hi - lo);
    if (end > next) {
      count += end - Math.max(next, from);
    }
    return count;
  }

  private int lowerBound(long value) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (offsets[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
