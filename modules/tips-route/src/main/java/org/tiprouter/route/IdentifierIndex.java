package org.tiprouter.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.IdentifierKind;

/**
 * Phase 1, on the partition of an identifier's keyed hash: finds the earlier tips that share the
 * identifier within the correlation window (for an IP, with capture times within the IP window),
 * adds the new tip to the index, and answers to the new tip's partition.
 *
 * <p>The index is a changelogged window store ({@value #STORE}) keyed by the hash, one entry per
 * tip at the tip's record time, duplicates retained. Its retention is the correlation window, so
 * entries older than that (by stream time) are neither returned nor kept: the index stays bounded.
 * A lookup reads at most {@value #SCAN_LIMIT} entries, newest first, and returns at most
 * {@code maxRelated} tips.
 */
final class IdentifierIndex implements Processor<String, byte[], String, byte[]> {

  static final String STORE = "route-identifier-index";
  /** Most index entries one lookup reads (an identifier shared by very many tips). */
  static final int SCAN_LIMIT = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(IdentifierIndex.class);

  private final Duration window;
  private final Duration ipWindow;
  private final int maxRelated;
  private ProcessorContext<String, byte[]> context;
  private WindowStore<String, byte[]> index;

  IdentifierIndex(CorrelationSettings settings) {
    this.window = settings.window();
    this.ipWindow = settings.ipWindow();
    this.maxRelated = settings.maxRelated();
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.index = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Lookup lookup = Lookup.decode(record.value());
    List<LookupResult.Match> matches = earlierTips(record.key(), lookup, record.timestamp());
    index.put(record.key(), lookup.entry().encode(), record.timestamp());
    LookupResult result = new LookupResult(lookup.tipId(), lookup.slot(), lookup.count(), lookup.kind(), matches);
    context.forward(record.withKey(lookup.tipId().toString()).withValue(result.encode()));
  }

  private List<LookupResult.Match> earlierTips(String hash, Lookup lookup, long time) {
    List<LookupResult.Match> matches = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    long from = Math.max(0, time - window.toMillis());
    long to = time + window.toMillis();
    int scanned = 0;
    try (WindowStoreIterator<byte[]> entries = index.backwardFetch(hash, from, to)) {
      while (entries.hasNext() && matches.size() < maxRelated && scanned++ < SCAN_LIMIT) {
        KeyValue<Long, byte[]> stored = entries.next();
        IndexEntry entry = decode(stored.value, lookup.tipId());
        if (entry != null && !entry.tipId().equals(lookup.tipId()) && seen.add(entry.tipId())
            && capturedTogether(lookup, entry)) {
          matches.add(new LookupResult.Match(entry.tipId(), stored.key, entry.queueHolders(), entry.triageHolder()));
        }
      }
    }
    return matches;
  }

  /** IPs match only when both capture times are known and close enough; other kinds always. */
  private boolean capturedTogether(Lookup lookup, IndexEntry entry) {
    if (lookup.kind() != IdentifierKind.IP) {
      return true;
    }
    return lookup.capturedAt() != null && entry.capturedAt() != null
        && Math.abs(lookup.capturedAt() - entry.capturedAt()) <= ipWindow.toMillis();
  }

  private static IndexEntry decode(byte[] value, UUID forTip) {
    try {
      return IndexEntry.decode(value);
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping an unreadable identifier index entry while correlating tip {}: {}", forTip, e.getMessage());
      return null;
    }
  }
}
