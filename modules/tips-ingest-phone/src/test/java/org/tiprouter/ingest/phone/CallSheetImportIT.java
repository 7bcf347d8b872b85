package org.tiprouter.ingest.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.formats.phone.CallSheet;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code tiprouter import phone FILE.csv} against a real broker: every row a raw tip or a dead
 * letter with file name, line number and reason; counts; exit code; idempotent re-runs; and a
 * generated 100,000-row file.
 */
class CallSheetImportIT {

  static final String HEADER = String.join(",", CallSheet.COLUMNS) + "\r\n";
  private static EmbeddedKafka kafka;

  @TempDir
  Path folder;

  private PhoneFixture fixture;
  private PhoneIntakeApp intake;

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
    fixture = new PhoneFixture(kafka.bootstrapServers());
    intake = fixture.app(Map.of(PhoneIntakeConfig.TWILIO_ENABLED, false));
  }

  @AfterEach
  void closeIntake() {
    intake.close();
  }

  static String row(String callId, String started, String description) {
    return callId + "," + started + ",(865) 555-0142,false,op-117,ONLINE_ENTICEMENT," + description
        + ",2025-03-14T16:30:00-04:00,1500 Cumberland Ave,Knoxville,TN,37916,,,12,Ray,(865) 555-0199,,@coachray,"
        + "ChatNow,false";
  }

  private Path write(String name, byte[]... parts) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.write(part);
    }
    return Files.write(folder.resolve(name), bytes.toByteArray());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void importsGoodRowsDeadLettersEachBadOneAndGoesOn() throws Exception {
    String good1 = row("KX-1", "2025-03-14T18:02:11-04:00", "\"He said \"\"send a photo\"\",\nthen stopped\"");
    String good2 = row("KX-2", "2025-03-14T19:10:00-04:00", "Someone offered money for pictures");
    Path file = write("shift-2025-03-14.csv", utf8(HEADER),
        utf8(good1 + "\r\n"),                                                            // lines 2-3
        utf8(row("KX-3", "2025-03-14T18:02:11-04:00", "\"broken\" quoting") + "\r\n"),  // line 4
        utf8(row("KX-4", "14/03/2025 18:02", "bad date") + "\r\n"),                     // line 5
        utf8(row("KX-5", "", "missing start") + "\r\n"),                                // line 6
        utf8("KX-6,2025-03-14T18:02:11Z,too few columns\r\n"),                             // line 7
        utf8(row("KX-7", "2025-03-14T18:02:11Z", "Ren")), new byte[] {(byte) 0xE9}, utf8("\r\n"), // line 8, Latin-1
        utf8(row("KX-1", "2025-03-14T18:02:11-04:00", "the same call again") + "\r\n"), // line 9
        utf8(good2 + "\r\n"));                                                           // line 10

    CallSheetImportSummary summary = intake.importFile(file);

    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.duplicate()).isEqualTo(1);
    assertThat(summary.rejected()).isEqualTo(5);
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(summary.line()).startsWith("Phone call-sheet import of " + file + ": 2 accepted, 1 duplicate, 5 rejected");

    List<RawTip> raw = fixture.rawTips();
    assertThat(raw).extracting(RawTip::getExternalId).containsExactlyInAnyOrder("KX-1", "KX-2");
    RawTip first = raw.stream().filter(tip -> tip.getExternalId().equals("KX-1")).findFirst().orElseThrow();
    assertThat(PhoneFixture.bytes(first.getPayload())).isEqualTo(utf8(good1));
    assertThat(first.getPayloadSha256()).isEqualTo(Sha256.hex(utf8(good1)));
    assertThat(first.getContentType()).isEqualTo("text/csv; charset=utf-8");
    assertThat(first.getSource()).isEqualTo("import-phone");
    assertThat(first.getAttributes()).containsEntry("fileName", "shift-2025-03-14.csv").containsEntry("lineNumber", "2");

    List<DeadLetter> letters = fixture.deadLetters();
    assertThat(letters).extracting(letter -> letter.getContext().get("lineNumber"))
        .containsExactlyInAnyOrder("4", "5", "6", "7", "8");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.getStage()).isEqualTo("ingest");
      assertThat(letter.getContext()).containsEntry("fileName", "shift-2025-03-14.csv");
      assertThat(letter.getOriginalValue()).isNotNull();
    });
    assertThat(letters).extracting(letter -> letter.getContext().get("lineNumber") + " " + letter.getReasonCode()
        + " " + letter.getContext().get("code"))
        .containsExactlyInAnyOrder("4 PARSE_REJECTED CSV_MALFORMED", "5 VALIDATION_FAILED INVALID_FORMAT",
            "6 VALIDATION_FAILED MISSING_FIELD", "7 PARSE_REJECTED CSV_FIELD_COUNT", "8 PARSE_REJECTED CSV_NOT_UTF8");
    assertThat(letters).filteredOn(letter -> letter.getContext().get("lineNumber").equals("5"))
        .extracting(DeadLetter::getDetail).first().asString().contains("call_started_at").doesNotContain("14/03/2025");
  }

  @Test
  void reRunningTheSameFileWritesNoDuplicates() throws Exception {
    Path file = write("clean.csv", utf8(HEADER), utf8(row("C-1", "2025-03-14T18:02:11Z", "first") + "\r\n"),
        utf8(row("C-2", "2025-03-14T18:05:11Z", "second") + "\r\n"));

    CallSheetImportSummary first = intake.importFile(file);
    intake.close();
    intake = fixture.app(Map.of(PhoneIntakeConfig.TWILIO_ENABLED, false));
    CallSheetImportSummary second = intake.importFile(file);

    assertThat(first.accepted()).isEqualTo(2);
    assertThat(first.exitCode()).isZero();
    assertThat(second.accepted()).isZero();
    assertThat(second.duplicate()).isEqualTo(2);
    assertThat(second.exitCode()).isZero();
    assertThat(fixture.rawTips()).hasSize(2);
  }

  @Test
  void refusesAFileWithoutTheRequiredColumnsAndWritesNoTip() throws Exception {
    Path file = write("old-export.csv", utf8(HEADER.replace("call_started_at,", "")),
        utf8("C-1,(865) 555-0142,false,op-117,,a tip,,,,,,,,,,,,,,\r\n"));

    CallSheetImportSummary summary = intake.importFile(file);

    assertThat(summary.fileProblem()).startsWith("the header has no column call_started_at");
    assertThat(summary.exitCode()).isEqualTo(1);
    assertThat(fixture.rawTips()).isEmpty();
    assertThat(fixture.deadLetters()).singleElement()
        .satisfies(letter -> assertThat(letter.getContext()).containsEntry("lineNumber", "1"));
  }

  @Test
  void importsAHundredThousandRowFileAndRecognisesItOnTheNextRun() throws Exception {
    Path file = folder.resolve("big.csv");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      out.write(utf8(HEADER));
      for (int i = 0; i < 100_000; i++) {
        out.write(utf8(row("BIG-" + i, "2025-03-14T18:02:11Z", "call number " + i) + "\r\n"));
      }
    }

    CallSheetImportSummary first = intake.importFile(file);
    CallSheetImportSummary second = intake.importFile(file);

    assertThat(first.accepted()).isEqualTo(100_000);
    assertThat(first.rejected()).isZero();
    assertThat(first.exitCode()).isZero();
    assertThat(second.duplicate()).isEqualTo(100_000);
    assertThat(second.accepted()).isZero();
  }

  @Test
  void aCallStoredThroughTheApiIsADuplicateInTheCallSheet() throws Exception {
    intake.close();
    intake = fixture.app(Map.of()).start();
    fixture.post(intake.port(), "/api/v1/phone/calls", "application/json", PhoneFixture.resource("call.json"),
        Map.of());
    Path file = write("later.csv", utf8(HEADER), utf8(row("KX-2025-03-14-0042", "2025-03-14T18:02:11-04:00",
        "the same call") + "\r\n"));

    CallSheetImportSummary summary = intake.importFile(file);

    assertThat(summary.duplicate()).isEqualTo(1);
    assertThat(fixture.rawTips()).hasSize(1);
  }
}
