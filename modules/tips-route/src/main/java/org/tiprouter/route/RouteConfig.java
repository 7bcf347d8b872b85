package org.tiprouter.route;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.tiprouter.core.Stage;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.topics.TopicNames;

/**
 * Settings of the route stage: correlation (deconfliction), queue checks, the fallback triage
 * agency and attachments.
 */
public final class RouteConfig extends StreamStageConfig {

  public static final String CORRELATION_KEY = "route.correlation.key";
  public static final String CORRELATION_WINDOW_DAYS = "route.correlation.window.days";
  public static final String CORRELATION_IP_WINDOW_HOURS = "route.correlation.ip.window.hours";
  public static final String CORRELATION_MAX_RELATED = "route.correlation.max.related";
  public static final String CORRELATION_MAX_IDENTIFIERS = "route.correlation.max.identifiers";
  public static final String QUEUE_CHECK_INTERVAL_MS = "route.queue.check.interval.ms";
  public static final String TRIAGE_AGENCY = "route.triage.agency";
  public static final String ATTACHMENT_WAIT_MS = "route.attachment.wait.ms";
  public static final String ATTACHMENT_CUSTODY_DAYS = "route.attachment.custody.days";

  /** Shortest accepted correlation key, in characters. */
  static final int MIN_KEY_LENGTH = 32;

  public static final ConfigDef DEFINITION = streamStageConfigDef(Stage.ROUTE)
      .define(CORRELATION_KEY, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, new SecretKey(), Importance.HIGH,
          "Secret key of the HMAC-SHA256 that turns each normalised identifier into the key of the correlation "
              + "index, so no identifier is stored, logged or sent in clear. Required, at least " + MIN_KEY_LENGTH
              + " characters (e.g. openssl rand -base64 48). Every instance of the stage must use the same key; "
              + "changing it starts an empty index. Environment: TIPROUTER_ROUTE_CORRELATION_KEY. Never logged.")
      .define(CORRELATION_WINDOW_DAYS, Type.INT, 180, Range.between(1, 3650), Importance.MEDIUM,
          "Tips sharing an identifier are linked when their record times are at most this many days apart; "
              + "index entries older than this (by stream time) expire.")
      .define(CORRELATION_IP_WINDOW_HOURS, Type.INT, 24, Range.between(1, 720), Importance.MEDIUM,
          "IP addresses link tips only when both carry a capture time and the capture times are at most this many "
              + "hours apart.")
      .define(CORRELATION_MAX_RELATED, Type.INT, 50, Range.between(1, 1000), Importance.MEDIUM,
          "Most related tips listed on one routed tip (the most recent first), and most matches one identifier "
              + "lookup returns. Bounds the related list and the RELATED_TIP notices of identifiers shared by many "
              + "tips (a widely circulated file hash).")
      .define(CORRELATION_MAX_IDENTIFIERS, Type.INT, 500, Range.between(1, 100_000), Importance.LOW,
          "Most identifiers of one tip that are correlated; further ones are ignored (the count is logged).")
      .define(QUEUE_CHECK_INTERVAL_MS, Type.LONG, 5_000L, Range.between(100L, 600_000L), Importance.LOW,
          "How long the list of existing agency queue topics is trusted before it is fetched again; a topic "
              + "missing from the list is re-checked at once (at most once a second).")
      .define(TRIAGE_AGENCY, Type.STRING, "national-triage", (name, value) -> {
        if (!TopicNames.isValidAgencyId((String) value)) {
          throw new ConfigException(name, value, "must be an agency id: ^[a-z0-9][a-z0-9-]{1,47}$");
        }
      }, Importance.MEDIUM, "Agency named on triage records route writes itself (AGENCY_REMOVED, "
          + "AGENCY_QUEUE_MISSING) while the agency directory names no triage agency.")
      .define(ATTACHMENT_WAIT_MS, Type.LONG, Duration.ofDays(7).toMillis(),
          Range.between(1_000L, Duration.ofDays(365).toMillis()), Importance.MEDIUM,
          "How long a file reported after its tip (tips.attachments.v1) is held when its tip has not been routed "
              + "yet (they travel on different topics and may overtake each other); after that it is dead-lettered as "
              + "ATTACHMENT_TIP_UNKNOWN, to replay once the tip is routed.")
      .define(ATTACHMENT_CUSTODY_DAYS, Type.INT, 400, Range.between(1, 3650), Importance.LOW,
          "How long route remembers a routed tip's chain head and holders so that files reported later can be "
              + "attached; keep it longer than the raw topics' retention (the intake accepts a fileDetails document "
              + "only while its report is there).");

  public RouteConfig(Map<?, ?> originals) {
    super(Stage.ROUTE, DEFINITION, originals);
  }

  /** The correlation settings; the key stays inside them and is never printed. */
  public CorrelationSettings correlation() {
    return new CorrelationSettings(getPassword(CORRELATION_KEY).value().getBytes(StandardCharsets.UTF_8),
        Duration.ofDays(getInt(CORRELATION_WINDOW_DAYS)), Duration.ofHours(getInt(CORRELATION_IP_WINDOW_HOURS)),
        getInt(CORRELATION_MAX_RELATED), getInt(CORRELATION_MAX_IDENTIFIERS));
  }

  /** How files reported after their tip are attached. */
  public AttachmentSettings attachments() {
    return new AttachmentSettings(Duration.ofMillis(getLong(ATTACHMENT_WAIT_MS)),
        Duration.ofDays(getInt(ATTACHMENT_CUSTODY_DAYS)));
  }

  /** How long a listing of existing topics is trusted ({@value #QUEUE_CHECK_INTERVAL_MS}). */
  public Duration queueCheckInterval() {
    return Duration.ofMillis(getLong(QUEUE_CHECK_INTERVAL_MS));
  }

  /** The fallback triage agency ({@value #TRIAGE_AGENCY}). */
  public String triageAgency() {
    return getString(TRIAGE_AGENCY);
  }

  /** A secret of at least {@link #MIN_KEY_LENGTH} characters; the message never contains it. */
  static final class SecretKey implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      Password password = (Password) value;
      if (password == null || password.value() == null || password.value().strip().length() < MIN_KEY_LENGTH) {
        throw new ConfigException(name + " must be a secret of at least " + MIN_KEY_LENGTH
            + " characters (the value is not shown)");
      }
    }

    @Override
    public String toString() {
      return "a secret of at least " + MIN_KEY_LENGTH + " characters";
    }
  }
}
