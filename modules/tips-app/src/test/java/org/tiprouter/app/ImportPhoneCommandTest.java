package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tiprouter import phone FILE.csv}: the command line (the import itself is tested in its module). */
class ImportPhoneCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path folder;

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new Tiprouter()).setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
    commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
      cmd.getErr().println("tiprouter: " + Tiprouter.oneLine(exception));
      return 1;
    });
    return commandLine.execute(args);
  }

  @Test
  void phoneIsASubcommandOfImport() {
    assertThat(run("import")).isZero();
    assertThat(out.toString()).contains("phone");

    assertThat(run("import", "phone", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: tiprouter import phone").contains("FILE.csv")
        .contains("--bootstrap-server").contains("--set");
  }

  @Test
  void aMissingFileFailsWithTheSummaryLine() {
    Path missing = folder.resolve("missing.csv");

    assertThat(run("import", "phone", missing.toString(), "--bootstrap-server", "127.0.0.1:9")).isEqualTo(1);

    assertThat(out.toString()).contains("Phone call-sheet import of " + missing + " refused: there is no such file");
  }

  @Test
  void aBadSettingFailsNamingItsKey() {
    assertThat(run("import", "phone", folder.resolve("x.csv").toString(), "--set", "phone.csv.max.row.bytes=12"))
        .isEqualTo(1);

    assertThat(err.toString()).contains("phone.csv.max.row.bytes");
  }
}
