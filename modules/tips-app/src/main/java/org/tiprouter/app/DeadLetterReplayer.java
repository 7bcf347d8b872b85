package org.tiprouter.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.security.Principals;
import org.tiprouter.core.topics.TopicFlows;
import org.tiprouter.core.topics.TopicNames;

/**
 * Re-injects a stage's dead letters into the topic the stage read them from: the exact original
 * key and value bytes, on the original partition, with provenance headers
 * ({@value #REPLAY_OF}, {@value #REPLAY_SOURCE}, {@value #REPLAY_REASON}, {@value #REPLAY_AT}).
 *
 * <p>Idempotent: the record of what was replayed is the replayed records themselves. A run first
 * takes the stage's replay transactional id ({@code initTransactions} fences any other run and
 * aborts its open transaction), then reads back the {@value #REPLAY_OF} headers on the input topics
 * ({@code read_committed}, from just before the oldest dead letter) and skips every dead letter
 * already named there. Records are written in transactions of {@value #BATCH}: after a crash a
 * batch is either wholly visible (and skipped next time) or not at all (and replayed next time).
 */
final class DeadLetterReplayer {

  /** The dead letter a record replays: {@code tips.dlq.normalise.v1-0@17}. */
  static final String REPLAY_OF = "tiprouter.replay.of";
  /** Where the stage first read the record: {@code tips.raw.web.v1-2@40}. */
  static final String REPLAY_SOURCE = "tiprouter.replay.source";
  /** The dead letter's reason code. */
  static final String REPLAY_REASON = "tiprouter.replay.reason";
  /** When the replay wrote the record (ISO-8601, UTC). */
  static final String REPLAY_AT = "tiprouter.replay.at";
  static final int BATCH = 200;
  /** Replays are looked for from this long before the oldest dead letter (clocks of different hosts). */
  static final Duration CLOCK_MARGIN = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplayer.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Reading an input topic back may cover months of tips. */
  private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(15);

  /**
   * What a run found and did.
   *
   * @param deadLetterTopic the topic read
   * @param total dead letters on it
   * @param plan what was (or would be) replayed and what was left alone
   * @param written where each replayed dead letter now is on its input topic (empty in a dry run)
   */
  record Result(String deadLetterTopic, int total, ReplayPlan plan, Map<ReplayPlan.Position, ReplayPlan.Position> written) {}

  private final KafkaClientConfigs clients;
  private final Deserializer<DeadLetter> deadLetters;
  private final TopicNames names;
  private final Clock clock;

  DeadLetterReplayer(KafkaClientConfigs clients, Deserializer<DeadLetter> deadLetters, TopicNames names, Clock clock) {
    this.clients = clients;
    this.deadLetters = deadLetters;
    this.names = names;
    this.clock = clock;
  }

  /**
   * The topics a stage reads, which are the only topics replay writes to.
   *
   * @throws IllegalArgumentException for {@link Stage#INGEST}: its dead letters are outside input
   *     that never was on a topic
   */
  static Set<String> inputs(Stage stage, TopicNames names) {
    if (stage == Stage.INGEST) {
      throw new IllegalArgumentException("dead letters of stage ingest are not replayable: they are "
          + "outside input an intake refused (the sender was told) and never became a raw tip; resubmit through the "
          + "intake instead");
    }
    // the directory is a compacted table read whole: an old directory record put back would undo a newer one
    return new TopicFlows(names).of(Principals.stage(stage)).reads().stream()
        .filter(ref -> !ref.prefixed() && !ref.name().equals(names.agencies()))
        .map(TopicFlows.TopicRef::name)
        .collect(Collectors.toUnmodifiableSet());
  }


  /** The transactional id of a stage's replays: one per stage and topic prefix, so two runs fence each other. */
  String transactionalId(Stage stage) {
    return "tiprouter-dlq-replay-" + names.prefix() + "-" + stage.id();
  }

  /**
   * Plans a replay of {@code stage}'s dead letters with {@code reasons} (empty: every code a fix
   * can cure) and, unless {@code dryRun}, writes it.
   */
  Result run(Stage stage, Set<String> reasons, boolean includeFailedReplays, boolean dryRun) throws Exception {
    Set<String> inputs = inputs(stage, names);
    if (dryRun) {
      return plan(stage, inputs, reasons, includeFailedReplays, null);
    }
    Map<String, Object> settings = clients.producer("tiprouter-dlq-replay-" + stage.id());
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(stage));
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      return plan(stage, inputs, reasons, includeFailedReplays, producer);
    }
  }

  private Result plan(Stage stage, Set<String> inputs, Set<String> reasons, boolean includeFailedReplays,
      KafkaProducer<byte[], byte[]> producer) throws Exception {
    String topic = names.deadLetters(stage);
    Map<ReplayPlan.Position, DeadLetter> letters = new LinkedHashMap<>();
    List<ReplayPlan.Letter> metadata = new ArrayList<>();
    Instant oldest = null;
    for (ConsumerRecord<byte[], byte[]> record : TopicSnapshot.read(clients, topic, new ByteArrayDeserializer(),
        new ByteArrayDeserializer(), TIMEOUT)) {
      ReplayPlan.Position at = new ReplayPlan.Position(record.topic(), record.partition(), record.offset());
      DeadLetter letter = decode(record);
      if (letter == null) {
        metadata.add(new ReplayPlan.Letter(at, null, null, null, false));
        continue;
      }
      letters.put(at, letter);
      ReplayPlan.Position source = letter.getSourceTopic() == null || letter.getSourcePartition() == null
          || letter.getSourceOffset() == null ? null
          : new ReplayPlan.Position(letter.getSourceTopic(), letter.getSourcePartition(), letter.getSourceOffset());
      metadata.add(new ReplayPlan.Letter(at, letter.getReasonCode(), letter.getTipId(), source,
          letter.getOriginalValue() != null));
      if (source != null && inputs.contains(source.topic())
          && (oldest == null || letter.getDeadLetteredAt().isBefore(oldest))) {
        oldest = letter.getDeadLetteredAt();
      }
    }
    Map<ReplayPlan.Position, ReplayPlan.Position> replays = oldest == null ? Map.of()
        : replaysOn(inputs, oldest.minus(CLOCK_MARGIN));
    ReplayPlan plan = ReplayPlan.of(metadata, inputs, reasons, includeFailedReplays, replays);
    Map<ReplayPlan.Position, ReplayPlan.Position> written = producer == null ? Map.of()
        : write(producer, plan.replay(), letters);
    return new Result(topic, metadata.size(), plan, written);
  }

  private DeadLetter decode(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    try {
      return deadLetters.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      LOG.warn("Undecodable dead letter at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getClass().getSimpleName());
      return null;
    }
  }

  /** Every replayed record on {@code inputs} since {@code since}: its position and the dead letter it replays. */
  private Map<ReplayPlan.Position, ReplayPlan.Position> replaysOn(Set<String> inputs, Instant since)
      throws TimeoutException {
    Map<ReplayPlan.Position, ReplayPlan.Position> replays = new HashMap<>();
    for (String input : inputs) {
      // streamed: the input topics may hold a year of payloads; only the replay headers are kept
      TopicSnapshot.forEachSince(clients, input, since, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
          SCAN_TIMEOUT, record -> collectReplay(record, replays));
    }
    return replays;
  }

  private static void collectReplay(ConsumerRecord<byte[], byte[]> record,
      Map<ReplayPlan.Position, ReplayPlan.Position> replays) {
    Header of = record.headers().lastHeader(REPLAY_OF);
    if (of != null && of.value() != null) {
      ReplayPlan.Position.parse(new String(of.value(), StandardCharsets.UTF_8)).ifPresent(letter ->
          replays.put(new ReplayPlan.Position(record.topic(), record.partition(), record.offset()), letter));
    }
  }

  private Map<ReplayPlan.Position, ReplayPlan.Position> write(KafkaProducer<byte[], byte[]> producer,
      List<ReplayPlan.Letter> replay, Map<ReplayPlan.Position, DeadLetter> letters) throws Exception {
    Map<ReplayPlan.Position, ReplayPlan.Position> written = new LinkedHashMap<>();
    Map<String, Integer> partitions = new HashMap<>();
    for (int from = 0; from < replay.size(); from += BATCH) {
      List<ReplayPlan.Letter> batch = replay.subList(from, Math.min(replay.size(), from + BATCH));
      Map<ReplayPlan.Position, Future<RecordMetadata>> sent = new LinkedHashMap<>();
      producer.beginTransaction();
      try {
        for (ReplayPlan.Letter letter : batch) {
          sent.put(letter.at(), producer.send(record(letter, letters.get(letter.at()), partitions, producer)));
        }
        producer.commitTransaction();
      } catch (RuntimeException e) {
        abortQuietly(producer);
        throw e;
      }
      for (Map.Entry<ReplayPlan.Position, Future<RecordMetadata>> entry : sent.entrySet()) {
        RecordMetadata metadata = entry.getValue().get();
        written.put(entry.getKey(), new ReplayPlan.Position(metadata.topic(), metadata.partition(), metadata.offset()));
        LOG.info("Replayed dead letter {} to {}-{}@{}", entry.getKey(), metadata.topic(), metadata.partition(),
            metadata.offset());
      }
    }
    return written;
  }

  private ProducerRecord<byte[], byte[]> record(ReplayPlan.Letter letter, DeadLetter deadLetter,
      Map<String, Integer> partitions, KafkaProducer<byte[], byte[]> producer) {
    ReplayPlan.Position source = letter.source();
    int count = partitions.computeIfAbsent(source.topic(), t -> producer.partitionsFor(t).size());
    // the original partition keeps the tip's records in order; a topic shrunk below it cannot exist in Kafka
    Integer partition = source.partition() < count ? source.partition() : null;
    RecordHeaders headers = new RecordHeaders();
    headers.add(REPLAY_OF, utf8(letter.at().toString()));
    headers.add(REPLAY_SOURCE, utf8(source.toString()));
    headers.add(REPLAY_REASON, utf8(letter.reason()));
    headers.add(REPLAY_AT, utf8(clock.instant().toString()));
    return new ProducerRecord<>(source.topic(), partition, null, bytes(deadLetter.getOriginalKey()),
        bytes(deadLetter.getOriginalValue()), headers);
  }

  private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      LOG.warn("Aborting the replay transaction failed: {}", e.getClass().getSimpleName());
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
