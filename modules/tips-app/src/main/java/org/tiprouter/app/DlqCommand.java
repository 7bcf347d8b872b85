package org.tiprouter.app;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tiprouter dlq replay}: re-inject dead letters after the cause was fixed. */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Works with the stages' dead-letter topics.",
    subcommands = {DlqCommand.Replay.class})
final class DlqCommand implements Runnable {

  /** Exit code of a replay the command refuses (stage ingest, a reason replay can never cure). */
  static final int REFUSED = 2;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tiprouter dlq replay --stage S [--reason R]... [--dry-run]}. */
  @Command(name = "replay", mixinStandardHelpOptions = true,
      description = {"Re-injects a stage's dead letters into the topic the stage read them from: the exact original "
          + "key and value bytes, on the original partition, with provenance headers (tiprouter.replay.of, "
          + "tiprouter.replay.source, tiprouter.replay.reason, tiprouter.replay.at). Idempotent: a dead letter "
          + "already replayed (its tiprouter.replay.of header is on the input topic) is never replayed again, also "
          + "after a crash half-way. Without --reason it replays the codes a fix can cure (NOT_YET_SUPPORTED, "
          + "PROCESSING_FAILED, ATTACHMENT_TIP_UNKNOWN); UNDESERIALISABLE, PAYLOAD_TOO_LARGE, PARSE_REJECTED and "
          + "VALIDATION_FAILED only when named; NULL_VALUE, INVALID_KEY, CHANNEL_MISMATCH, UNKNOWN_CHANNEL, TAMPERED, "
          + "REPORT_MISMATCH and NOT_AUTHENTIC never. Stage ingest is refused (outside input that never became a raw "
          + "tip). Prints one line per dead letter (position, reason, tip id; never payloads) and a summary line.",
          "Exit codes: 0 done (also when there was nothing to replay), 1 error (nothing of the open batch written; "
          + "run again), 2 refused."})
  static final class Replay implements Callable<Integer> {

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    @Option(names = "--stage", required = true, paramLabel = "STAGE",
        description = "normalise, classify or route (ingest is refused).")
    String stage;

    @Option(names = "--reason", paramLabel = "CODE",
        description = "Only dead letters with this reason code (repeatable), e.g. PROCESSING_FAILED.")
    List<String> reasons = List.of();

    @Option(names = "--dry-run", description = "List what would be replayed and why the rest is not; write nothing.")
    boolean dryRun;

    @Option(names = "--include-failed-replays",
        description = "Also replay dead letters of earlier replays (the record was refused again after a fix).")
    boolean includeFailedReplays;

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Stage target = Stage.fromId(stage);
      Set<String> codes = new LinkedHashSet<>();
      for (String reason : reasons) {
        if (!REASON.matcher(reason).matches()) {
          throw new IllegalArgumentException("Invalid reason code '" + reason + "': expected an upper-case code such "
              + "as PROCESSING_FAILED");
        }
        codes.add(reason);
      }
      if (target == Stage.INGEST) {
        return refuse(err, "tiprouter: dlq replay refused: dead letters of stage ingest are outside input an intake "
            + "refused (the sender was told) that never became a raw tip; have it resubmitted through the intake");
      }
      List<String> never = codes.stream().filter(code -> ReplayPlan.policy(code) == ReplayPlan.Policy.NEVER).toList();
      if (!never.isEmpty() && !dryRun) {
        return refuse(err, "tiprouter: dlq replay refused: " + String.join(", ", never) + " is never replayed: the "
            + "bytes themselves are at fault and the stage would refuse them again (see docs/operations.md)");
      }
      ProvisionCommand.ProvisionConfig config = new ProvisionCommand.ProvisionConfig(
          connection.resolve(ProvisionCommand.ProvisionConfig.DEFINITION));
      DeadLetterReplayer replayer = new DeadLetterReplayer(
          new KafkaClientConfigs(config.bootstrapServers(), config.kafkaOverrides()),
          ContractSerdes.registry(config.registryUrl(), Map.of()).value(DeadLetter.class).deserializer(),
          config.topicNames(), Clock.systemUTC());
      DeadLetterReplayer.Result result;
      try {
        result = replayer.run(target, codes, includeFailedReplays, dryRun);
      } catch (ProducerFencedException e) {
        return refuse(err, "tiprouter: dlq replay stopped: another replay of stage " + target.id() + " started and "
            + "took over; nothing of this run's open batch was written");
      }
      print(result, dryRun, out);
      return 0;
    }

    private static int refuse(PrintWriter err, String message) {
      err.println(message);
      err.flush();
      return REFUSED;
    }
  }

  /** One line per dead letter considered, then the left-alone counts and one summary line. */
  static void print(DeadLetterReplayer.Result result, boolean dryRun, PrintWriter out) {
    ReplayPlan plan = result.plan();
    for (ReplayPlan.Letter letter : plan.replay()) {
      ReplayPlan.Position at = result.written().get(letter.at());
      out.printf("%s %s %s tip %s from %s%s%n", dryRun ? "would replay" : "replayed", letter.at(), letter.reason(),
          letter.tipId() == null ? "-" : letter.tipId(), letter.source(), at == null ? "" : " as " + at);
    }
    for (ReplayPlan.Skipped left : plan.skipped()) {
      ReplayPlan.Letter letter = left.letter();
      out.printf("left %s %s tip %s: %s%n", letter.at(), letter.reason() == null ? "-" : letter.reason(),
          letter.tipId() == null ? "-" : letter.tipId(), left.why().meaning);
    }
    String replayed = describe(plan.replayCounts());
    String leftAlone = plan.skipCounts().entrySet().stream()
        .map(entry -> entry.getKey() + " " + entry.getValue().values().stream().mapToInt(Integer::intValue).sum())
        .collect(Collectors.joining(", "));
    out.printf("%s: %s %d%s, left alone %d%s of %d dead letters%s%n", result.deadLetterTopic(),
        dryRun ? "would replay" : "replayed", plan.replay().size(), replayed.isEmpty() ? "" : " (" + replayed + ")",
        plan.skipped().size(), leftAlone.isEmpty() ? "" : " (" + leftAlone + ")", result.total(),
        dryRun ? "; dry run, nothing written" : "");
    out.flush();
  }

  private static String describe(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
