package org.tiprouter.core.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;

class AvroBinarySerdeTest {

  private final AvroBinarySerde<Tip> tips = new AvroBinarySerde<>(Tip.class);

  static Stream<SpecificRecord> contractRecords() {
    return Stream.of(ContractFixtures.rawTip(), ContractFixtures.tip(), ContractFixtures.decision(),
        ContractFixtures.triageDecision(), ContractFixtures.classifiedTip(), ContractFixtures.routedTip(),
        ContractFixtures.relatedTipNotice(), ContractFixtures.normalisedEvent(), ContractFixtures.duplicateEvent(),
        ContractFixtures.tamperedDeadLetter(), ContractFixtures.rejectedCsvRow(), ContractFixtures.knoxvillePd(),
        ContractFixtures.nationalTriage());
  }

  @ParameterizedTest
  @MethodSource("contractRecords")
  void roundTripsEveryContractRecord(SpecificRecord record) {
    AvroBinarySerde<SpecificRecord> serde = serdeOf(record);

    byte[] bytes = serde.serializer().serialize("any-topic", record);

    assertThat(serde.deserializer().deserialize("any-topic", bytes)).isEqualTo(record);
  }

  @Test
  void encodesPlainAvroBinaryWithoutAWireFormatHeader() throws IOException {
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
    new SpecificDatumWriter<>(Tip.class).write(ContractFixtures.tip(), encoder);
    encoder.flush();

    assertThat(tips.serializer().serialize(null, ContractFixtures.tip())).isEqualTo(expected.toByteArray());
    assertThat(tips.schema()).isEqualTo(Tip.getClassSchema());
  }

  @Test
  void mapsNullToNullBothWays() {
    assertThat(tips.serializer().serialize(null, null)).isNull();
    assertThat(tips.deserializer().deserialize(null, null)).isNull();
  }

  @Test
  void rejectsTrailingBytesAfterTheRecord() {
    byte[] bytes = tips.serializer().serialize(null, ContractFixtures.tip());
    byte[] withTrailer = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> tips.deserializer().deserialize(null, withTrailer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Trailing bytes");
  }

  @Test
  void rejectsGarbageWithASerializationException() {
    byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};

    assertThatThrownBy(() -> tips.deserializer().deserialize(null, garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Tip");
  }

  @Test
  void rejectsATruncatedRecordWithASerializationException() {
    byte[] bytes = tips.serializer().serialize(null, ContractFixtures.tip());
    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> tips.deserializer().deserialize(null, truncated))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void rejectsAnEmptyValueWithASerializationException() {
    assertThatThrownBy(() -> tips.deserializer().deserialize(null, new byte[0]))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void rejectsAnotherContractTypesBytesThatDoNotFitTheSchema() {
    AvroBinarySerde<AuditEvent> events = new AvroBinarySerde<>(AuditEvent.class);
    byte[] rawTip = new AvroBinarySerde<>(RawTip.class).serializer().serialize(null, ContractFixtures.rawTip());

    assertThatThrownBy(() -> events.deserializer().deserialize(null, rawTip))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void refusesToEncodeARecordMissingARequiredField() {
    Tip incomplete = ContractFixtures.tip();
    incomplete.setProvenance(null);

    assertThatThrownBy(() -> tips.serializer().serialize(null, incomplete))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Tip");
  }

  @SuppressWarnings("unchecked")
  private static AvroBinarySerde<SpecificRecord> serdeOf(SpecificRecord record) {
    return new AvroBinarySerde<>((Class<SpecificRecord>) record.getClass());
  }
}
