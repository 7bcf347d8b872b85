package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tiprouter import cybertipline DIR}: the command line (the import itself is tested in its module). */
class ImportCyberTiplineCommandTest {

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
  void importIsAParentCommandWithCybertiplineAsASubcommand() {
    assertThat(run("import")).isZero();
    assertThat(out.toString()).contains("Usage: tiprouter import").contains("cybertipline");

    assertThat(run("import", "cybertipline", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: tiprouter import cybertipline").contains("DIR")
        .contains("--bootstrap-server").contains("--registry-url").contains("--set");
  }

  @Test
  void anEmptyFolderImportsNothingAndExitsZeroWithASummaryLine() {
    assertThat(run("import", "cybertipline", folder.toString(), "--bootstrap-server", "127.0.0.1:9")).isZero();

    assertThat(out.toString()).contains("CyberTipline import of " + folder + ": 0 stored, 0 already stored, 0 failed, "
        + "0 not stored");
  }

  @Test
  void aMissingFolderFailsWithOneLine() {
    assertThat(run("import", "cybertipline", folder.resolve("missing").toString(), "--bootstrap-server",
        "127.0.0.1:9")).isEqualTo(1);

    assertThat(err.toString()).startsWith("tiprouter: Not a folder: ");
  }

  @Test
  void aBadSettingFailsNamingItsKey() {
    assertThat(run("import", "cybertipline", folder.toString(), "--set", "cybertipline.max.document.bytes=12")).isEqualTo(1);

    assertThat(err.toString()).contains("cybertipline.max.document.bytes");
  }
}
