package org.tiprouter.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SubmissionLedgerTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final SubmissionLedger ledger = new SubmissionLedger(Duration.ofHours(24), 2, Clock.fixed(NOW, ZoneOffset.UTC));
  private final UUID tipId = UUID.fromString("6f1c2a0e-1d2b-4c3d-8e4f-5a6b7c8d9e0f");

  @Test
  void reservesAnUnknownIdThenKnowsItOnceStored() {
    SubmissionLedger.Claim first = ledger.claim("a", Duration.ofSeconds(1));
    assertThat(first).isInstanceOf(SubmissionLedger.Claim.Reserved.class);
    ledger.complete((SubmissionLedger.Claim.Reserved) first, new SubmissionLedger.Entry(tipId, "fp", NOW));

    assertThat(ledger.claim("a", Duration.ofSeconds(1)))
        .isEqualTo(new SubmissionLedger.Claim.Known(new SubmissionLedger.Entry(tipId, "fp", NOW)));
  }

  @Test
  void anAbandonedIdIsFreeAgain() {
    ledger.abandon((SubmissionLedger.Claim.Reserved) ledger.claim("a", Duration.ofSeconds(1)));

    assertThat(ledger.claim("a", Duration.ofSeconds(1))).isInstanceOf(SubmissionLedger.Claim.Reserved.class);
  }

  @Test
  void aConcurrentClaimWaitsForTheFirstAndSharesItsOutcome() throws Exception {
    SubmissionLedger.Claim.Reserved first = (SubmissionLedger.Claim.Reserved) ledger.claim("a", Duration.ofSeconds(1));
    CompletableFuture<SubmissionLedger.Claim> second = CompletableFuture.supplyAsync(
        () -> ledger.claim("a", Duration.ofSeconds(10)));
    ledger.complete(first, new SubmissionLedger.Entry(tipId, "fp", NOW));

    assertThat(second.get()).isEqualTo(new SubmissionLedger.Claim.Known(new SubmissionLedger.Entry(tipId, "fp", NOW)));
  }

  @Test
  void aConcurrentClaimIsBusyWhileTheFirstIsNotStoredInTime() {
    ledger.claim("a", Duration.ofSeconds(1));

    assertThat(ledger.claim("a", Duration.ofMillis(20))).isInstanceOf(SubmissionLedger.Claim.Busy.class);
  }

  @Test
  void forgetsIdsOlderThanTheWindowAndTheOldestBeyondItsSize() {
    ledger.remember("old", new SubmissionLedger.Entry(tipId, "fp", NOW.minus(Duration.ofHours(25))));
    ledger.remember("a", new SubmissionLedger.Entry(tipId, "fp", NOW.minus(Duration.ofHours(23))));
    ledger.remember("b", new SubmissionLedger.Entry(tipId, "fp", NOW));
    ledger.remember("c", new SubmissionLedger.Entry(tipId, "fp", NOW));

    assertThat(ledger.size()).isEqualTo(2);
    assertThat(ledger.claim("old", Duration.ofSeconds(1))).isInstanceOf(SubmissionLedger.Claim.Reserved.class);
    assertThat(ledger.claim("a", Duration.ofSeconds(1))).isInstanceOf(SubmissionLedger.Claim.Reserved.class);
    assertThat(ledger.claim("c", Duration.ofSeconds(1))).isInstanceOf(SubmissionLedger.Claim.Known.class);
  }
}
