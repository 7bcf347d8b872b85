package org.tiprouter.ingest.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Remembers which tip each {@code submissionId} became, for the idempotency window, so that the
 * same submission sent again gets the same tip id and nothing new is written. Bounded (the
 * oldest ids are forgotten first) and in memory; {@link LedgerRestore} refills it from the raw
 * topic at start. Two requests with the same id at the same time do not both write: the second
 * waits for the first and shares its outcome.
 */
final class SubmissionLedger {

  /** A stored submission: its tip id, what it said, and when it was stored. */
  record Entry(UUID tipId, String fingerprint, Instant storedAt) {}

  /** The answer to {@link #claim}. */
  sealed interface Claim {
    /** The id was stored before. */
    record Known(Entry entry) implements Claim {}

    /** Nobody has the id: the caller stores it, then calls {@link #complete} or {@link #abandon}. */
    record Reserved(String submissionId, CompletableFuture<Entry> result) implements Claim {}

    /** Another request with the id is still being stored and did not finish in time, or failed. */
    record Busy() implements Claim {}
  }

  private final Duration window;
  private final Clock clock;
  private final Map<String, Entry> entries;
  private final Map<String, CompletableFuture<Entry>> inFlight = new HashMap<>();

  SubmissionLedger(Duration window, int maxEntries, Clock clock) {
    this.window = window;
    this.clock = clock;
    this.entries = new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  Duration window() {
    return window;
  }

  /** Looks the id up, or reserves it; waits at most {@code wait} for a concurrent request with the same id. */
  Claim claim(String submissionId, Duration wait) {
    CompletableFuture<Entry> other;
    synchronized (this) {
      Entry known = fresh(submissionId);
      if (known != null) {
        return new Claim.Known(known);
      }
      other = inFlight.get(submissionId);
      if (other == null) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        inFlight.put(submissionId, mine);
        return new Claim.Reserved(submissionId, mine);
      }
    }
    try {
      return new Claim.Known(other.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return new Claim.Busy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Claim.Busy();
    }
  }

  /** The reserved submission was stored. */
  void complete(Claim.Reserved reserved, Entry entry) {
    synchronized (this) {
      entries.put(reserved.submissionId(), entry);
      inFlight.remove(reserved.submissionId());
    }
    reserved.result().complete(entry);
  }

  /** The reserved submission was not stored; the id is free again. */
  void abandon(Claim.Reserved reserved) {
    synchronized (this) {
      inFlight.remove(reserved.submissionId());
    }
    reserved.result().completeExceptionally(new IllegalStateException("not stored"));
  }

  /** Records a submission stored earlier (restore); an entry older than the window is ignored. */
  synchronized void remember(String submissionId, Entry entry) {
    if (entry.storedAt().plus(window).isAfter(clock.instant())) {
      entries.remove(submissionId);
      entries.put(submissionId, entry);
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private Entry fresh(String submissionId) {
    Entry entry = entries.get(submissionId);
    if (entry != null && !entry.storedAt().plus(window).isAfter(clock.instant())) {
      entries.remove(submissionId);
      return null;
    }
    return entry;
  }
}
