package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What {@code dlq replay} refuses before it talks to any broker. */
class DlqCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Tiprouter.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void refusesTheIngestStageWhoseDeadLettersNeverWereOnATopic() {
    assertThat(run("dlq", "replay", "--stage", "ingest", "--bootstrap-server", "127.0.0.1:1")).isEqualTo(DlqCommand.REFUSED);
    assertThat(err.toString()).startsWith("tiprouter: dlq replay refused: dead letters of stage ingest")
        .contains("resubmitted through the intake");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void refusesAReasonCodeReplayCanNeverCure() {
    assertThat(run("dlq", "replay", "--stage", "normalise", "--reason", "TAMPERED", "--bootstrap-server", "127.0.0.1:1"))
        .isEqualTo(DlqCommand.REFUSED);
    assertThat(err.toString()).contains("TAMPERED is never replayed");
  }

  @Test
  void namesAnUnknownStageOrAMalformedReason() {
    assertThat(run("dlq", "replay", "--stage", "deliver")).isEqualTo(1);
    assertThat(err.toString()).contains("Unknown stage 'deliver'");
    assertThat(run("dlq", "replay", "--stage", "route", "--reason", "free text")).isEqualTo(1);
    assertThat(err.toString()).contains("Invalid reason code 'free text'");
  }

  @Test
  void helpDocumentsTheExitCodes() {
    assertThat(run("dlq", "replay", "--help")).isZero();
    assertThat(out.toString()).contains("--dry-run").contains("--reason").contains("Exit codes: 0 done");
  }
}
