package org.tiprouter.core.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

class StageStreamsTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:00.500Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:29:59.000Z");
  private static final String REJECT = "feed-with-rejected-rows";
  private static final String EXPLODE = "feed-that-breaks-the-step";

  private final TopicNames topics = TopicNames.defaults();
  private final ContractSerdes serdes = ContractSerdes.registryFree();
  private final DeadLetters deadLetters = new DeadLetters(Stage.NORMALISE, Clock.fixed(NOW, ZoneOffset.UTC));

  // ---- guarded ---------------------------------------------------------------------------------

  @Test
  void guardedAppliesTheStepToADecodedRecord() {
    StageOutcome<UUID> outcome = StageStreams.<RawTip, UUID>guarded(deadLetters,
        received -> StageOutcome.success(received.value().getTipId())).apply(StageOutcome.success(received()));

    assertThat(outcome.value()).isEqualTo(ContractFixtures.TIP_ID);
  }

  @Test
  void guardedTurnsAThrownExceptionIntoProcessingFailedWithTheOriginalBytes() {
    Received<RawTip> received = received();

    StageOutcome<UUID> outcome = StageStreams.<RawTip, UUID>guarded(deadLetters, r -> {
      throw new IllegalStateException("step failed");
    }).apply(StageOutcome.success(received));

    assertThat(outcome.isRejected()).isTrue();
    DeadLetter letter = outcome.deadLetter();
    assertThat(letter.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.PROCESSING_FAILED.name());
    assertThat(letter.getDetail()).isEqualTo(IllegalStateException.class.getName());
    assertThat(letter.getSourceTopic()).isEqualTo(received.source().topic());
    assertThat(letter.getSourcePartition()).isEqualTo(received.source().partition());
    assertThat(letter.getSourceOffset()).isEqualTo(received.source().offset());
    assertThat(letter.getSourceTimestamp()).isEqualTo(received.source().timestamp());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(received.originalKey());
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(received.originalValue());
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
  }

  @Test
  void guardedPassesARejectionThroughWithoutRunningTheStep() {
    AtomicBoolean ran = new AtomicBoolean();
    DeadLetter letter = received().deadLetter(deadLetters, ReasonCode.UNDESERIALISABLE, "EOFException", null);

    StageOutcome<UUID> outcome = StageStreams.<RawTip, UUID>guarded(deadLetters, r -> {
      ran.set(true);
      return StageOutcome.success(r.value().getTipId());
    }).apply(StageOutcome.rejected(letter));

    assertThat(ran).isFalse();
    assertThat(outcome.deadLetter()).isSameAs(letter);
  }

  @Test
  void guardedKeepsARejectionTheStepReturns() {
    StageOutcome<UUID> outcome = StageStreams.<RawTip, UUID>guarded(deadLetters,
        r -> r.reject(deadLetters, ReasonCode.VALIDATION_FAILED, "externalId missing", r.value().getTipId()))
        .apply(StageOutcome.success(received()));

    assertThat(outcome.deadLetter().getReasonCode()).isEqualTo(ReasonCode.VALIDATION_FAILED.name());
    assertThat(outcome.deadLetter().getTipId()).isEqualTo(ContractFixtures.TIP_ID);
  }

  // ---- decode + deadLetterRejected in a topology ---------------------------------------------

  @Test
  void deadLetterRejectedSendsEveryRejectionToTheDeadLetterTopicAndPassesTheRestOn() {
    try (TopologyTestDriver driver = new TopologyTestDriver(stage(), properties())) {
      TestInputTopic<byte[], byte[]> input = driver.createInputTopic(topics.raw(Channel.WEB),
          Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
      TestOutputTopic<String, RawTip> accepted = driver.createOutputTopic(topics.normalised(),
          Serdes.String().deserializer(), rawTips().deserializer());
      TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(topics.deadLetters(Stage.NORMALISE),
          Serdes.String().deserializer(), serdes.value(DeadLetter.class).deserializer());

      byte[] rejectedByStep = encode(withSource(REJECT));
      byte[] explodes = encode(withSource(EXPLODE));
      byte[] garbage = {0x7f, 0x01, 0x02};
      input.pipeInput(key("k0"), encode(ContractFixtures.rawTip()), RECORD_TIME);
      input.pipeInput(key("k1"), garbage, RECORD_TIME);
      input.pipeInput(key("k2"), null, RECORD_TIME);
      input.pipeInput(key("k3"), rejectedByStep, RECORD_TIME);
      input.pipeInput(key("k4"), explodes, RECORD_TIME);
      input.pipeInput(key("k5"), encode(ContractFixtures.rawTip()), RECORD_TIME);

      List<TestRecord<String, RawTip>> passed = accepted.readRecordsToList();
      assertThat(passed).extracting(TestRecord::key).containsExactly("k0", "k5");
      assertThat(passed).extracting(TestRecord::value).containsOnly(ContractFixtures.rawTip());

      List<TestRecord<String, DeadLetter>> letters = dlq.readRecordsToList();
      assertThat(letters).extracting(TestRecord::key).containsExactly("k1", "k2", "k3", "k4");
      assertThat(letters).extracting(record -> record.value().getReasonCode()).containsExactly(
          ReasonCode.UNDESERIALISABLE.name(), ReasonCode.NULL_VALUE.name(), ReasonCode.VALIDATION_FAILED.name(),
          ReasonCode.PROCESSING_FAILED.name());
      assertThat(letters).extracting(record -> record.value().getSourceOffset()).containsExactly(1L, 2L, 3L, 4L);
      assertThat(bytes(letters.get(0).value().getOriginalValue())).isEqualTo(garbage);
      assertThat(letters.get(1).value().getOriginalValue()).isNull();
      assertThat(bytes(letters.get(2).value().getOriginalValue())).isEqualTo(rejectedByStep);
      assertThat(bytes(letters.get(3).value().getOriginalValue())).isEqualTo(explodes);
    }
  }

  @Test
  void namesEveryProcessorAfterTheStage() {
    List<String> names = new ArrayList<>();
    for (TopologyDescription.Subtopology subtopology : stage().describe().subtopologies()) {
      subtopology.nodes().forEach(node -> names.add(node.name()));
    }

    assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("test-"));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A minimal stage: decode raw tips, a step that rejects or throws for marked sources, dead-letter the rest. */
  private Topology stage() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, StageOutcome<Received<RawTip>>> decoded = StageStreams.decode(builder,
        List.of(topics.raw(Channel.WEB)), rawTips().deserializer(), deadLetters, "test");
    KStream<String, StageOutcome<RawTip>> stepped = decoded.mapValues(StageStreams.guarded(deadLetters, this::step),
        Named.as("test-step"));
    StageStreams.deadLetterRejected(stepped, topics.deadLetters(Stage.NORMALISE), serdes.value(DeadLetter.class),
            "test")
        .to(topics.normalised(), Produced.with(Serdes.String(), rawTips()).withName("test-sink"));
    return builder.build();
  }

  private StageOutcome<RawTip> step(Received<RawTip> received) {
    if (REJECT.equals(received.value().getSource())) {
      return received.reject(deadLetters, ReasonCode.VALIDATION_FAILED, "source refused", null);
    }
    if (EXPLODE.equals(received.value().getSource())) {
      throw new IllegalArgumentException("unexpected");
    }
    return StageOutcome.success(received.value());
  }

  private Serde<RawTip> rawTips() {
    return serdes.value(RawTip.class);
  }

  private byte[] encode(RawTip raw) {
    return rawTips().serializer().serialize(null, raw);
  }

  private static RawTip withSource(String source) {
    return RawTip.newBuilder(ContractFixtures.rawTip()).setSource(source).build();
  }

  private Received<RawTip> received() {
    RawTip raw = ContractFixtures.rawTip();
    return new Received<>(raw, new DeadLetters.Source(topics.raw(Channel.CYBERTIPLINE), 2, 41_873L, RECORD_TIME),
        key(raw.getTipId().toString()), encode(raw));
  }

  private static Properties properties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "stage-streams-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return properties;
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
