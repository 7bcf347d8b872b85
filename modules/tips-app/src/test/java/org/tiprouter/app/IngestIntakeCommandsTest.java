package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ingest phone} and {@code ingest cybertipline}: real subcommands whose options reach their intake's config. */
class IngestIntakeCommandsTest {

  @Test
  void bothAreSubcommandsOfIngestWithTheIntakeOptions() {
    for (String channel : new String[] {"phone", "cybertipline"}) {
      StringWriter out = new StringWriter();
      int code = Tiprouter.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "ingest", channel,
          "--help");
      assertThat(code).as(channel).isZero();
      assertThat(out.toString()).as(channel).contains("--intake-port", "--host", "--ops-port", "--credentials",
          "--bootstrap-server");
    }
  }

  @Test
  void thePhoneCommandAppliesItsOptionsOverTheSettings() {
    IngestPhoneCommand command = new IngestPhoneCommand();
    new CommandLine(command).parseArgs("--intake-port", "18081", "--host", "0.0.0.0", "--set",
        "phone.max.body.bytes=4096");

    assertThat(command.config().port()).isEqualTo(18081);
    assertThat(command.config().host()).isEqualTo("0.0.0.0");
    assertThat(command.config().getInt("phone.max.body.bytes")).isEqualTo(4096);
  }

  @Test
  void theCyberTiplineCommandAppliesItsOptionsOverTheSettings() {
    IngestCyberTiplineCommand command = new IngestCyberTiplineCommand();
    new CommandLine(command).parseArgs("--intake-port", "18082", "--set", "intake.host=0.0.0.0");

    assertThat(command.config().port()).isEqualTo(18082);
    assertThat(command.config().host()).isEqualTo("0.0.0.0");
  }
}
