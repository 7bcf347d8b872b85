package org.tiprouter.normalise;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/**
 * Normalises raw tips that meet here keyed by channel and payload hash. The first tip with a
 * payload becomes a canonical tip; the same payload on the same channel within
 * {@link #WINDOW} produces no second tip, only a {@code DUPLICATE_OF <tipId>} audit event. The
 * index is a changelogged window store whose old segments expire, so it stays bounded.
 */
final class DuplicateFilter implements Processor<String, byte[], String, StageOutcome<Normalised>> {

  /** How long a payload is remembered. */
  static final Duration WINDOW = Duration.ofDays(7);
  static final String STORE = "normalise-payload-index";
  private static final Logger LOG = LoggerFactory.getLogger(DuplicateFilter.class);

  private final RawTipNormaliser normaliser;
  private final Deserializer<RawTip> rawTips;
  private ProcessorContext<String, StageOutcome<Normalised>> context;
  private WindowStore<String, String> index;

  DuplicateFilter(RawTipNormaliser normaliser, Deserializer<RawTip> rawTips) {
    this.normaliser = normaliser;
    this.rawTips = rawTips;
  }

  @Override
  public void init(ProcessorContext<String, StageOutcome<Normalised>> context) {
    this.context = context;
    this.index = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Received<RawTip> received = null;
    StageOutcome<Normalised> outcome;
    try {
      RawTip raw = rawTips.deserialize(null, record.value());
      received = new Received<>(raw, ProvenanceHeaders.read(record.headers()),
          raw.getTipId().toString().getBytes(StandardCharsets.UTF_8), record.value());
      outcome = filter(received, record.key(), record.timestamp());
    } catch (RuntimeException e) {
      Received<?> failed = received != null ? received
          : new Received<>(record.value(), ProvenanceHeaders.read(record.headers()), null, record.value());
      LOG.error("Normalising failed for tip {}: {}", failed.tipId(), e.getClass().getName());
      outcome = failed.reject(normaliser.deadLetters(), ReasonCode.PROCESSING_FAILED, e.getClass().getName(),
          failed.tipId());
    }
    context.forward(record.withValue(outcome));
  }

  private StageOutcome<Normalised> filter(Received<RawTip> received, String payloadKey, long timestamp) {
    UUID original = firstTipWithin(payloadKey, timestamp);
    if (original != null) {
      LOG.info("Raw tip {} repeats the payload of tip {}", received.value().getTipId(), original);
      return StageOutcome.success(normaliser.duplicate(received, original));
    }
    StageOutcome<Normalised> outcome = normaliser.normalise(received);
    if (!outcome.isRejected() && outcome.value().isTip()) {
      // only a payload that became a tip is remembered: a refused one may be fixed and replayed, and
      // a repeated attachment is recognised by route, which records it on the tip's chain
      index.put(payloadKey, received.value().getTipId().toString(), timestamp);
    }
    return outcome;
  }

  private UUID firstTipWithin(String payloadKey, long timestamp) {
    long from = Math.max(0, timestamp - WINDOW.toMillis());
    try (WindowStoreIterator<String> seen = index.fetch(payloadKey, from, Long.MAX_VALUE)) {
      return seen.hasNext() ? UUID.fromString(seen.next().value) : null;
    }
  }

}
