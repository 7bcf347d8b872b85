package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.app.ReplayPlan.Position;
import org.tiprouter.app.ReplayPlan.Skip;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.normalise.NormaliseApp;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code dlq replay} against the real broker and the real normalise stage (registry-free serdes):
 * normalise dead-letters records, replay re-injects their exact bytes with provenance, normalise
 * processes the replay, and no run ever injects a dead letter twice.
 */
class DlqReplayIT {

  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static final String WEB = TOPICS.raw(Channel.WEB);
  private static final String DLQ = TOPICS.deadLetters(Stage.NORMALISE);
  private static final String NARRATIVE = "a distinctive narrative that must never be printed";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  static Path state;

  private static EmbeddedKafka kafka;
  private static KafkaClientConfigs clients;
  private static StreamStageRunner normalise;
  private static DeadLetterReplayer replayer;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    TopicSettings settings = new TopicSettings(1, (short) -1, -1);
    try (Admin admin = Admin.create(clients.admin("dlq-replay-it"))) {
      new TopicProvisioner(admin, settings).ensure(new TopicCatalogue(TOPICS, settings).pipelineTopics());
    }
    normalise = NormaliseApp.create(new NormaliseConfig(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "state.dir", state.toString(), "topics.partitions", "1")), SERDES);
    normalise.start();
    replayer = new DeadLetterReplayer(clients, SERDES.value(DeadLetter.class).deserializer(), TOPICS, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (normalise != null) {
      normalise.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static RawTip webTip(UUID tipId, String description) {
    byte[] payload = ("{\"description\": \"" + description + "\"}").getBytes(StandardCharsets.UTF_8);
    return RawTip.newBuilder().setTipId(tipId).setChannel(Channel.WEB).setReceivedAt(Instant.now())
        .setContentType("application/json").setPayload(ByteBuffer.wrap(payload)).setPayloadSha256(Sha256.hex(payload))
        .setSource("ingest-web").build();
  }

  private static byte[] encode(RawTip raw) {
    return SERDES.value(RawTip.class).serializer().serialize(WEB, raw);
  }

  private static RecordMetadata send(String topic, byte[] key, byte[] value) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("dlq-replay-it"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String topic) throws Exception {
    return TopicSnapshot.read(clients, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer(), WAIT);
  }

  private static List<DeadLetter> deadLetters() throws Exception {
    return read(DLQ).stream().map(r -> SERDES.value(DeadLetter.class).deserializer().deserialize(DLQ, r.value())).toList();
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> replaysOf(Position deadLetter) throws Exception {
    return read(WEB).stream().filter(r -> deadLetter.toString().equals(header(r, DeadLetterReplayer.REPLAY_OF))).toList();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Test
  void replaysDeadLettersOnceWithTheirOriginalBytesAndNormaliseProcessesThem() throws Exception {
    // Real dead letters from the running stage: a tampered raw tip and bytes that are no RawTip.
    UUID tamperedId = UUID.randomUUID();
    RawTip tampered = RawTip.newBuilder(webTip(tamperedId, "tampered")).setPayloadSha256(Sha256.hex(new byte[] {1}))
        .build();
    send(WEB, tamperedId.toString().getBytes(StandardCharsets.UTF_8), encode(tampered));
    byte[] garbage = "not a raw tip".getBytes(StandardCharsets.UTF_8);
    RecordMetadata garbageAt = send(WEB, null, garbage);
    // A valid tip that a bug in normalise's rules dead-lettered: no such bug exists to trigger, so the
    // dead letter is written exactly as StageStreams.guarded writes it (original bytes and source).
    UUID failedId = UUID.randomUUID();
    byte[] failedKey = failedId.toString().getBytes(StandardCharsets.UTF_8);
    byte[] failedValue = encode(webTip(failedId, NARRATIVE));
    DeadLetter failed = new DeadLetters(Stage.NORMALISE, Clock.systemUTC()).create(ReasonCode.PROCESSING_FAILED,
        "java.lang.IllegalStateException", failedId, new DeadLetters.Source(WEB, 0, 1_000L, Instant.now()), failedKey,
        failedValue, Map.of());
    await().atMost(WAIT).until(() -> deadLetters().size() == 2);
    RecordMetadata failedAt = send(DLQ, failedKey, SERDES.value(DeadLetter.class).serializer().serialize(DLQ, failed));
    Position failedLetter = new Position(DLQ, failedAt.partition(), failedAt.offset());
    assertThat(deadLetters()).extracting(DeadLetter::getReasonCode)
        .containsExactly("TAMPERED", "UNDESERIALISABLE", "PROCESSING_FAILED");
    ConsumerRecord<byte[], byte[]> garbageRecord = read(DLQ).get(1);
    Position garbageLetter = new Position(DLQ, garbageRecord.partition(), garbageRecord.offset());
    long rawEnd = read(WEB).size();

    // --dry-run: lists what a fix can cure, says why the rest stays, writes nothing, prints no payload
    DeadLetterReplayer.Result dry = replayer.run(Stage.NORMALISE, Set.of(), false, true);
    assertThat(dry.plan().replay()).extracting(ReplayPlan.Letter::at).containsExactly(failedLetter);
    assertThat(dry.plan().skipped()).extracting(ReplayPlan.Skipped::why)
        .containsExactly(Skip.INPUT_AT_FAULT, Skip.NOT_SELECTED);
    StringWriter text = new StringWriter();
    DlqCommand.print(dry, true, new PrintWriter(text));
    assertThat(text.toString()).contains("would replay " + failedLetter + " PROCESSING_FAILED tip " + failedId)
        .contains("TAMPERED tip " + tamperedId + ": never replayed").doesNotContain(NARRATIVE);
    assertThat(text.toString().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(DLQ
        + ": would replay 1 (PROCESSING_FAILED 1), left alone 2 (TAMPERED 1, UNDESERIALISABLE 1) of 3 dead letters;"
        + " dry run, nothing written");
    assertThat(read(WEB)).hasSize((int) rawEnd);

    // a replay run that crashed after sending, before its commit: nothing of it is visible
    Map<String, Object> crashed = clients.producer("dlq-replay-it-crashed");
    crashed.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, replayer.transactionalId(Stage.NORMALISE));
    KafkaProducer<byte[], byte[]> zombie = new KafkaProducer<>(crashed, new ByteArraySerializer(),
        new ByteArraySerializer());
    zombie.initTransactions();
    zombie.beginTransaction();
    ProducerRecord<byte[], byte[]> halfWay = new ProducerRecord<>(WEB, failedKey, failedValue);
    halfWay.headers().add(DeadLetterReplayer.REPLAY_OF, failedLetter.toString().getBytes(StandardCharsets.UTF_8));
    zombie.send(halfWay).get();

    // --reason filters: only the undecodable record (named explicitly) goes back
    DeadLetterReplayer.Result garbageRun = replayer.run(Stage.NORMALISE, Set.of("UNDESERIALISABLE"), false, false);
    assertThat(garbageRun.written()).containsOnlyKeys(garbageLetter);
    List<ConsumerRecord<byte[], byte[]>> garbageReplays = replaysOf(garbageLetter);
    assertThat(garbageReplays).singleElement().satisfies(record -> {
      assertThat(record.value()).isEqualTo(garbage);
      assertThat(record.key()).isNull();
      assertThat(header(record, DeadLetterReplayer.REPLAY_SOURCE)).isEqualTo(WEB + "-0@" + garbageAt.offset());
    });
    assertThat(replaysOf(failedLetter)).as("the crashed run's record was aborted").isEmpty();
    zombie.close(Duration.ZERO);

    // the default run replays the PROCESSING_FAILED tip, exact bytes, with provenance
    DeadLetterReplayer.Result run = replayer.run(Stage.NORMALISE, Set.of(), false, false);
    assertThat(run.written()).containsOnlyKeys(failedLetter);
    ConsumerRecord<byte[], byte[]> replayed = replaysOf(failedLetter).get(0);
    assertThat(replaysOf(failedLetter)).hasSize(1);
    assertThat(replayed.key()).isEqualTo(failedKey);
    assertThat(replayed.value()).isEqualTo(failedValue).isEqualTo(bytes(failed.getOriginalValue()));
    assertThat(replayed.partition()).isZero();
    assertThat(header(replayed, DeadLetterReplayer.REPLAY_SOURCE)).isEqualTo(WEB + "-0@1000");
    assertThat(header(replayed, DeadLetterReplayer.REPLAY_REASON)).isEqualTo("PROCESSING_FAILED");
    assertThat(Instant.parse(header(replayed, DeadLetterReplayer.REPLAY_AT))).isAfter(failed.getDeadLetteredAt());

    // the loop closes: normalise turns the replayed record into a tip, from its new position
    await().atMost(WAIT).untilAsserted(() -> assertThat(TopicSnapshot.read(clients, TOPICS.normalised(),
        new StringDeserializer(), SERDES.value(Tip.class).deserializer(), WAIT))
        .anySatisfy(record -> {
          assertThat(record.value().getTipId()).isEqualTo(failedId);
          assertThat(record.value().getProvenance().getRawOffset()).isEqualTo(replayed.offset());
          assertThat(record.headers().lastHeader(DeadLetterReplayer.REPLAY_OF)).as("Streams carries the header on")
              .isNotNull();
        }));
    // and dead-letters the replayed garbage again, from its new position
    await().atMost(WAIT).until(() -> deadLetters().size() == 4);
    DeadLetter again = deadLetters().get(3);
    assertThat(again.getReasonCode()).isEqualTo("UNDESERIALISABLE");
    assertThat(again.getSourceOffset()).isEqualTo(garbageReplays.get(0).offset());

    // a second run replays nothing: what was replayed is known, the failed replay is not retried
    long end = read(WEB).size();
    DeadLetterReplayer.Result second = replayer.run(Stage.NORMALISE, Set.of(), false, false);
    DeadLetterReplayer.Result secondGarbage = replayer.run(Stage.NORMALISE, Set.of("UNDESERIALISABLE"), false, false);
    assertThat(second.written()).isEmpty();
    assertThat(secondGarbage.written()).isEmpty();
    assertThat(secondGarbage.plan().skipped()).extracting(ReplayPlan.Skipped::why)
        .containsExactly(Skip.ALREADY_REPLAYED, Skip.REFUSED_AGAIN);
    assertThat(read(WEB)).hasSize((int) end);
  }
}
