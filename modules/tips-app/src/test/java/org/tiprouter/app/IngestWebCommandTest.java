package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestWebCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

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
  void isRegisteredAsIngestWebWithItsOptions() {
    assertThat(run("ingest", "web", "--help")).isZero();

    assertThat(out.toString()).contains("Usage: tiprouter ingest web").contains("--intake-port")
        .contains("--bootstrap-server").contains("--registry-url").contains("--ops-port");
  }

  @Test
  void refusesABadSettingNamingItsKeyBeforeStartingAnything() {
    assertThat(run("ingest", "web", "--set", "intake.form.time.zone=Mars/Olympus")).isEqualTo(1);

    assertThat(err.toString()).contains("intake.form.time.zone");
  }

  @Test
  void appliesItsOptionsOverTheSettings() {
    IngestWebCommand command = new IngestWebCommand();
    new CommandLine(command).parseArgs("--intake-port", "18080", "--host", "0.0.0.0", "--set",
        "intake.rate.limit.requests=5");

    assertThat(command.config().port()).isEqualTo(18080);
    assertThat(command.config().host()).isEqualTo("0.0.0.0");
    assertThat(command.config().rateLimitRequests()).isEqualTo(5);
  }
}
