package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.DirectoryFileReader;
import org.tiprouter.classify.directory.DirectoryProblem;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiprouter directory check|load FILE}: validate an agency directory, or publish it. */
@Command(name = "directory", mixinStandardHelpOptions = true,
    description = "Validates an agency directory file, or publishes it to the directory topic (format: docs/directory.md).",
    subcommands = {DirectoryCommand.Check.class, DirectoryCommand.Load.class})
final class DirectoryCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads and validates {@code file}; prints every problem and returns null when it is invalid. */
  static AgencyDirectory read(Path file, PrintWriter out, PrintWriter err) {
    DirectoryFileReader.Result result = new DirectoryFileReader(ReferenceData.load()).read(file);
    if (result instanceof DirectoryFileReader.Invalid invalid) {
      List<DirectoryProblem> problems = invalid.problems();
      problems.forEach(problem -> err.println(problem));
      err.printf("%s: %d problem%s%n", file, problems.size(), problems.size() == 1 ? "" : "s");
      err.flush();
      return null;
    }
    AgencyDirectory directory = ((DirectoryFileReader.Valid) result).directory();
    out.printf("%s: valid, version %s, %d agencies, triage agency %s%n", file, directory.version(),
        directory.agencies().size(), directory.triage().orElseThrow().id());
    out.flush();
    return directory;
  }

  /** {@code tiprouter directory check FILE}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validates a directory file and prints every problem with its line. Exit code 0 when valid, 1 when not.")
  static final class Check implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The directory YAML file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      return read(file, spec.commandLine().getOut(), spec.commandLine().getErr()) == null ? 1 : 0;
    }
  }

  /** {@code tiprouter directory load FILE}. */
  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"Validates a directory file and publishes it to the compacted directory topic: new and changed "
          + "agencies are upserted, agencies no longer listed are tombstoned, in one transaction. Creates the "
          + "directory topic and any missing agency queue and urgent lane. Classify applies it to the next tip. "
          + "Safe to run again: an unchanged file publishes nothing."})
  static final class Load implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The directory YAML file.")
    Path file;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AgencyDirectory directory = read(file, out, spec.commandLine().getErr());
      if (directory == null) {
        return 1;
      }
      ProvisionCommand.ProvisionConfig config = new ProvisionCommand.ProvisionConfig(
          connection.resolve(ProvisionCommand.ProvisionConfig.DEFINITION));
      DirectoryLoader.Outcome outcome = new DirectoryLoader(
          new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()),
          ContractSerdes.registry(config.registryUrl(), java.util.Map.of()), config.topicNames(),
          config.topicSettings()).load(directory);
      print(outcome, out);
      return 0;
    }
  }

  static void print(DirectoryLoader.Outcome outcome, PrintWriter out) {
    outcome.topics().created().forEach(topic -> out.println("created topic " + topic));
    outcome.added().forEach(id -> out.println("added " + id));
    outcome.changed().forEach(id -> out.println("changed " + id));
    outcome.removed().forEach(id -> out.println("removed " + id + " (tombstone)"));
    if (!outcome.reversioned().isEmpty()) {
      out.printf("re-versioned %d agencies (entry unchanged apart from the directory version)%n",
          outcome.reversioned().size());
    }
    out.printf("directory %s: %d added, %d changed, %d re-versioned, %d removed, %d unchanged; %d topics created%n",
        outcome.version(), outcome.added().size(), outcome.changed().size(), outcome.reversioned().size(),
        outcome.removed().size(), outcome.unchanged(), outcome.topics().created().size());
    out.flush();
  }
}
