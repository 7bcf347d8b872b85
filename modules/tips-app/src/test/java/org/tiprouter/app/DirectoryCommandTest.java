package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DirectoryCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new Tiprouter());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void checkAcceptsTheDemoDirectory() {
    assertThat(run("directory", "check", DemoDirectoryTest.DEMO.toString())).isZero();
    assertThat(out.toString()).contains("valid, version 1+sha256:").contains("154 agencies")
        .contains("triage agency national-triage");
  }

  @Test
  void checkPrintsEveryProblemWithItsLineAndFails(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        version: 1
        agencies:
          - id: knox
            name: Knox
            service: police.sheriff
            areas: [county: "4709"]
            copies: [nobody]
        """);

    assertThat(run("directory", "check", file.toString())).isEqualTo(1);
    assertThat(err.toString()).contains(file + ":1: no triage agency")
        .contains(file + ":6: bad county FIPS '4709'")
        .contains(file + ":7: agency 'knox' copies unknown agency 'nobody'")
        .contains("3 problems");
  }
}
