package org.tiprouter.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter ingest <channel>}: one intake as its own process. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Runs one intake alone against an existing, provisioned cluster and registry.",
    subcommands = {IngestWebCommand.class, IngestPhoneCommand.class, IngestCyberTiplineCommand.class})
final class IngestCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
