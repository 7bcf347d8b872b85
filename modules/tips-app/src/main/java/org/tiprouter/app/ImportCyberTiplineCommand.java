package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeApp;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeConfig;
import org.tiprouter.ingest.cybertipline.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiprouter import cybertipline DIR}: a folder of NCMEC CyberTipline documents. */
@Command(name = "cybertipline", mixinStandardHelpOptions = true,
    description = {"Imports every *.xml CyberTipline document in DIR (reports, then fileDetails) to "
        + "tips.raw.cybertipline.v1, exactly as the HTTP intake would, and moves each file to DIR/done/ or, when "
        + "refused, to DIR/failed/ with a .reason file. Re-running is idempotent: a document already stored is not "
        + "stored again. Prints one summary line; exits 0 only if nothing failed and everything was stored.",
        "Settings: cybertipline.max.document.bytes, intake.ack.timeout.ms and the shared keys "
            + "(tips-ingest-cybertipline README)."})
final class ImportCyberTiplineCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "The folder to import.")
  Path folder;

  @Mixin
  ConnectionOptions connection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CyberTiplineIntakeConfig config =
        new CyberTiplineIntakeConfig(connection.resolve(CyberTiplineIntakeConfig.DEFINITION, org.tiprouter.core.topics.TopicFlows.INTAKE_CYBERTIPLINE));
    try (CyberTiplineIntakeApp intake = new CyberTiplineIntakeApp(config,
        ContractSerdes.registry(config.registryUrl(), Map.of()))) {
      ImportSummary summary = intake.importFolder(folder);
      out.println(summary.line());
      out.flush();
      return summary.exitCode();
    }
  }
}
