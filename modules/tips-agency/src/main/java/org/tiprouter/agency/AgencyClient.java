package org.tiprouter.agency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

/**
 * Reads one agency's urgent lane and queue and hands every routed tip to a {@link TipHandler}.
 *
 * <ul>
 *   <li>reads {@code read_committed} only (no tip of an aborted routing transaction is seen);
 *   <li>urgent lane first: queue records are handled only while the urgent lane is caught up (its
 *       position at its end offset); otherwise the queue partitions are paused and rewound;
 *   <li>commits a record's offset only after the handler returned for it; a handler exception stops
 *       the client without committing that record ({@link TipNotHandledException});
 *   <li>resumes where the group stopped; after a crash, records handled but not committed are
 *       delivered again (at-least-once: handlers must be idempotent by {@code tipId}, and by
 *       {@code auditHead} for an {@code ATTACHMENT}: a file reported after the tip, which carries
 *       the tip's id).
 * </ul>
 *
 * <p>The consumer group is {@code agency.<agencyId>.<name>}. Urgent-first ordering holds within one
 * client instance; several instances of one group share partitions and each keeps it for its own.
 * The client never logs tip content, only positions.
 *
 * <p>{@link #run(TipHandler)} blocks in the calling thread; {@link #stop()} may be called from any
 * thread, including from inside the handler (the current record is then committed and the client
 * stops).
 */
public final class AgencyClient {

  private static final Logger LOG = LoggerFactory.getLogger(AgencyClient.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

  private final String agencyId;
  private final String name;
  private final String groupId;
  private final String urgentLane;
  private final String queue;
  private final KafkaClientConfigs clients;
  private final Map<String, Object> settings;
  private final ContractSerdes serdes;
  private final Duration pollTimeout;
  private final Instant since;
  private final boolean stopWhenCaughtUp;

  private volatile boolean stopping;
  private volatile KafkaConsumer<String, byte[]> running;
  private volatile Thread runner;
  private long handled;

  private AgencyClient(Builder builder) {
    this.agencyId = builder.agencyId;
    this.name = builder.name;
    this.groupId = "agency." + builder.agencyId + "." + builder.name;
    this.urgentLane = builder.topicNames.agencyUrgentLane(builder.agencyId);
    this.queue = builder.topicNames.agencyQueue(builder.agencyId);
    this.settings = new LinkedHashMap<>(builder.settings);
    this.clients = new KafkaClientConfigs(builder.bootstrapServers, settings);
    this.serdes = builder.serdes;
    this.pollTimeout = builder.pollTimeout;
    this.since = builder.since;
    this.stopWhenCaughtUp = builder.stopWhenCaughtUp;
  }

  /**
   * A client for {@code agencyId}; {@code name} distinguishes its consumer group
   * ({@code agency.<agencyId>.<name>}) from the agency's other readers.
   */
  public static Builder builder(String agencyId, String name) {
    return new Builder(agencyId, name);
  }

  public String agencyId() {
    return agencyId;
  }

  public String groupId() {
    return groupId;
  }

  public String urgentLane() {
    return urgentLane;
  }

  public String queue() {
    return queue;
  }

  /** Records handled and committed by the last or current {@link #run}. */
  public long handled() {
    return handled;
  }

  /**
   * Reads and handles records until {@link #stop()} is called, or, when built with
   * {@link Builder#stopWhenCaughtUp()}, until both topics are read to their end.
   *
   * @return the number of records handled and committed
   * @throws TipNotHandledException when the handler threw or a record could not be decoded; that
   *     record was not committed
   */
  public long run(TipHandler handler) {
    Objects.requireNonNull(handler, "handler");
    Map<String, Object> props = clients.consumer("agency-" + agencyId + "-" + name, groupId);
    if (!settings.containsKey(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)) {
      props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    }
    Deserializer<RoutedTip> decoder = serdes.value(RoutedTip.class).deserializer();
    handled = 0;
    stopping = false;
    runner = Thread.currentThread();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      running = consumer;
      requireTopics(consumer);
      consumer.subscribe(List.of(urgentLane, queue), new SinceListener(consumer));
      LOG.info("Agency client {} reading {} then {}", groupId, urgentLane, queue);
      while (!stopping) {
        try {
          if (!pollOnce(consumer, decoder, handler)) {
            break;
          }
        } catch (WakeupException e) {
          if (!stopping) {
            throw e;
          }
        }
      }
      LOG.info("Agency client {} stopped after {} records", groupId, handled);
      return handled;
    } finally {
      running = null;
      runner = null;
      decoder.close();
    }
  }

  /** Asks a running client to stop; it commits the record it is handling, if that succeeds. */
  public void stop() {
    stopping = true;
    KafkaConsumer<String, byte[]> consumer = running;
    if (consumer != null && Thread.currentThread() != runner) {
      consumer.wakeup();
    }
  }

  /** One poll; false when the client should stop (caught up). */
  private boolean pollOnce(KafkaConsumer<String, byte[]> consumer, Deserializer<RoutedTip> decoder,
      TipHandler handler) {
    ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
    for (ConsumerRecord<String, byte[]> record : records.records(urgentLane)) {
      deliver(consumer, decoder, handler, record, true);
      if (stopping) {
        return false;
      }
    }
    Set<TopicPartition> queuePartitions = partitionsOf(consumer.assignment(), queue);
    boolean queueFetched = records.partitions().stream().anyMatch(tp -> tp.topic().equals(queue));
    if (queueFetched || !consumer.paused().isEmpty()) {
      if (urgentCaughtUp(consumer)) {
        consumer.resume(consumer.paused());
        for (ConsumerRecord<String, byte[]> record : records.records(queue)) {
          deliver(consumer, decoder, handler, record, false);
          if (stopping) {
            return false;
          }
        }
      } else {
        for (TopicPartition partition : records.partitions()) {
          if (partition.topic().equals(queue)) {
            consumer.seek(partition, records.records(partition).get(0).offset());
          }
        }
        consumer.pause(queuePartitions);
      }
    }
    return !(stopWhenCaughtUp && allCaughtUp(consumer));
  }

  private void deliver(KafkaConsumer<String, byte[]> consumer, Deserializer<RoutedTip> decoder,
      TipHandler handler, ConsumerRecord<String, byte[]> record, boolean urgent) {
    String position = record.topic() + "-" + record.partition() + "@" + record.offset();
    RoutedTip routedTip;
    try {
      if (record.value() == null) {
        throw new IllegalArgumentException("record has no value");
      }
      routedTip = decoder.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      LOG.error("Agency client {} cannot decode {}; stopping without committing it", groupId, position);
      throw new TipNotHandledException(position, "Cannot decode the record", e);
    }
    try {
      handler.handle(new AgencyDelivery(record.topic(), record.partition(), record.offset(), urgent,
          routedTip));
    } catch (Exception e) {
      LOG.error("Agency client {}: handler failed on {} ({}); stopping without committing it",
          groupId, position, e.getClass().getSimpleName());
      throw new TipNotHandledException(position, "The handler failed", e);
    }
    commit(consumer, new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    handled++;
  }

  private static void commit(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
      long next) {
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(partition, new OffsetAndMetadata(next));
    try {
      consumer.commitSync(offsets, API_TIMEOUT);
    } catch (WakeupException e) {
      // stop() was called while committing a handled record: commit it anyway, then stop.
      consumer.commitSync(offsets, API_TIMEOUT);
    }
  }

  private boolean urgentCaughtUp(KafkaConsumer<String, byte[]> consumer) {
    return caughtUp(consumer, partitionsOf(consumer.assignment(), urgentLane));
  }

  private boolean allCaughtUp(KafkaConsumer<String, byte[]> consumer) {
    Set<TopicPartition> assignment = consumer.assignment();
    return !assignment.isEmpty() && caughtUp(consumer, assignment);
  }

  /** Every partition's position is at its end (the last stable offset, under read_committed). */
  private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer,
      Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return true;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, API_TIMEOUT);
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition, API_TIMEOUT) < ends.getOrDefault(partition, 0L)) {
        return false;
      }
    }
    return true;
  }

  private static Set<TopicPartition> partitionsOf(Set<TopicPartition> assignment, String topic) {
    Set<TopicPartition> partitions = new HashSet<>();
    for (TopicPartition partition : assignment) {
      if (partition.topic().equals(topic)) {
        partitions.add(partition);
      }
    }
    return partitions;
  }

  private void requireTopics(KafkaConsumer<String, byte[]> consumer) {
    if (partitions(consumer, urgentLane).isEmpty() && partitions(consumer, queue).isEmpty()) {
      throw new IllegalStateException("Agency " + agencyId + " has no queue: neither " + urgentLane
          + " nor " + queue + " exists (or this principal may not describe them)");
    }
  }

  private static List<PartitionInfo> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, API_TIMEOUT);
    return partitions == null ? List.of() : partitions;
  }

  /** With {@link Builder#since(Instant)}, moves each newly assigned partition to that time once. */
  private final class SinceListener implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<TopicPartition> positioned = new HashSet<>();

    SinceListener(KafkaConsumer<String, byte[]> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (since == null) {
        return;
      }
      Map<TopicPartition, Long> query = new HashMap<>();
      for (TopicPartition partition : partitions) {
        if (positioned.add(partition)) {
          query.put(partition, since.toEpochMilli());
        }
      }
      if (query.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, API_TIMEOUT);
      List<TopicPartition> toEnd = new ArrayList<>();
      query.keySet().forEach(partition -> {
        OffsetAndTimestamp offset = found.get(partition);
        if (offset == null) {
          toEnd.add(partition);
        } else {
          consumer.seek(partition, offset.offset());
        }
      });
      if (!toEnd.isEmpty()) {
        consumer.seekToEnd(toEnd);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Every handled record is already committed.
    }
  }

  /** Builds an {@link AgencyClient}. */
  public static final class Builder {
    private final String agencyId;
    private final String name;
    private String bootstrapServers = "localhost:9092";
    private TopicNames topicNames = TopicNames.defaults();
    private ContractSerdes serdes;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private Duration pollTimeout = Duration.ofMillis(500);
    private Instant since;
    private boolean stopWhenCaughtUp;

    private Builder(String agencyId, String name) {
      if (!TopicNames.isValidAgencyId(agencyId)) {
        throw new IllegalArgumentException("Invalid agency id '" + agencyId
            + "': expected ^[a-z0-9][a-z0-9-]{1,47}$");
      }
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("Invalid client name '" + name
            + "': expected ^[a-z0-9][a-z0-9._-]{0,63}$");
      }
      this.agencyId = agencyId;
      this.name = name;
    }

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      return this;
    }

    /** Topic names (their prefix); the default prefix is {@code tips}. */
    public Builder topicNames(TopicNames topicNames) {
      this.topicNames = Objects.requireNonNull(topicNames, "topicNames");
      return this;
    }

    /** How values are decoded: {@link ContractSerdes#registry} in production. */
    public Builder serdes(ContractSerdes serdes) {
      this.serdes = Objects.requireNonNull(serdes, "serdes");
      return this;
    }

    /**
     * Extra Kafka consumer settings, e.g. {@code security.protocol}, {@code sasl.mechanism},
     * {@code sasl.jaas.config} (see {@link AgencyCredentials}). Settings that would weaken the
     * guarantees ({@code isolation.level}, {@code enable.auto.commit}) are refused.
     */
    public Builder settings(Map<String, ?> settings) {
      this.settings.putAll(settings);
      return this;
    }

    /** For a group with no committed offsets: start at the end rather than the beginning. */
    public Builder startAtEnd() {
      settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
      return this;
    }

    /** Starts each partition at the first record written at or after {@code since}. */
    public Builder since(Instant since) {
      this.since = Objects.requireNonNull(since, "since");
      return this;
    }

    /** {@link #run} returns once both topics are read to their end (for exports). */
    public Builder stopWhenCaughtUp() {
      this.stopWhenCaughtUp = true;
      return this;
    }

    public Builder pollTimeout(Duration pollTimeout) {
      this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
      return this;
    }

    public AgencyClient build() {
      Objects.requireNonNull(serdes, "serdes");
      AgencyClient client = new AgencyClient(this);
      client.clients.consumer("check", client.groupId);
      return client;
    }
  }
}
