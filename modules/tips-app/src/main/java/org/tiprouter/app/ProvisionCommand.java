package org.tiprouter.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter provision}: make a cluster match the pipeline and the agency directory. */
@Command(name = "provision", mixinStandardHelpOptions = true,
    description = {"Makes the cluster match the pipeline and the agency directory: every topic (pipeline, and each "
        + "agency's queue and urgent lane), every contract schema with a BACKWARD rule, and on a cluster with an "
        + "authorizer a SCRAM-SHA-512 user per agency, stage, intake and ops with exactly its ACLs "
        + "(docs/security.md). Runs as admin (--credentials FILE). New users' passwords go only to the "
        + "credentials file (mode 0600), never to the output. Safe to run again: it changes only what differs "
        + "and says so; existing passwords are never rotated."})
final class ProvisionCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--directory", paramLabel = "FILE", description = "Agency directory YAML: every agency in it gets "
      + "its topics, user and ACLs; agency users no longer in it lose theirs (their topics are kept).")
  Path directory;

  @Option(names = "--agency", paramLabel = "ID", description = "An agency whose queue and urgent lane (and user) must "
      + "exist, besides the directory's (repeatable).")
  List<String> agencies = new ArrayList<>();

  @Option(names = "--secrets", paramLabel = "FILE", description = "Where new users' passwords are added (created "
      + "with mode 0600; existing entries kept). Default: the --credentials file.")
  Path secrets;

  @Option(names = "--dry-run", description = "Print what would change; change nothing.")
  boolean dryRun;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Set<String> wanted = new TreeSet<>();
    if (directory != null) {
      AgencyDirectory read = DirectoryCommand.read(directory, out, spec.commandLine().getErr());
      if (read == null) {
        return 1;
      }
      wanted.addAll(read.agencies().keySet());
    }
    for (String agency : agencies) {
      if (!TopicNames.isValidAgencyId(agency)) {
        throw new IllegalArgumentException("Invalid agency id '" + agency + "': expected ^[a-z0-9][a-z0-9-]{1,47}$");
      }
      wanted.add(agency);
    }
    ProvisionConfig config = new ProvisionConfig(connection.resolve(ProvisionConfig.DEFINITION));
    Path secretsFile = secrets != null ? secrets : connection.credentialsFile;
    Provisioner.Report report = Provisioner.provision(new Provisioner.Request(
        new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()), config.registryUrl(),
        config.topicNames(), config.topicSettings(), wanted, secretsFile, dryRun));
    String would = dryRun ? "would have " : "";
    report.changes().forEach(change -> out.println(would + change));
    report.schemas().forEach(schema -> out.printf("schema %s version %s (content id %d)%n", schema.artifactId(),
        schema.version(), schema.contentId()));
    report.security().warnings().forEach(warning -> out.println("note: " + warning));
    out.printf("%d topics %s, %d already present; %d agencies%n", report.createdTopics().size(),
        dryRun ? "missing" : "created", report.existingTopics(), wanted.size());
    List<String> changes = report.changes();
    if (changes.isEmpty()) {
      out.println("nothing to change: the cluster already matches");
    } else if (dryRun) {
      out.printf("dry run: %d changes would be made; nothing was changed%n", changes.size());
    } else {
      out.printf("%d changes made%n", changes.size());
      if (changes.stream().anyMatch(change -> change.startsWith("created user")) && secretsFile != null) {
        out.println("new users' passwords were written to " + secretsFile.toAbsolutePath() + " (mode 0600)");
      }
    }
    out.flush();
    return 0;
  }

  /** The provisioning command needs only the shared settings. */
  static final class ProvisionConfig extends org.tiprouter.core.config.TiprouterConfig {
    static final org.apache.kafka.common.config.ConfigDef DEFINITION = baseConfigDef();

    ProvisionConfig(java.util.Map<?, ?> originals) {
      super(DEFINITION, originals);
    }
  }
}
