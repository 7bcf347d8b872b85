package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.core.errors.DeadLetters;

/** Route's internal records survive their binary form, and a record of another type is refused. */
class CorrelationMessagesTest {

  private static final UUID TIP = UUID.fromString("6d0f3c1e-58a2-4b7e-9f14-3a2c8e5d7b90");

  @Test
  void readsBackALookupAnIndexEntryAndAResult() {
    Lookup lookup = new Lookup(TIP, 3, 7, IdentifierKind.IP, 1_741_822_692_000L, List.of("knoxville-pd", "tn-icac"),
        "national-triage");
    LookupResult result = new LookupResult(TIP, 3, 7, IdentifierKind.EMAIL, List.of(
        new LookupResult.Match(UUID.randomUUID(), 1_741_000_000_000L, List.of("memphis-pd"), null)));

    assertThat(Lookup.decode(lookup.encode())).isEqualTo(lookup);
    assertThat(IndexEntry.decode(lookup.entry().encode())).isEqualTo(lookup.entry());
    assertThat(CollectorInput.decode(result.encode())).isEqualTo(result);
  }

  @Test
  void readsBackAPendingTipWithItsOriginalBytesAndSource() {
    PendingTip tip = new PendingTip(TIP, 2, null, new byte[] {1, 2, 3},
        new DeadLetters.Source("tips.classified.v1", 2, 41L, Instant.parse("2025-03-14T07:30:02.010Z")));

    PendingTip read = (PendingTip) CollectorInput.decode(tip.encode());
    assertThat(read.tipId()).isEqualTo(TIP);
    assertThat(read.count()).isEqualTo(2);
    assertThat(read.originalKey()).isNull();
    assertThat(read.originalValue()).containsExactly(1, 2, 3);
    assertThat(read.source()).isEqualTo(tip.source());
  }

  @Test
  void refusesARecordOfAnotherTypeOrVersion() {
    byte[] lookup = new Lookup(TIP, 0, 1, IdentifierKind.EMAIL, null, List.of(), null).encode();

    assertThatThrownBy(() -> IndexEntry.decode(lookup)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CollectorInput.decode(lookup)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CollectorInput.decode(new byte[] {9, 'R'})).isInstanceOf(IllegalArgumentException.class);
  }
}
