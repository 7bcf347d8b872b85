package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code tiprouter import cybertipline DIR} against a real broker: good documents to done/, bad
 * ones to failed/ with a .reason, a summary line, exit code 0 only when nothing failed, and a
 * re-run that stores nothing twice.
 */
class CyberTiplineImportIT {

  private static EmbeddedKafka kafka;

  @TempDir
  Path folder;

  private IntakeFixture fixture;
  private CyberTiplineIntakeApp intake;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void createIntake() {
    fixture = new IntakeFixture(kafka.bootstrapServers());
    intake = fixture.app(Map.of(CyberTiplineIntakeConfig.MAX_DOCUMENT_BYTES, 8192));
  }

  @AfterEach
  void closeIntake() {
    intake.close();
  }

  @Test
  void importsGoodDocumentsMovesEveryFileAndExplainsEachFailure() throws Exception {
    byte[] chat = IntakeFixture.document("report-chat-sextortion.xml");
    write("report-chat.xml", chat);
    write("report-cell.xml", IntakeFixture.document("report-cell-phone.xml"));
    write("REPORT-HOME.XML", IntakeFixture.document("report-non-internet.xml"));
    write("a-file-details-of-chat.xml", IntakeFixture.fileDetails(ReportIds.reportIdOf(Sha256.hex(chat))));
    write("file-details-of-nothing.xml", IntakeFixture.fileDetails("4242424242"));
    write("bad-incident-type.xml", IntakeFixture.document("report-bad-incident-type.xml"));
    write("broken.xml", IntakeFixture.document("report-not-well-formed.xml"));
    write("too-large.xml", ("<report>" + "x".repeat(9000) + "</report>").getBytes(StandardCharsets.UTF_8));
    write("notes.txt", "not a report".getBytes(StandardCharsets.UTF_8));

    ImportSummary summary = intake.importFolder(folder);

    assertThat(summary.stored()).isEqualTo(4);
    assertThat(summary.alreadyStored()).isZero();
    assertThat(summary.failed()).isEqualTo(4);
    assertThat(summary.notStored()).isZero();
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(summary.line()).isEqualTo("CyberTipline import of " + folder
        + ": 4 stored, 0 already stored, 4 failed (see " + folder.resolve("failed") + "), 0 not stored");
    assertThat(names(folder)).containsExactly("done", "failed", "notes.txt");
    assertThat(names(folder.resolve("done")))
        .containsExactly("REPORT-HOME.XML", "a-file-details-of-chat.xml", "report-cell.xml", "report-chat.xml");
    assertThat(names(folder.resolve("failed"))).containsExactly("bad-incident-type.xml", "bad-incident-type.xml.reason",
        "broken.xml", "broken.xml.reason", "file-details-of-nothing.xml", "file-details-of-nothing.xml.reason",
        "too-large.xml", "too-large.xml.reason");
    assertThat(reason("bad-incident-type.xml")).startsWith("4100 VALIDATION_FAILED /report/incidentSummary/incidentType: ");
    assertThat(reason("broken.xml")).startsWith("4110 PARSE_REJECTED: the document is not well-formed XML at line 5");
    assertThat(reason("file-details-of-nothing.xml")).startsWith("9422 VALIDATION_FAILED: fileDetails for report id 4242424242");
    assertThat(reason("too-large.xml")).startsWith("9413 PAYLOAD_TOO_LARGE: document of 9017 bytes; at most 8192");

    List<ConsumerRecord<String, RawTip>> stored = fixture.rawTips();
    assertThat(stored).extracting(record -> record.value().getAttributes().get("fileName"))
        .containsExactlyInAnyOrder("report-chat.xml", "report-cell.xml", "REPORT-HOME.XML", "a-file-details-of-chat.xml");
    assertThat(stored).allSatisfy(record -> assertThat(record.value().getSource()).isEqualTo("import-cybertipline"));
    RawTip details = stored.stream().map(ConsumerRecord::value)
        .filter(raw -> "fileDetails".equals(raw.getAttributes().get("document"))).findFirst().orElseThrow();
    RawTip report = stored.stream().map(ConsumerRecord::value)
        .filter(raw -> "report-chat.xml".equals(raw.getAttributes().get("fileName"))).findFirst().orElseThrow();
    assertThat(details.getTipId()).isEqualTo(report.getTipId());
    List<DeadLetter> letters = fixture.deadLetters();
    assertThat(letters).extracting(DeadLetter::getReasonCode)
        .containsExactlyInAnyOrder("VALIDATION_FAILED", "PARSE_REJECTED", "VALIDATION_FAILED", "PAYLOAD_TOO_LARGE");
    assertThat(letters).allSatisfy(letter -> assertThat(letter.getContext()).containsKey("fileName"));
    assertThat(letters).filteredOn(letter -> letter.getReasonCode().equals("PAYLOAD_TOO_LARGE"))
        .singleElement().satisfies(letter -> assertThat(letter.getOriginalValue()).isNull());
  }

  @Test
  void reRunningIsIdempotent() throws Exception {
    byte[] report = IntakeFixture.document("report-cell-phone.xml");
    write("report.xml", report);
    assertThat(intake.importFolder(folder).exitCode()).isZero();

    ImportSummary nothingLeft = intake.importFolder(folder);
    write("report.xml", report);
    intake.close();
    intake = fixture.app(Map.of());
    ImportSummary putBack = intake.importFolder(folder);

    assertThat(nothingLeft.line()).isEqualTo("CyberTipline import of " + folder
        + ": 0 stored, 0 already stored, 0 failed, 0 not stored");
    assertThat(nothingLeft.exitCode()).isZero();
    assertThat(putBack.alreadyStored()).isEqualTo(1);
    assertThat(putBack.stored()).isZero();
    assertThat(putBack.exitCode()).isZero();
    assertThat(names(folder.resolve("done"))).containsExactly("report-2.xml", "report.xml");
    assertThat(fixture.rawTips()).hasSize(1);
  }

  private void write(String name, byte[] content) throws Exception {
    Files.write(folder.resolve(name), content);
  }

  private String reason(String name) throws Exception {
    return Files.readString(folder.resolve("failed").resolve(name + ".reason"));
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }
}
