package org.tiprouter.app;

import java.io.PrintWriter;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tiprouter} command. */
@Command(name = "tiprouter", mixinStandardHelpOptions = true, version = "tiprouter 0.1.0",
    description = "Routes tips about crimes against children to the agency that can act on them.",
    subcommands = {DemoCommand.class, PlatformCommand.class, RunCommand.class, ProvisionCommand.class,
        DirectoryCommand.class, AuditCommand.class, IngestCommand.class, ImportCommand.class,
        AgencyCommand.class, DlqCommand.class, OpsCommand.class})
public final class Tiprouter implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (0 on success). */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with the given output and error writers; returns the exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    CommandLine commandLine = new CommandLine(new Tiprouter()).setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler((exception, cmd, parsed) -> {
      cmd.getErr().println("tiprouter: " + oneLine(exception));
      cmd.getErr().flush();
      return 1;
    });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String oneLine(Throwable exception) {
    String message = exception.getMessage();
    if (message == null || message.isBlank()) {
      message = exception.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
