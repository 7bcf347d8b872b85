package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.ingest.phone.CallSheetImportSummary;
import org.tiprouter.ingest.phone.PhoneIntakeApp;
import org.tiprouter.ingest.phone.PhoneIntakeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiprouter import phone FILE.csv}: a hotline call sheet. */
@Command(name = "phone", mixinStandardHelpOptions = true,
    description = {"Imports a call-sheet CSV (RFC 4180, UTF-8, header row with the columns of the tips-ingest-phone "
        + "README) to tips.raw.phone.v1: each row becomes a raw tip, or a dead letter on tips.dlq.ingest.v1 with the "
        + "file name, line number and reason; one bad row never stops the file. Re-running is idempotent by call_id. "
        + "Prints accepted / duplicate / rejected counts; exits 0 only if no row was rejected and every row is stored.",
        "Settings: phone.csv.max.row.bytes, intake.ack.timeout.ms and the shared keys (tips-ingest-phone README)."})
final class ImportPhoneCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "The call sheet to import.")
  Path file;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PhoneIntakeConfig config = new PhoneIntakeConfig(connection.resolve(PhoneIntakeConfig.DEFINITION, org.tiprouter.core.topics.TopicFlows.INTAKE_PHONE));
    try (PhoneIntakeApp intake = new PhoneIntakeApp(config, ContractSerdes.registry(config.registryUrl(), Map.of()))) {
      CallSheetImportSummary summary = intake.importFile(file);
      out.println(summary.line());
      out.flush();
      return summary.exitCode();
    }
  }
}
