package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tiprouter agency}: options, and the refusals that happen before any connection. */
class AgencyCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private int run(String... args) {
    return Tiprouter.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void listsTailAndExport() {
    assertThat(run("agency")).isZero();
    assertThat(out.toString()).contains("tail", "export");
    assertThat(run("agency", "tail", "--help")).isZero();
    assertThat(out.toString()).contains("--from-beginning", "--max", "--format", "--credentials",
        "--bootstrap-server", "--registry-url", "--config", "--set");
  }

  @Test
  void refusesCredentialsOnTheCommandLineWithoutPrintingThem() {
    assertThat(run("agency", "tail", "--agency", "knoxville-pd", "--bootstrap-server", "127.0.0.1:1",
        "--set", "kafka.sasl.jaas.config=ScramLoginModule required password=\"hunter2\";")).isNotZero();

    assertThat(err.toString()).contains("kafka.sasl.jaas.config", "--credentials").doesNotContain("hunter2");
    assertThat(out.toString()).doesNotContain("hunter2");
  }

  @Test
  void refusesACredentialsFileOthersCanRead() throws Exception {
    Path file = dir.resolve("creds.properties");
    Files.writeString(file, "username=u\npassword=hunter2\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

    assertThat(run("agency", "export", "--agency", "knoxville-pd", "--out", dir.resolve("x.jsonl").toString(),
        "--credentials", file.toString(), "--bootstrap-server", "127.0.0.1:1")).isNotZero();

    assertThat(err.toString()).contains("chmod 600").doesNotContain("hunter2");
  }

  @Test
  void neverOverwritesAnExport() throws Exception {
    Path existing = Files.writeString(dir.resolve("handed-off.jsonl"), "{}\n");

    assertThat(run("agency", "export", "--agency", "knoxville-pd", "--out", existing.toString(),
        "--bootstrap-server", "127.0.0.1:1")).isNotZero();

    assertThat(err.toString()).contains("already exists");
    assertThat(Files.readString(existing)).isEqualTo("{}\n");
  }

  @Test
  void sinceTakesAnInstantOrADate() {
    assertThat(AgencyCommand.Export.parseTime("2026-03-14T10:00:00Z")).isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
    assertThat(AgencyCommand.Export.parseTime("2026-03-14")).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    assertThatThrownBy(() -> AgencyCommand.Export.parseTime("yesterday")).hasMessageContaining("--since");
  }

  @Test
  void refusesAnInvalidAgencyId() {
    assertThat(run("agency", "tail", "--agency", "Not Valid", "--bootstrap-server", "127.0.0.1:1")).isNotZero();
    assertThat(err.toString()).contains("Invalid agency id");
  }

  @Test
  void printsTheQueueCopyOfAnUrgentTipOrAttachmentOnlyOnce() {
    AgencyCommand.UrgentCopies copies = new AgencyCommand.UrgentCopies();
    org.tiprouter.contract.RoutedTip tip = org.tiprouter.contract.ContractFixtures.routedTip();
    org.tiprouter.contract.RoutedTip file = org.tiprouter.contract.ContractFixtures.attachmentRecord();
    org.tiprouter.contract.RoutedTip otherFile = org.tiprouter.contract.RoutedTip.newBuilder(file)
        .setAuditHead("0".repeat(64)).build();

    assertThat(copies.isRepeat(new org.tiprouter.agency.AgencyDelivery("lane", 0, 0, true, tip))).isFalse();
    assertThat(copies.isRepeat(new org.tiprouter.agency.AgencyDelivery("lane", 0, 1, true, file))).isFalse();
    assertThat(copies.isRepeat(new org.tiprouter.agency.AgencyDelivery("queue", 0, 0, false, tip))).isTrue();
    assertThat(copies.isRepeat(new org.tiprouter.agency.AgencyDelivery("queue", 0, 1, false, otherFile))).isFalse();
    assertThat(copies.isRepeat(new org.tiprouter.agency.AgencyDelivery("queue", 0, 2, false, file))).isTrue();
  }
}
