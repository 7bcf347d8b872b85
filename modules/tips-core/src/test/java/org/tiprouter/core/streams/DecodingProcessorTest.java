package org.tiprouter.core.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.serde.AvroBinarySerde;
import org.tiprouter.core.topics.TopicNames;

class DecodingProcessorTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:01.000Z");
  private static final long RECORD_TIME = Instant.parse("2025-03-14T07:30:00.750Z").toEpochMilli();
  private static final String KEY = ContractFixtures.TIP_ID.toString();

  private final TopicNames topics = TopicNames.defaults();
  private final AvroBinarySerde<Tip> tips = new AvroBinarySerde<>(Tip.class);
  private final DeadLetters deadLetters = new DeadLetters(Stage.CLASSIFY, Clock.fixed(NOW, ZoneOffset.UTC));

  private MockProcessorContext<String, StageOutcome<Received<Tip>>> context;

  @BeforeEach
  void createContext() {
    context = new MockProcessorContext<>();
    context.setRecordMetadata(topics.normalised(), 3, 1_207L);
  }

  @Test
  void decodesTheValueAndKeepsSourceAndOriginalBytes() {
    byte[] value = tips.serializer().serialize(null, ContractFixtures.tip());

    Record<String, StageOutcome<Received<Tip>>> forwarded = process(tips.deserializer(), key(KEY), value);

    assertThat(forwarded.key()).isEqualTo(KEY);
    assertThat(forwarded.timestamp()).isEqualTo(RECORD_TIME);
    Received<Tip> received = forwarded.value().value();
    assertThat(received.value()).isEqualTo(ContractFixtures.tip());
    assertThat(received.source()).isEqualTo(
        new DeadLetters.Source(topics.normalised(), 3, 1_207L, Instant.ofEpochMilli(RECORD_TIME)));
    assertThat(received.originalKey()).isEqualTo(key(KEY));
    assertThat(received.originalValue()).isEqualTo(value);
  }

  @Test
  void rejectsATombstoneAsNullValueWithItsKey() {
    Record<String, StageOutcome<Received<Tip>>> forwarded = process(tips.deserializer(), key(KEY), null);

    assertThat(forwarded.key()).isEqualTo(KEY);
    DeadLetter letter = forwarded.value().deadLetter();
    assertThat(letter.getStage()).isEqualTo(Stage.CLASSIFY.id());
    assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.NULL_VALUE.name());
    assertThat(letter.getTipId()).isNull();
    assertThat(letter.getSourceTopic()).isEqualTo(topics.normalised());
    assertThat(letter.getSourcePartition()).isEqualTo(3);
    assertThat(letter.getSourceOffset()).isEqualTo(1_207L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(Instant.ofEpochMilli(RECORD_TIME));
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key(KEY));
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
  }

  @Test
  void rejectsUndecodableBytesAsUndeserialisableWithTheOriginalBytes() {
    byte[] garbage = {0x55, 0x00, (byte) 0xfe, 0x13};

    Record<String, StageOutcome<Received<Tip>>> forwarded = process(tips.deserializer(), key(KEY), garbage);

    DeadLetter letter = forwarded.value().deadLetter();
    assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.UNDESERIALISABLE.name());
    assertThat(letter.getDetail()).isEqualTo("SerializationException");
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key(KEY));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
    assertThat(letter.getSourceOffset()).isEqualTo(1_207L);
  }

  @Test
  void rejectsAValueTheDeserializerTurnsIntoNullAsNullValue() {
    byte[] value = {0x00};
    Deserializer<Tip> nothing = (topic, bytes) -> null;

    Record<String, StageOutcome<Received<Tip>>> forwarded = process(nothing, key(KEY), value);

    DeadLetter letter = forwarded.value().deadLetter();
    assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.NULL_VALUE.name());
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
  }

  @Test
  void keepsAMissingKeyNull() {
    byte[] value = tips.serializer().serialize(null, ContractFixtures.tip());

    Record<String, StageOutcome<Received<Tip>>> forwarded = process(tips.deserializer(), null, value);

    assertThat(forwarded.key()).isNull();
    assertThat(forwarded.value().value().originalKey()).isNull();
  }

  @Test
  void deadLetterOfAReceivedRecordKeepsItsOriginalBytes() {
    byte[] value = tips.serializer().serialize(null, ContractFixtures.tip());
    Received<Tip> received = process(tips.deserializer(), key(KEY), value).value().value();

    DeadLetter letter = received.deadLetter(deadLetters, ReasonCode.INVALID_KEY, "key is not the tip id",
        ContractFixtures.TIP_ID);

    assertThat(letter.getReasonCode()).isEqualTo(ReasonCode.INVALID_KEY.name());
    assertThat(letter.getTipId()).isEqualTo(ContractFixtures.TIP_ID);
    assertThat(letter.getSourceTopic()).isEqualTo(topics.normalised());
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key(KEY));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
  }

  private Record<String, StageOutcome<Received<Tip>>> process(Deserializer<Tip> deserializer, byte[] key,
      byte[] value) {
    DecodingProcessor<Tip> processor = new DecodingProcessor<>(deserializer, deadLetters);
    processor.init(context);
    processor.process(new Record<>(key, value, RECORD_TIME, new RecordHeaders()));
    List<MockProcessorContext.CapturedForward<? extends String, ? extends StageOutcome<Received<Tip>>>> forwarded =
        context.forwarded();
    assertThat(forwarded).hasSize(1);
    @SuppressWarnings("unchecked")
    Record<String, StageOutcome<Received<Tip>>> record =
        (Record<String, StageOutcome<Received<Tip>>>) forwarded.get(0).record();
    return record;
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
