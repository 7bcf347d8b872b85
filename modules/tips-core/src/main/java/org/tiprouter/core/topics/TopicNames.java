package org.tiprouter.core.topics;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;

/**
 * Every topic name in the system, derived from one configurable prefix ({@code tips} by default).
 * Topologies and clients take names from here, never from string literals. Names carry no
 * personal data: only channel, stage and agency ids.
 */
public final class TopicNames {

  public static final String DEFAULT_PREFIX = "tips";
  private static final Pattern PREFIX = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,38}[a-z0-9])?");
  private static final Pattern AGENCY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,47}");
  private static final String VERSION = ".v1";

  private final String prefix;
  private final Pattern agencyQueue;

  public TopicNames(String prefix) {
    if (!isValidPrefix(prefix)) {
      throw new IllegalArgumentException("Invalid topic prefix '" + prefix + "'");
    }
    this.prefix = prefix;
    this.agencyQueue = Pattern.compile(Pattern.quote(prefix + ".agency.") + "(" + AGENCY_ID.pattern()
        + ")(\\.urgent)?" + Pattern.quote(VERSION));
  }

  public static TopicNames defaults() {
    return new TopicNames(DEFAULT_PREFIX);
  }

  public static boolean isValidPrefix(String prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }

  /** Agency ids are {@code ^[a-z0-9][a-z0-9-]{1,47}$}: they become part of topic names. */
  public static boolean isValidAgencyId(String agencyId) {
    return agencyId != null && AGENCY_ID.matcher(agencyId).matches();
  }

  public String prefix() {
    return prefix;
  }

  /** Raw tips of one channel, as received: {@code tips.raw.web.v1}. */
  public String raw(Channel channel) {
    Objects.requireNonNull(channel, "channel");
    if (channel == Channel.UNKNOWN) {
      throw new IllegalArgumentException("There is no raw topic for channel UNKNOWN");
    }
    return prefix + ".raw." + channel.name().toLowerCase(Locale.ROOT) + VERSION;
  }

  /** Canonical tips written by normalise. */
  public String normalised() {
    return prefix + ".normalised" + VERSION;
  }

  /**
   * Files reported after their tip ({@code TipAttachment}, key tip id), written by normalise and
   * read by route, which attaches them to the tip at the agencies holding it.
   */
  public String attachments() {
    return prefix + ".attachments" + VERSION;
  }

  /** Tips with their jurisdiction decision, written by classify. */
  public String classified() {
    return prefix + ".classified" + VERSION;
  }

  /** Tips whose responsible agency could not be determined: humans decide. */
  public String triage() {
    return prefix + ".triage" + VERSION;
  }

  /** The append-only chain of custody of every tip. */
  public String audit() {
    return prefix + ".audit" + VERSION;
  }

  /** The agency directory, compacted, keyed by agency id. */
  public String agencies() {
    return prefix + ".agencies" + VERSION;
  }

  /** Dead letters of one stage: {@code tips.dlq.normalise.v1}. */
  public String deadLetters(Stage stage) {
    return prefix + ".dlq." + stage.id() + VERSION;
  }

  /** An agency's queue: {@code tips.agency.knoxville-pd.v1}. */
  public String agencyQueue(String agencyId) {
    return prefix + ".agency." + requireAgencyId(agencyId) + VERSION;
  }

  /** An agency's urgent lane, read before its queue: {@code tips.agency.knoxville-pd.urgent.v1}. */
  public String agencyUrgentLane(String agencyId) {
    return prefix + ".agency." + requireAgencyId(agencyId) + ".urgent" + VERSION;
  }

  /** The prefix under which every agency's topics live: {@code tips.agency.} (for prefixed ACLs). */
  public String agencyTopicsPrefix() {
    return prefix + ".agency.";
  }

  /** The prefix under which all of one agency's topics live (for prefixed ACLs). */
  public String agencyTopicPrefix(String agencyId) {
    return prefix + ".agency." + requireAgencyId(agencyId) + ".";
  }

  /** The agency id of an agency queue or urgent-lane topic, if {@code topic} is one. */
  public Optional<String> agencyIdOf(String topic) {
    Matcher matcher = agencyQueue.matcher(topic);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private static String requireAgencyId(String agencyId) {
    if (!isValidAgencyId(agencyId)) {
      throw new IllegalArgumentException("Invalid agency id '" + agencyId
          + "': expected ^[a-z0-9][a-z0-9-]{1,47}$");
    }
    return agencyId;
  }

  @Override
  public String toString() {
    return "TopicNames[" + prefix + "]";
  }
}
