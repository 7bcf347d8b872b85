package org.tiprouter.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tiprouter import <channel> ...}: documents from a folder or a file into an existing cluster. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Imports documents of one channel (a folder, or a file) into an existing, provisioned cluster and registry.",
    subcommands = {ImportCyberTiplineCommand.class, ImportPhoneCommand.class})
final class ImportCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
