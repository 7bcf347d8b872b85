package org.tiprouter.core.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;

/**
 * Every topic of the pipeline with its partitions, cleanup policy and retention: the single
 * description that provisioning, the demo and the tests create topics from.
 *
 * <p>Retention is chosen so that nothing a person still has to act on can expire first: agency
 * queues, triage and dead letters keep a year; the audit topic is never deleted or compacted.
 * Raw topics keep the original bytes for a year as the evidence original. Operators shorten or
 * lengthen these to match their records policy with {@code kafka-configs}.
 */
public final class TopicCatalogue {

  /** The largest record a pipeline topic accepts (CyberTipline reports may be 5 MiB). */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
  static final Duration YEAR = Duration.ofDays(365);
  static final Duration MONTH = Duration.ofDays(30);

  private final TopicNames names;
  private final TopicSettings settings;

  public TopicCatalogue(TopicNames names, TopicSettings settings) {
    this.names = names;
    this.settings = settings;
  }

  public TopicNames names() {
    return names;
  }

  /** Every topic that exists independently of the agency directory. */
  public List<TopicSpec> pipelineTopics() {
    List<TopicSpec> topics = new ArrayList<>();
    for (Channel channel : List.of(Channel.WEB, Channel.PHONE, Channel.CYBERTIPLINE)) {
      topics.add(retained(names.raw(channel), YEAR,
          "raw " + channel.name().toLowerCase(java.util.Locale.ROOT) + " tips: original bytes and their SHA-256"));
    }
    topics.add(retained(names.normalised(), MONTH, "canonical tips"));
    topics.add(retained(names.attachments(), MONTH, "files reported after their tip, to attach to it"));
    topics.add(retained(names.classified(), MONTH, "tips with their jurisdiction decision"));
    topics.add(retained(names.triage(), YEAR, "tips no agency could be determined for: humans decide"));
    topics.add(spec(names.audit(), Map.of("cleanup.policy", "delete", "retention.ms", "-1",
        "retention.bytes", "-1"), "chain of custody: every decision about every tip, never deleted"));
    for (Stage stage : Stage.values()) {
      topics.add(retained(names.deadLetters(stage), YEAR,
          "dead letters of " + stage.id() + ": reason code and original bytes"));
    }
    topics.add(spec(names.agencies(), Map.of("cleanup.policy", "compact",
        "min.compaction.lag.ms", "0"), "the agency directory, keyed by agency id"));
    return topics;
  }

  /** An agency's queue and urgent lane. */
  public List<TopicSpec> agencyTopics(String agencyId) {
    return List.of(
        retained(names.agencyQueue(agencyId), YEAR, "tips for agency " + agencyId),
        retained(names.agencyUrgentLane(agencyId), YEAR,
            "urgent tips for agency " + agencyId + ", read first"));
  }

  private TopicSpec retained(String name, Duration retention, String purpose) {
    return spec(name, Map.of("cleanup.policy", "delete",
        "retention.ms", Long.toString(retention.toMillis())), purpose);
  }

  private TopicSpec spec(String name, Map<String, String> configs, String purpose) {
    Map<String, String> all = new LinkedHashMap<>(configs);
    all.put("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    settings.minInsync().ifPresent(min -> all.put("min.insync.replicas", Integer.toString(min)));
    all.put("unclean.leader.election.enable", "false");
    return new TopicSpec(name, settings.partitions(), all, purpose);
  }
}
