package org.tiprouter.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetLogTest {

  @Test
  void countsRecordsNotTransactionMarkers() {
    OffsetLog log = new OffsetLog(1000);
    // three transactions of one record each: offsets 0, 2, 4 are records, 1, 3, 5 are markers
    log.add(0);
    log.add(2);
    log.add(4);
    log.readUpTo(6);
    assertThat(log.recordsBetween(0, 6)).isEqualTo(3);
    assertThat(log.recordsBetween(1, 6)).isEqualTo(2);
    assertThat(log.recordsBetween(5, 6)).isZero();
    assertThat(log.recordsBetween(6, 6)).isZero();
    // what the observer has not read yet is counted by offsets
    assertThat(log.recordsBetween(0, 10)).isEqualTo(3 + 4);
  }

  @Test
  void fallsBackToOffsetsBelowWhatItKeeps() {
    OffsetLog log = new OffsetLog(4);
    for (long offset = 0; offset < 20; offset += 2) {
      log.add(offset);
    }
    log.readUpTo(20);
    // only the newest offsets are kept; the count never undercounts
    assertThat(log.recordsBetween(0, 20)).isBetween(10L, 20L);
    assertThat(log.recordsBetween(18, 20)).isEqualTo(1);
  }

  @Test
  void aLogThatSawNothingCountsOffsets() {
    assertThat(new OffsetLog(10).recordsBetween(3, 7)).isEqualTo(4);
  }
}
