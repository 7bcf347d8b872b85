package org.tiprouter.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.FileHash;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicNames;

class NormaliseTopologyTest {

  private static final Instant NOW = Instant.parse("2025-03-14T07:30:00.250Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-14T07:29:58.000Z");
  private static final UUID WEB_TIP = UUID.fromString("6d1f0c3a-2b4e-4f7a-9d15-0e8c7b6a5f41");
  private static final UUID PHONE_TIP = UUID.fromString("b3a94e27-5c1d-4e8f-a062-7d19f3c4e8b2");
  private static final UUID CYBERTIP_TIP = UUID.fromString("3f1c2a9e-7b4d-4e0a-9c61-2d8e5f0a7b13");

  private final TopicNames topics = TopicNames.defaults();
  private final ContractSerdes serdes = ContractSerdes.registryFree();

  private TopologyTestDriver driver;
  private TestOutputTopic<String, Tip> normalised;
  private TestOutputTopic<String, AuditEvent> audit;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestOutputTopic<String, TipAttachment> attachments;

  @BeforeEach
  void startDriver() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, Stage.NORMALISE.applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(new NormaliseTopology(topics, serdes, clock).build(), properties);
    normalised = driver.createOutputTopic(topics.normalised(), Serdes.String().deserializer(),
        serdes.value(Tip.class).deserializer());
    audit = driver.createOutputTopic(topics.audit(), Serdes.String().deserializer(),
        serdes.value(AuditEvent.class).deserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(Stage.NORMALISE), Serdes.String().deserializer(),
        serdes.value(DeadLetter.class).deserializer());
    attachments = driver.createOutputTopic(topics.attachments(), Serdes.String().deserializer(),
        serdes.value(TipAttachment.class).deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  // ---- happy path per channel ------------------------------------------------------------------

  @Test
  void normalisesWebSubmissionIntoTipKeyedByTipIdWithProvenanceAndSubmissionId() {
    RawTip raw = webSubmission();
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(raw));

    TestRecord<String, Tip> record = normalised.readRecord();
    assertThat(record.key()).isEqualTo(WEB_TIP.toString());
    Tip tip = record.value();
    assertCanonical(tip, raw, topics.raw(Channel.WEB), 0L);
    assertThat(tip.getExternalIds())
        .containsExactly(externalId("SUBMISSION_ID", "WEB-2025-03-14-00417"));
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void normalisesPhoneCallRecordIntoTipKeyedByTipIdWithProvenanceAndCallId() {
    RawTip raw = phoneCall();
    pipe(topics.raw(Channel.PHONE), PHONE_TIP.toString(), encode(raw));

    TestRecord<String, Tip> record = normalised.readRecord();
    assertThat(record.key()).isEqualTo(PHONE_TIP.toString());
    Tip tip = record.value();
    assertCanonical(tip, raw, topics.raw(Channel.PHONE), 0L);
    assertThat(tip.getExternalIds()).contains(externalId("CALL_ID", "KX-2025-03-14-0042"));
    assertThat(tip.getLocations()).anySatisfy(location ->
        assertThat(location.getRole()).isEqualTo(org.tiprouter.contract.LocationRole.CALLER));
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void normalisesCyberTiplineReportIntoTipKeyedByTipIdWithProvenanceAndReportId() {
    RawTip raw = cyberTiplineReport();
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(raw));

    TestRecord<String, Tip> record = normalised.readRecord();
    assertThat(record.key()).isEqualTo(CYBERTIP_TIP.toString());
    Tip tip = record.value();
    assertCanonical(tip, raw, topics.raw(Channel.CYBERTIPLINE), 0L);
    assertThat(tip.getExternalIds()).containsExactly(externalId("CYBERTIPLINE_REPORT_ID", "88410231"));
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void recordsTheRawOffsetOfEachRecordInItsProvenance() {
    UUID second = UUID.fromString("0a7e5d93-8c2f-4b16-b4e1-39d2c8f7a605");
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()));
    pipe(topics.raw(Channel.WEB), second.toString(),
        encode(withPayload(RawTip.newBuilder(webSubmission()).setTipId(second).setExternalId("WEB-2025-03-14-00418")
            .build(), "{\"description\": \"a second, different submission\"}")));

    List<Tip> tips = normalised.readValuesToList();
    assertThat(tips).extracting(Tip::getTipId).containsExactly(WEB_TIP, second);
    assertThat(tips).extracting(tip -> tip.getProvenance().getRawOffset()).containsExactly(0L, 1L);
    assertThat(tips).extracting(tip -> tip.getProvenance().getRawPartition()).containsExactly(0, 0);
  }

  @Test
  void leavesExternalIdsEmptyWhenTheSenderGaveNone() {
    RawTip raw = withPayload(RawTip.newBuilder(webSubmission()).setExternalId(null).build(),
        "{\"description\": \"no submission id given\"}");
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(raw));

    assertThat(normalised.readValue().getExternalIds()).isEmpty();
  }

  // ---- audit -----------------------------------------------------------------------------------

  @Test
  void writesReceivedAndNormalisedAuditEventsChainedUpToTheTipsAuditHead() {
    RawTip raw = phoneCall();
    pipe(topics.raw(Channel.PHONE), PHONE_TIP.toString(), encode(raw));

    Tip tip = normalised.readValue();
    List<TestRecord<String, AuditEvent>> records = audit.readRecordsToList();
    assertThat(records).hasSize(2);
    assertThat(records).extracting(TestRecord::key).containsOnly(PHONE_TIP.toString());
    AuditEvent received = records.get(0).value();
    AuditEvent normalisedEvent = records.get(1).value();

    assertThat(received.getType()).isEqualTo(AuditEventType.RECEIVED);
    assertThat(received.getTipId()).isEqualTo(PHONE_TIP);
    assertThat(received.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(received.getOccurredAt()).isEqualTo(NOW);
    assertThat(received.getPreviousEventHash()).isNull();
    assertThat(received.getSourceTopic()).isEqualTo(topics.raw(Channel.PHONE));
    assertThat(received.getSourcePartition()).isEqualTo(0);
    assertThat(received.getSourceOffset()).isEqualTo(0L);
    assertThat(received.getPayloadSha256()).isEqualTo(raw.getPayloadSha256());

    assertThat(normalisedEvent.getType()).isEqualTo(AuditEventType.NORMALISED);
    assertThat(normalisedEvent.getTipId()).isEqualTo(PHONE_TIP);
    assertThat(normalisedEvent.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(normalisedEvent.getOccurredAt()).isEqualTo(NOW);
    assertThat(normalisedEvent.getEventId()).isNotEqualTo(received.getEventId());
    assertThat(normalisedEvent.getPreviousEventHash()).isEqualTo(AuditTrail.hash(received));

    assertThat(tip.getAuditHead()).isEqualTo(AuditTrail.hash(normalisedEvent));
  }

  // ---- dead letters ----------------------------------------------------------------------------

  @Test
  void deadLettersTamperedPayloadWithReasonOriginalBytesAndSource() {
    RawTip tampered = RawTip.newBuilder(cyberTiplineReport())
        .setPayloadSha256(Sha256.hex("a different report".getBytes(StandardCharsets.UTF_8)))
        .build();
    byte[] value = encode(tampered);
    String key = CYBERTIP_TIP.toString();
    pipe(topics.raw(Channel.CYBERTIPLINE), key, value);

    TestRecord<String, DeadLetter> record = deadLetters.readRecord();
    assertThat(record.key()).isEqualTo(key);
    DeadLetter letter = record.value();
    assertThat(letter.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(letter.getReasonCode()).isEqualTo("TAMPERED");
    assertThat(letter.getTipId()).isEqualTo(CYBERTIP_TIP);
    assertThat(letter.getSourceTopic()).isEqualTo(topics.raw(Channel.CYBERTIPLINE));
    assertThat(letter.getSourcePartition()).isEqualTo(0);
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(RECORD_TIME);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(key.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
    assertThat(letter.getDetail()).doesNotContain("Online Enticement", "Casey");
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersRawTipOfUnknownChannel() {
    RawTip unknown = RawTip.newBuilder(webSubmission()).setChannel(Channel.UNKNOWN).build();
    byte[] value = encode(unknown);
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("UNKNOWN_CHANNEL");
    assertThat(letter.getTipId()).isEqualTo(WEB_TIP);
    assertThat(letter.getSourceTopic()).isEqualTo(topics.raw(Channel.WEB));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersRawTipWhoseChannelDiffersFromItsTopic() {
    byte[] value = encode(webSubmission());
    pipe(topics.raw(Channel.PHONE), WEB_TIP.toString(), value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("CHANNEL_MISMATCH");
    assertThat(letter.getTipId()).isEqualTo(WEB_TIP);
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersRawTipKeyedByAnythingButItsTipId() {
    byte[] value = encode(webSubmission());
    pipe(topics.raw(Channel.WEB), PHONE_TIP.toString(), value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("INVALID_KEY");
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(PHONE_TIP.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(normalised.isEmpty()).isTrue();
  }

  @Test
  void acceptsARawTipWithoutKeyAndKeysTheTipByItsId() {
    pipe(topics.raw(Channel.WEB), null, encode(webSubmission()));

    assertThat(normalised.readRecord().key()).isEqualTo(WEB_TIP.toString());
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void deadLettersGarbageBytesAsUndeserialisable() {
    byte[] garbage = {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x00, 0x7f, (byte) 0x80, 0x01};
    pipe(topics.raw(Channel.PHONE), PHONE_TIP.toString(), garbage);

    TestRecord<String, DeadLetter> record = deadLetters.readRecord();
    assertThat(record.key()).isEqualTo(PHONE_TIP.toString());
    DeadLetter letter = record.value();
    assertThat(letter.getStage()).isEqualTo(Stage.NORMALISE.id());
    assertThat(letter.getReasonCode()).isEqualTo("UNDESERIALISABLE");
    assertThat(letter.getTipId()).isNull();
    assertThat(letter.getSourceTopic()).isEqualTo(topics.raw(Channel.PHONE));
    assertThat(letter.getSourcePartition()).isEqualTo(0);
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(letter.getSourceTimestamp()).isEqualTo(RECORD_TIME);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(PHONE_TIP.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(garbage);
    assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersTombstoneAsNullValue() {
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), null);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("NULL_VALUE");
    assertThat(letter.getSourceTopic()).isEqualTo(topics.raw(Channel.WEB));
    assertThat(letter.getSourceOffset()).isEqualTo(0L);
    assertThat(bytes(letter.getOriginalKey())).isEqualTo(WEB_TIP.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersGarbageWithoutKeyKeepingTheKeyNull() {
    byte[] garbage = "not a raw tip".getBytes(StandardCharsets.UTF_8);
    pipe(topics.raw(Channel.WEB), null, garbage);

    TestRecord<String, DeadLetter> record = deadLetters.readRecord();
    assertThat(record.key()).isNull();
    assertThat(record.value().getReasonCode()).isEqualTo("UNDESERIALISABLE");
    assertThat(record.value().getOriginalKey()).isNull();
    assertThat(bytes(record.value().getOriginalValue())).isEqualTo(garbage);
  }

  @Test
  void keepsNormalisingAfterEachBadRecord() {
    UUID afterTampered = UUID.fromString("c81e4f02-6a3d-4b9e-8f57-1d2c3b4a5e60");
    UUID afterGarbage = UUID.fromString("d92f5a13-7b4e-4caf-9068-2e3d4c5b6f71");
    RawTip tampered = RawTip.newBuilder(webSubmission()).setPayloadSha256(Sha256.hex(new byte[] {1})).build();

    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(tampered));
    pipe(topics.raw(Channel.WEB), afterTampered.toString(),
        encode(withPayload(RawTip.newBuilder(webSubmission()).setTipId(afterTampered).build(),
            "{\"description\": \"sent after the tampered one\"}")));
    pipe(topics.raw(Channel.PHONE), PHONE_TIP.toString(), new byte[] {(byte) 0xff, (byte) 0xff});
    pipe(topics.raw(Channel.PHONE), afterGarbage.toString(),
        encode(RawTip.newBuilder(phoneCall()).setTipId(afterGarbage).build()));
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), null);
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(cyberTiplineReport()));
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(),
        encode(RawTip.newBuilder(webSubmission()).setChannel(Channel.UNKNOWN).build()));
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()));

    assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("TAMPERED", "UNDESERIALISABLE", "NULL_VALUE", "UNKNOWN_CHANNEL");
    assertThat(normalised.readValuesToList()).extracting(Tip::getTipId)
        .containsExactly(afterTampered, afterGarbage, CYBERTIP_TIP, WEB_TIP);
    assertThat(audit.readValuesToList()).hasSize(8);
  }

  // ---- channel content ---------------------------------------------------------------------------

  @Test
  void readsTheWebPayloadIntoTheCanonicalTipWithCanonicalIdentifiers() {
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()));

    Tip tip = normalised.readValue();
    assertThat(tip.getIncident().getNarrative()).startsWith("A man in a grey van");
    assertThat(tip.getIncident().getTypes()).contains(org.tiprouter.contract.IncidentType.ONLINE_ENTICEMENT);
    assertThat(tip.getLocations()).anySatisfy(location -> {
      assertThat(location.getZip()).isEqualTo("37915");
      assertThat(location.getState()).isEqualTo("TN");
    });
    assertThat(tip.getIdentifiers()).extracting(org.tiprouter.contract.Identifier::getValue)
        .contains("+18655550142", "grey.van@example.com");
    assertThat(tip.getIncident().getOccurredAt()).isEqualTo(Instant.parse("2025-03-13T19:20:00Z"));
  }

  @Test
  void deadLettersAWebPayloadThatBreaksTheContractNamingTheRuleNotTheText() {
    byte[] value = encode(withPayload(webSubmission(), "{\"description\": \"\", \"secretField\": \"Jane Doe\"}"));
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getDetail()).startsWith("web ").doesNotContain("Jane Doe");
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
    assertThat(normalised.isEmpty()).isTrue();
  }

  @Test
  void readsACyberTiplineReportIntoTheCanonicalTipWithItsReportId() {
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(cyberTiplineReport()));

    Tip tip = normalised.readValue();
    assertThat(tip.getChannel()).isEqualTo(Channel.CYBERTIPLINE);
    assertThat(tip.getExternalIds()).extracting(ExternalId::getValue).contains(cyberTiplineReport().getExternalId());
    assertThat(tip.getLocations()).isNotEmpty();
  }

  @Test
  void deadLettersXmlThatIsNotACyberTiplineReport() {
    byte[] value = encode(withPayload(cyberTiplineReport(), "<report><unknownElement/></report>"));
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), value);

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("PARSE_REJECTED");
    assertThat(letter.getDetail()).startsWith("cybertipline 4100");
  }

  // ---- files of an earlier tip (CyberTipline fileDetails) ---------------------------------------

  @Test
  void turnsFileDetailsIntoAnAttachmentForTheReportsTipWithoutTouchingItsChain() {
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(cyberTiplineFileDetails()));

    TestRecord<String, TipAttachment> record = attachments.readRecord();
    assertThat(record.key()).isEqualTo(CYBERTIP_TIP.toString());
    TipAttachment attachment = record.value();
    assertThat(attachment.getTipId()).isEqualTo(CYBERTIP_TIP);
    assertThat(attachment.getReportExternalId().getKind()).isEqualTo("CYBERTIPLINE_REPORT_ID");
    assertThat(attachment.getReportExternalId().getValue()).isEqualTo("88410231");
    AttachmentRef file = attachment.getAttachment();
    assertThat(file.getFileId()).isEqualTo("f-0002");
    assertThat(file.getFileName()).isEqualTo("clip_0002.mp4");
    assertThat(file.getViewedByEsp()).isFalse();
    assertThat(file.getPubliclyAvailable()).isTrue();
    assertThat(file.getAnnotations()).containsExactly("viral");
    assertThat(file.getHashes()).extracting(FileHash::getHashType, FileHash::getValue)
        .containsExactly(tuple("MD5", "0cc175b9c0f1b6a831c399e269772661"));
    assertThat(attachment.getIdentifiers()).extracting(Identifier::getKind, Identifier::getValue)
        .containsExactly(tuple(IdentifierKind.FILE_HASH, "0cc175b9c0f1b6a831c399e269772661"));
    assertThat(attachment.getRemainder()).extracting(RemainderFact::getPath, RemainderFact::getValue)
        .contains(tuple("fileDetails[f-0002].originalFileName", "VID_20250301_2211.mp4"));
    assertThat(attachment.getProvenance().getRawTopic()).isEqualTo(topics.raw(Channel.CYBERTIPLINE));
    assertThat(attachment.getProvenance().getRawOffset()).isEqualTo(0L);
    assertThat(attachment.getProvenance().getPayloadSha256())
        .isEqualTo(Sha256.hex(resource("raw/cybertipline-file-details.xml")));
    assertThat(attachment.getNormalisedAt()).isEqualTo(NOW);
    assertThat(audit.isEmpty()).as("route appends the attachment to the chain; normalise does not know its head")
        .isTrue();
    assertThat(normalised.isEmpty()).isTrue();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void theSameFileDetailsTwiceReachRouteTwiceWhichRecognisesTheRepeatOnTheTipsChain() {
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(cyberTiplineFileDetails()));
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(cyberTiplineFileDetails()));

    assertThat(attachments.readValuesToList()).hasSize(2);
    assertThat(audit.isEmpty()).isTrue();
  }

  @Test
  void deadLettersFileDetailsNamingAnotherReportThanTheirRecord() {
    RawTip raw = RawTip.newBuilder(cyberTiplineFileDetails()).setExternalId("99999999").build();
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(raw));

    DeadLetter letter = deadLetters.readValue();
    assertThat(letter.getReasonCode()).isEqualTo("REPORT_MISMATCH");
    assertThat(letter.getDetail()).doesNotContain("88410231").doesNotContain("99999999");
    assertThat(attachments.isEmpty()).isTrue();
  }

  @Test
  void deadLettersTamperedFileDetails() {
    RawTip raw = RawTip.newBuilder(cyberTiplineFileDetails()).setPayloadSha256(Sha256.hex(new byte[] {1})).build();
    pipe(topics.raw(Channel.CYBERTIPLINE), CYBERTIP_TIP.toString(), encode(raw));

    assertThat(deadLetters.readValue().getReasonCode()).isEqualTo("TAMPERED");
    assertThat(attachments.isEmpty()).isTrue();
  }

  @Test
  void aRefusedPayloadIsNotRememberedSoItsRetryIsNoDuplicate() {
    UUID retry = UUID.fromString("c47ea068-2a9d-4b4f-a5bd-7d8c9b0a1ec6");
    RawTip refused = withPayload(webSubmission(), "{\"description\": \"\"}");
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(refused));
    pipe(topics.raw(Channel.WEB), retry.toString(), encode(RawTip.newBuilder(refused).setTipId(retry).build()));

    assertThat(deadLetters.readValuesToList()).extracting(DeadLetter::getReasonCode)
        .containsExactly("VALIDATION_FAILED", "VALIDATION_FAILED");
    assertThat(audit.readValuesToList()).noneMatch(event -> event.getType() == AuditEventType.DUPLICATE);
  }

  // ---- duplicates ------------------------------------------------------------------------------

  @Test
  void theSamePayloadTwiceOnOneChannelMakesOneTipAndADuplicateOfAuditEvent() {
    UUID again = UUID.fromString("e03a6b24-8c5f-4d0b-a179-3f4e5d6c7a82");
    pipe(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()));
    pipe(topics.raw(Channel.WEB), again.toString(), encode(RawTip.newBuilder(webSubmission()).setTipId(again).build()));

    assertThat(normalised.readValuesToList()).extracting(Tip::getTipId).containsExactly(WEB_TIP);
    List<AuditEvent> events = audit.readValuesToList();
    List<AuditEvent> ofDuplicate = events.stream().filter(event -> event.getTipId().equals(again)).toList();
    assertThat(ofDuplicate).extracting(AuditEvent::getType)
        .containsExactly(AuditEventType.RECEIVED, AuditEventType.DUPLICATE);
    AuditEvent duplicate = ofDuplicate.get(1);
    assertThat(duplicate.getDetail()).isEqualTo("DUPLICATE_OF " + WEB_TIP);
    assertThat(duplicate.getRelatedTipId()).isEqualTo(WEB_TIP);
    assertThat(duplicate.getPreviousEventHash()).isEqualTo(AuditTrail.hash(ofDuplicate.get(0)));
    assertThat(ofDuplicate.get(0).getSourceOffset()).isEqualTo(1L);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void theSamePayloadOnAnotherChannelIsNotADuplicate() {
    UUID onTheWebTopic = UUID.fromString("f14b7c35-9d6a-4e1c-b28a-4a5f6e7d8b93");
    RawTip phone = phoneCall();
    pipe(topics.raw(Channel.PHONE), PHONE_TIP.toString(), encode(phone));
    pipe(topics.raw(Channel.WEB), onTheWebTopic.toString(),
        encode(RawTip.newBuilder(phone).setTipId(onTheWebTopic).setChannel(Channel.WEB).build()));

    assertThat(normalised.readValuesToList()).extracting(Tip::getTipId).containsExactly(PHONE_TIP);
    // judged by the web channel's own rules (a call object is no part of the web contract), not as a duplicate
    assertThat(deadLetters.readValue().getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(audit.readValuesToList()).noneMatch(event -> event.getType() == AuditEventType.DUPLICATE);
  }

  @Test
  void theSamePayloadAfterTheSevenDayWindowIsANewTip() {
    UUID later = UUID.fromString("a25c8d46-0e7b-4f2d-839b-5b6a7f8e9ca4");
    pipeAt(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()), RECORD_TIME);
    pipeAt(topics.raw(Channel.WEB), later.toString(), encode(RawTip.newBuilder(webSubmission()).setTipId(later).build()),
        RECORD_TIME.plus(DuplicateFilter.WINDOW).plusSeconds(60));

    assertThat(normalised.readValuesToList()).extracting(Tip::getTipId).containsExactly(WEB_TIP, later);
  }

  @Test
  void aDuplicateWithinTheWindowIsRecognisedEvenDaysLater() {
    UUID later = UUID.fromString("b36d9e57-1f8c-4a3e-94ac-6c7b8a9f0db5");
    pipeAt(topics.raw(Channel.WEB), WEB_TIP.toString(), encode(webSubmission()), RECORD_TIME);
    pipeAt(topics.raw(Channel.WEB), later.toString(), encode(RawTip.newBuilder(webSubmission()).setTipId(later).build()),
        RECORD_TIME.plus(DuplicateFilter.WINDOW).minusSeconds(60));

    assertThat(normalised.readValuesToList()).extracting(Tip::getTipId).containsExactly(WEB_TIP);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void assertCanonical(Tip tip, RawTip raw, String rawTopic, long rawOffset) {
    assertThat(tip.getTipId()).isEqualTo(raw.getTipId());
    assertThat(tip.getChannel()).isEqualTo(raw.getChannel());
    assertThat(tip.getReceivedAt()).isEqualTo(raw.getReceivedAt());
    assertThat(tip.getNormalisedAt()).isEqualTo(NOW);
    assertThat(tip.getProvenance().getRawTopic()).isEqualTo(rawTopic);
    assertThat(tip.getProvenance().getRawPartition()).isEqualTo(0);
    assertThat(tip.getProvenance().getRawOffset()).isEqualTo(rawOffset);
    assertThat(tip.getProvenance().getPayloadSha256()).isEqualTo(Sha256.hex(raw.getPayload()));
    assertThat(tip.getProvenance().getContentType()).isEqualTo(raw.getContentType());
    assertThat(tip.getProvenance().getSource()).isEqualTo(raw.getSource());
    assertThat(tip.getAuditHead()).isNotNull();
  }

  private void pipe(String topic, String key, byte[] value) {
    TestInputTopic<byte[], byte[]> input = driver.createInputTopic(topic, Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, RECORD_TIME);
  }

  private static RawTip withPayload(RawTip raw, String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return RawTip.newBuilder(raw).setPayload(ByteBuffer.wrap(bytes)).setPayloadSha256(Sha256.hex(bytes)).build();
  }

  private void pipeAt(String topic, String key, byte[] value, Instant timestamp) {
    TestInputTopic<byte[], byte[]> input = driver.createInputTopic(topic, Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, timestamp);
  }

  private byte[] encode(RawTip raw) {
    return serdes.value(RawTip.class).serializer().serialize(null, raw);
  }

  private static RawTip webSubmission() {
    return rawTip(WEB_TIP, Channel.WEB, "raw/web-submission.json", "application/json", "WEB-2025-03-14-00417",
        "ingest-web", Map.of());
  }

  private static RawTip phoneCall() {
    return rawTip(PHONE_TIP, Channel.PHONE, "raw/phone-call.json", "application/json", "KX-2025-03-14-0042",
        "ingest-phone", Map.of());
  }

  private static RawTip cyberTiplineReport() {
    return rawTip(CYBERTIP_TIP, Channel.CYBERTIPLINE, "raw/cybertipline-report.xml", "application/xml", "88410231",
        "import-cybertipline", Map.of("fileName", "report-88410231.xml"));
  }

  private static RawTip cyberTiplineFileDetails() {
    return rawTip(CYBERTIP_TIP, Channel.CYBERTIPLINE, "raw/cybertipline-file-details.xml", "text/xml", "88410231",
        "ingest-cybertipline", Map.of("document", "fileDetails", "fileId", "f-0002"));
  }

  private static RawTip rawTip(UUID tipId, Channel channel, String resource, String contentType, String externalId,
      String source, Map<String, String> attributes) {
    byte[] payload = resource(resource);
    return RawTip.newBuilder()
        .setTipId(tipId)
        .setChannel(channel)
        .setReceivedAt(Instant.parse("2025-03-14T07:29:57.812Z"))
        .setContentType(contentType)
        .setPayload(ByteBuffer.wrap(payload))
        .setPayloadSha256(Sha256.hex(payload))
        .setExternalId(externalId)
        .setSource(source)
        .setAttributes(attributes)
        .build();
  }

  private static byte[] resource(String name) {
    try (InputStream in = NormaliseTopologyTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ExternalId externalId(String kind, String value) {
    return ExternalId.newBuilder().setKind(kind).setValue(value).build();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
