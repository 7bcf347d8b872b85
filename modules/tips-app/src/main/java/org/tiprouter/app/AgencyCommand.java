package org.tiprouter.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.tiprouter.agency.AgencyClient;
import org.tiprouter.agency.AgencyCredentials;
import org.tiprouter.core.security.Principals;
import org.tiprouter.agency.AgencyDelivery;
import org.tiprouter.agency.RoutedTipJson;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.core.serde.ContractSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter agency tail|export}: an agency reads its own urgent lane and queue. */
@Command(name = "agency", mixinStandardHelpOptions = true,
    description = "Reads one agency's urgent lane and queue (urgent first, read_committed).",
    subcommands = {AgencyCommand.Tail.class, AgencyCommand.Export.class})
final class AgencyCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Output formats of {@code tail}. */
  enum Format { jsonl, text }

  /** Options every agency command shares. */
  static final class AgencyOptions {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--agency", required = true, paramLabel = "ID", description = "The agency id, e.g. knoxville-pd.")
    String agencyId;

    @Option(names = "--group", paramLabel = "NAME",
        description = "Consumer group name: the group is agency.<ID>.<NAME> and resumes where it "
            + "stopped. Default: a new group for this run only.")
    String group;

    /** A client builder with the resolved connection, credentials and registry serdes. */
    AgencyClient.Builder builder(String defaultGroupPrefix) {
      // --credentials FILE: the agency's section (agency-<ID>) of a provisioned file, or a one-user file.
      ProvisionCommand.ProvisionConfig config = new ProvisionCommand.ProvisionConfig(
          connection.resolve(ProvisionCommand.ProvisionConfig.DEFINITION, Principals.agency(agencyId)));
      Map<String, Object> settings = new HashMap<>(AgencyCredentials.clientSettings(config.kafkaOverrides()));
      return AgencyClient.builder(agencyId, groupName(defaultGroupPrefix))
          .bootstrapServers(config.bootstrapServers())
          .topicNames(config.topicNames())
          .serdes(ContractSerdes.registry(config.registryUrl(), Map.of()))
          .settings(settings);
    }

    boolean ephemeralGroup() {
      return group == null;
    }

    private String groupName(String prefix) {
      return group != null ? group
          : prefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
  }

  /**
   * Runs {@code client} on this thread; Ctrl-C stops it after the record in hand (handled and
   * committed, or neither) and waits up to 30 s for that before the JVM exits.
   */
  static long runUntilInterrupted(AgencyClient client, AgencyHandler handler) {
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      client.stop();
      try {
        finished.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "tiprouter-agency-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return client.run(handler::handle);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running
      }
    }
  }

  /**
   * Route writes an urgent tip (and each file attached to it later) to the urgent lane and to the
   * queue: within one run, the queue copy of a record already seen on the urgent lane is a
   * duplicate, which tail and export do not repeat. A tip is known by its id, an attachment by its
   * audit head (one per attachment and agency).
   */
  static final class UrgentCopies {
    private final java.util.Set<String> seenUrgent = new java.util.HashSet<>();

    boolean isRepeat(AgencyDelivery delivery) {
      RoutedTip routed = delivery.routedTip();
      String copy = switch (routed.getKind()) {
        case TIP -> "TIP " + routed.getTipId();
        case ATTACHMENT -> "ATTACHMENT " + routed.getAuditHead();
        default -> null;
      };
      if (copy == null) {
        return false;
      }
      if (delivery.urgentLane()) {
        seenUrgent.add(copy);
        return false;
      }
      return seenUrgent.remove(copy);
    }
  }

  /** A handler that may throw I/O errors. */
  @FunctionalInterface
  interface AgencyHandler {
    void handle(AgencyDelivery delivery) throws IOException;
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Prints the agency's routed tips as they arrive, urgent lane first.")
  static final class Tail implements Callable<Integer> {
    @Mixin
    AgencyOptions agency;

    @Option(names = "--from-beginning", description = "Start at the oldest retained tip (default: new tips only).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
        description = "jsonl (one JSON object per line, default) or text (a summary without personal data).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      if (max != null && max < 1) {
        throw new IllegalArgumentException("--max must be at least 1");
      }
      AgencyClient.Builder builder = agency.builder("tail");
      if (!fromBeginning && agency.ephemeralGroup()) {
        builder.startAtEnd();
      }
      tail(builder.build(), spec.commandLine().getOut(), format, max);
      return 0;
    }

    /**
     * Prints each record to {@code out} (not repeating an urgent tip's queue copy); stops after
     * {@code max} printed records when given. Returns the number printed.
     */
    static long tail(AgencyClient client, PrintWriter out, Format format, Long max) {
      long[] printed = {0};
      UrgentCopies urgentCopies = new UrgentCopies();
      runUntilInterrupted(client, delivery -> {
        if (urgentCopies.isRepeat(delivery)) {
          return;
        }
        RoutedTip routed = delivery.routedTip();
        out.println(format == Format.text ? RoutedTipJson.toText(routed) : RoutedTipJson.toJsonLine(routed));
        out.flush();
        if (max != null && ++printed[0] >= max) {
          client.stop();
        }
      });
      return printed[0];
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Writes the agency's routed tips to a new JSON Lines file (mode 0600) for hand-off "
          + "to a case-management system, then stops.")
  static final class Export implements Callable<Integer> {
    @Mixin
    AgencyOptions agency;

    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "The file to create; it must not exist.")
    Path out;

    @Option(names = "--since", paramLabel = "TIME",
        description = "Only tips routed at or after TIME: an instant (2026-03-14T00:00:00Z) or a UTC date (2026-03-14).")
    String since;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      AgencyClient.Builder builder = agency.builder("export").stopWhenCaughtUp();
      if (since != null) {
        builder.since(parseTime(since));
      }
      AgencyClient client = builder.build();
      long count = export(client, out);
      PrintWriter console = spec.commandLine().getOut();
      console.printf("Exported %d records of agency %s to %s%n", count, client.agencyId(), out);
      console.flush();
      return 0;
    }

    /**
     * Reads {@code client} to the end, one line per record into a new file (not repeating an
     * urgent tip's queue copy); each line is on disk before its record is committed. Returns the
     * number of lines.
     */
    static long export(AgencyClient client, Path file) throws IOException {
      FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      try (FileChannel channel = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE), ownerOnly); OutputStream stream = Channels.newOutputStream(channel)) {
        long[] written = {0};
        UrgentCopies urgentCopies = new UrgentCopies();
        runUntilInterrupted(client, delivery -> {
          if (urgentCopies.isRepeat(delivery)) {
            return;
          }
          written[0]++;
          stream.write((RoutedTipJson.toJsonLine(delivery.routedTip()) + "\n").getBytes(StandardCharsets.UTF_8));
          stream.flush();
          channel.force(false);
        });
        return written[0];
      } catch (FileAlreadyExistsException e) {
        throw new IllegalArgumentException("Export file " + file + " already exists; choose a new --out");
      }
    }

    static Instant parseTime(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException notInstant) {
        try {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw new IllegalArgumentException("--since " + text
              + ": expected an instant like 2026-03-14T00:00:00Z or a date like 2026-03-14");
        }
      }
    }
  }
}
