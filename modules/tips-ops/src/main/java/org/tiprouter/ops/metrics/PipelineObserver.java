package org.tiprouter.ops.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

/**
 * Counts what the pipeline writes by tailing its output topics (raw, normalised, agency queues
 * and urgent lanes, triage, dead letters) with its own {@code read_committed} consumer in group
 * {@value #GROUP}, so the stages and intakes need no metrics code. Feeds {@link TipMetrics} and
 * keeps the small rolling state the dashboard shows. Dead letters of stage {@code ingest} are
 * outside input an intake refused: they also count as {@code tips_rejected_total{channel,reason}}
 * (channel from the dead letter's context, {@code unknown} when it names none). End-to-end latency is the routed record's
 * {@code routedAt} minus the tip's {@code receivedAt} (the record timestamp is the intake's, carried
 * through by Kafka Streams). Reads only codes and ids from the records: never
 * logs or keeps payloads or personal data.
 */
public final class PipelineObserver implements AutoCloseable {

  /** The observer's consumer group. */
  public static final String GROUP = org.tiprouter.core.security.Principals.OPS_GROUP;
  private static final Logger LOG = LoggerFactory.getLogger(PipelineObserver.class);
  private static final int LATEST_DEAD_LETTERS = 20;
  private static final int LATENCY_SAMPLES = 2048;
  private static final int MINUTES_KEPT = 60;
  /** The context key under which intakes name the channel of refused input ({@code IngestDeadLetters}). */
  static final String CHANNEL = "channel";
  static final String UNKNOWN_CHANNEL = "unknown";

  private final TipMetrics metrics;
  private final TopicNames names;
  private final Pattern topics;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<RawTip> raw;
  private final Deserializer<Tip> tip;
  private final Deserializer<RoutedTip> routed;
  private final Deserializer<DeadLetter> deadLetter;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Thread thread;

  // dashboard state
  private final ConcurrentSkipListMap<Long, Map<String, AtomicLong>> ingestedPerMinute = new ConcurrentSkipListMap<>();
  private final long[] latencies = new long[LATENCY_SAMPLES];
  private int latencyCount;
  private int latencyNext;
  private final Map<String, AtomicLong> deadLetterCounts = new ConcurrentHashMap<>();
  private final Deque<DeadLetterEntry> latestDeadLetters = new ArrayDeque<>();
  private final Map<String, AtomicLong> routedPerAgency = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> urgentPerAgency = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
  private final AtomicLong unreadable = new AtomicLong();
  private final Map<TopicPartition, OffsetLog> queueOffsets = new ConcurrentHashMap<>();

  /** Metadata of one dead letter: never its payload. */
  public record DeadLetterEntry(String tipId, String stage, String reason, Instant at) {}

  /** The observer's rolling view for the dashboard. */
  public record View(Map<Long, Map<String, Long>> ingestedPerMinute, Long p50Millis, Long p99Millis, int latencySamples,
      Map<String, Long> deadLetterCounts, List<DeadLetterEntry> latestDeadLetters, Map<String, Long> routedPerAgency,
      Map<String, Long> urgentPerAgency, Map<String, Long> totals, long unreadable) {}

  public PipelineObserver(KafkaClientConfigs clients, ContractSerdes serdes, TopicNames names, TipMetrics metrics) {
    this.metrics = metrics;
    this.names = names;
    String p = Pattern.quote(names.prefix());
    this.topics = Pattern.compile(p + "\\.(raw\\.[a-z]+|normalised|triage|dlq\\.[a-z]+|agency\\.[a-z0-9-]+(\\.urgent)?)\\.v1");
    Map<String, Object> config = clients.consumer("tiprouter-ops-observer", GROUP);
    config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.raw = serdes.value(RawTip.class).deserializer();
    this.tip = serdes.value(Tip.class).deserializer();
    this.routed = serdes.value(RoutedTip.class).deserializer();
    this.deadLetter = serdes.value(DeadLetter.class).deserializer();
    this.thread = new Thread(this::run, "tiprouter-ops-observer");
    this.thread.setDaemon(true);
  }

  /** Subscribes to the output topics (new agency queues are picked up as they appear) and starts tailing. */
  public PipelineObserver start() {
    if (running.compareAndSet(false, true)) {
      thread.start();
    }
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(topics);
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          observe(record);
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
        if (!queueOffsets.isEmpty()) {
          for (TopicPartition partition : consumer.assignment()) {
            OffsetLog log = queueOffsets.get(partition);
            if (log != null) {
              try {
                log.readUpTo(consumer.position(partition, Duration.ZERO));
              } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // position not known yet: the next poll will tell
              }
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("Pipeline observer stopped: {}", e.getClass().getSimpleName() + ": " + e.getMessage());
    } finally {
      try {
        consumer.commitSync(Duration.ofSeconds(2));
      } catch (RuntimeException ignored) {
        // best effort on the way out
      }
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Handles one record; an unreadable record is counted and skipped. */
  void observe(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    String kind = topic.substring(names.prefix().length() + 1, topic.length() - ".v1".length());
    try {
      if (record.value() == null) {
        return;
      }
      if (kind.startsWith("agency.") || kind.equals("triage")) {
        queueOffsets.computeIfAbsent(new TopicPartition(topic, record.partition()), tp -> new OffsetLog(200_000))
            .add(record.offset());
      }
      if (kind.startsWith("raw.")) {
        RawTip value = raw.deserialize(topic, record.headers(), record.value());
        String channel = value.getChannel().name().toLowerCase(java.util.Locale.ROOT);
        metrics.ingested(channel);
        increment(totals, "ingested");
        long minute = Math.floorDiv(record.timestamp(), 60_000L);
        ingestedPerMinute.computeIfAbsent(minute, m -> new ConcurrentHashMap<>())
            .computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
        while (ingestedPerMinute.size() > MINUTES_KEPT) {
          ingestedPerMinute.pollFirstEntry();
        }
      } else if (kind.equals("normalised")) {
        Tip value = tip.deserialize(topic, record.headers(), record.value());
        metrics.normalised(value.getChannel().name().toLowerCase(java.util.Locale.ROOT));
        increment(totals, "normalised");
      } else if (kind.equals("triage")) {
        RoutedTip value = routed.deserialize(topic, record.headers(), record.value());
        if (value.getKind() == RoutedTipKind.ATTACHMENT) {
          metrics.attached();
          increment(totals, "attached");
        } else {
          String reason = value.getDecision() == null ? null : value.getDecision().getTriageReason();
          metrics.triaged(reason);
          increment(totals, "triaged");
        }
      } else if (kind.startsWith("dlq.")) {
        DeadLetter value = deadLetter.deserialize(topic, record.headers(), record.value());
        String stage = kind.substring("dlq.".length());
        metrics.deadLettered(stage, value.getReasonCode());
        if (stage.equals(Stage.INGEST.id())) {
          metrics.rejected(value.getContext().getOrDefault(CHANNEL, UNKNOWN_CHANNEL), value.getReasonCode());
        }
        increment(totals, "deadLettered");
        increment(deadLetterCounts, stage + "|" + value.getReasonCode());
        DeadLetterEntry entry = new DeadLetterEntry(value.getTipId() == null ? null : value.getTipId().toString(),
            stage, value.getReasonCode(), value.getDeadLetteredAt());
        synchronized (latestDeadLetters) {
          latestDeadLetters.addFirst(entry);
          while (latestDeadLetters.size() > LATEST_DEAD_LETTERS) {
            latestDeadLetters.removeLast();
          }
        }
      } else if (kind.startsWith("agency.")) {
        RoutedTip value = routed.deserialize(topic, record.headers(), record.value());
        String agency = value.getAgencyId();
        if (kind.endsWith(".urgent")) {
          if (value.getKind() == RoutedTipKind.TIP) {
            metrics.urgent(agency);
            increment(totals, "urgent");
            increment(urgentPerAgency, agency);
          }
        } else if (value.getKind() == RoutedTipKind.RELATED_TIP) {
          metrics.related();
          increment(totals, "related");
        } else if (value.getKind() == RoutedTipKind.ATTACHMENT) {
          metrics.attached();
          increment(totals, "attached");
        } else if (value.getKind() == RoutedTipKind.TIP) {
          metrics.routed(agency, value.getRole().name().toLowerCase(java.util.Locale.ROOT));
          increment(totals, "routed");
          increment(routedPerAgency, agency);
          if (value.getTip() != null) {
            // Streams carries the input record's timestamp through, so the record timestamp is not
            // the append time; routedAt is when route wrote the record.
            long millis = value.getRoutedAt().toEpochMilli() - value.getTip().getReceivedAt().toEpochMilli();
            metrics.endToEnd(Duration.ofMillis(millis));
            recordLatency(millis);
          }
        }
      }
    } catch (RuntimeException e) {
      unreadable.incrementAndGet();
      LOG.warn("Observer skipped an unreadable record on {} partition {} offset {}: {}", topic, record.partition(),
          record.offset(), e.getClass().getSimpleName());
    }
  }

  private static void increment(Map<String, AtomicLong> counts, String key) {
    if (counts.size() < 1000 || counts.containsKey(key)) {
      counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }
  }

  private synchronized void recordLatency(long millis) {
    if (millis < 0) {
      return;
    }
    latencies[latencyNext] = millis;
    latencyNext = (latencyNext + 1) % LATENCY_SAMPLES;
    latencyCount = Math.min(latencyCount + 1, LATENCY_SAMPLES);
  }

  /**
   * Data records on an agency lane or the triage queue partition in {@code [from, end)}: exact for
   * what the observer has read (transaction markers are not records), offset arithmetic otherwise.
   */
  public long recordsBetween(TopicPartition partition, long from, long end) {
    OffsetLog log = queueOffsets.get(partition);
    return log == null ? Math.max(0, end - from) : log.recordsBetween(from, end);
  }

  /** The current rolling state, for the dashboard. */
  public View view() {
    Long p50 = null;
    Long p99 = null;
    int samples;
    synchronized (this) {
      samples = latencyCount;
      if (latencyCount > 0) {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        p50 = sorted[(int) Math.ceil(0.50 * samples) - 1];
        p99 = sorted[(int) Math.ceil(0.99 * samples) - 1];
      }
    }
    Map<Long, Map<String, Long>> perMinute = new TreeMap<>();
    ingestedPerMinute.forEach((minute, channels) -> perMinute.put(minute * 60_000L, snapshot(channels)));
    List<DeadLetterEntry> latest;
    synchronized (latestDeadLetters) {
      latest = new ArrayList<>(latestDeadLetters);
    }
    return new View(perMinute, p50, p99, samples, snapshot(deadLetterCounts), latest, snapshot(routedPerAgency),
        snapshot(urgentPerAgency), snapshot(totals), unreadable.get());
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, value) -> copy.put(key, value.get()));
    return copy;
  }

  @Override
  public void close() {
    if (running.compareAndSet(true, false)) {
      consumer.wakeup();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ofSeconds(1));
    }
  }
}
