package org.tiprouter.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.AvroBinarySerde;
import org.tiprouter.core.topics.TopicNames;

class DeadLettersTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:00.125Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:29:59.500Z");

  private final DeadLetters deadLetters = new DeadLetters(Stage.NORMALISE, Clock.fixed(NOW, ZoneOffset.UTC));
  private final String rawTopic = TopicNames.defaults().raw(Channel.CYBERTIPLINE);

  @Test
  void setsEveryFieldOfTheDeadLetter() {
    byte[] key = ContractFixtures.TIP_ID.toString().getBytes(StandardCharsets.UTF_8);
    byte[] value = {0, 1, 2, 3, (byte) 0xff};

    DeadLetter letter = deadLetters.create(ReasonCode.TAMPERED, "payload SHA-256 differs", ContractFixtures.TIP_ID,
        new DeadLetters.Source(rawTopic, 2, 41_874L, RECORD_TIME), key, value, Map.of("fileName", "report.xml"));

    assertThat(letter.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(letter.getReasonCode()).isEqualTo("TAMPERED");
    assertThat(letter.getDetail()).isEqualTo("payload SHA-256 differs");
    assertThat(letter.getTipId()).isEqualTo(ContractFixtures.TIP_ID);
    assertThat(letter.getSourceTopic()).isEqualTo(rawTopic);
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(41_874L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(RECORD_TIME);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key);
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getContext()).containsExactly(Map.entry("fileName", "report.xml"));
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
  }

  @Test
  void copiesTheOriginalBytesSoLaterChangesToTheArraysDoNotReachIt() {
    byte[] key = {10, 11};
    byte[] value = {20, 21, 22};
    DeadLetter letter = deadLetters.create(ReasonCode.UNDESERIALISABLE, "EOFException", null,
        new DeadLetters.Source(rawTopic, 0, 7L, RECORD_TIME), key, value, Map.of());

    key[0] = 99;
    value[0] = 99;

    assertThat(bytes(letter.getOriginalKey())).containsExactly(10, 11);
    assertThat(bytes(letter.getOriginalValue())).containsExactly(20, 21, 22);
  }

  @Test
  void copiesTheContextSoLaterChangesToTheMapDoNotReachIt() {
    Map<String, String> context = new HashMap<>(Map.of("lineNumber", "17"));
    DeadLetter letter = deadLetters.create(ReasonCode.VALIDATION_FAILED, "call_started_at", null,
        DeadLetters.Source.NONE, null, new byte[] {1}, context);

    context.put("lineNumber", "18");

    assertThat(letter.getContext()).containsExactly(Map.entry("lineNumber", "17"));
  }

  @Test
  void leavesMissingKeyValueAndSourceNull() {
    DeadLetter letter = deadLetters.create(ReasonCode.NULL_VALUE, "null value or tombstone", null,
        DeadLetters.Source.NONE, null, null, Map.of());

    assertThat(letter.getOriginalKey()).isNull();
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getTipId()).isNull();
    assertThat(letter.getSourceTopic()).isNull();
    assertThat(letter.getSourcePartition()).isNull();
    assertThat(letter.getSourceOffset()).isNull();
    assertThat(letter.getSourceTimestamp()).isNull();
  }

  @Test
  void writesDeadLettersThatSurviveTheContractEncoding() {
    AvroBinarySerde<DeadLetter> serde = new AvroBinarySerde<>(DeadLetter.class);
    DeadLetter letter = deadLetters.create(ReasonCode.PROCESSING_FAILED, "java.lang.IllegalStateException",
        ContractFixtures.TIP_ID, new DeadLetters.Source(rawTopic, 1, 3L, RECORD_TIME), new byte[] {1},
        new byte[] {2, 3}, Map.of("applicationId", Stage.NORMALISE.applicationId()));

    DeadLetter readBack = serde.deserializer().deserialize(null, serde.serializer().serialize(null, letter));

    assertThat(readBack).isEqualTo(letter);
  }

  @Test
  void everyReasonCodeExplainsItself() {
    for (ReasonCode code : ReasonCode.values()) {
      assertThat(code.meaning()).as(code.name()).isNotBlank();
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
