package org.tiprouter.ingest.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.tiprouter.core.config.TiprouterConfig;

/** Settings of the web intake. */
public final class WebIntakeConfig extends TiprouterConfig {

  public static final String HOST = "intake.host";
  public static final String PORT = "intake.port";
  public static final String MAX_BODY_BYTES = "intake.max.body.bytes";
  public static final String ACK_TIMEOUT_MS = "intake.ack.timeout.ms";
  public static final String RATE_LIMIT_REQUESTS = "intake.rate.limit.requests";
  public static final String RATE_LIMIT_WINDOW_MS = "intake.rate.limit.window.ms";
  public static final String RATE_LIMIT_MAX_CLIENTS = "intake.rate.limit.max.clients";
  public static final String TRUST_FORWARDED_FOR = "intake.trust.forwarded.for";
  public static final String ALLOWED_ORIGINS = "intake.allowed.origins";
  public static final String IDEMPOTENCY_WINDOW_MS = "intake.idempotency.window.ms";
  public static final String IDEMPOTENCY_MAX_ENTRIES = "intake.idempotency.max.entries";
  public static final String IDEMPOTENCY_RESTORE = "intake.idempotency.restore";
  public static final String FORM_TIME_ZONE = "intake.form.time.zone";

  public static final ConfigDef DEFINITION = new ConfigDef(baseConfigDef())
      .define(HOST, Type.STRING, "127.0.0.1", Importance.HIGH,
          "Interface the intake listens on. Put a TLS-terminating proxy in front in production.")
      .define(PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
          "Port of the public form and JSON API; 0 picks a free port.")
      .define(MAX_BODY_BYTES, Type.INT, 64 * 1024, Range.between(1024, 1024 * 1024), Importance.MEDIUM,
          "Largest request body accepted; larger requests get 413 before any parsing.")
      .define(ACK_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100, 120_000), Importance.MEDIUM,
          "How long a request waits for the broker to acknowledge the tip before answering 503.")
      .define(RATE_LIMIT_REQUESTS, Type.INT, 20, Range.between(1, 1_000_000), Importance.MEDIUM,
          "Tip submissions (form or API, valid or not) one client may make per rate-limit window; more get 429 "
              + "with Retry-After. Clients are told apart by a keyed hash of their address, held only in memory.")
      .define(RATE_LIMIT_WINDOW_MS, Type.LONG, 600_000L, Range.between(1_000, 86_400_000), Importance.MEDIUM,
          "The rate-limit window: a client's allowance refills evenly over this time.")
      .define(RATE_LIMIT_MAX_CLIENTS, Type.INT, 100_000, Range.between(10, 10_000_000), Importance.LOW,
          "Clients the rate limiter remembers at most; the least recently seen are forgotten first.")
      .define(TRUST_FORWARDED_FOR, Type.BOOLEAN, false, Importance.MEDIUM,
          "Take the client address for rate limiting from the last X-Forwarded-For entry (set only behind a "
              + "proxy that sets that header); otherwise the connection's peer address. Never stored or logged.")
      .define(ALLOWED_ORIGINS, Type.LIST, "", Importance.LOW,
          "Further origins (scheme://host[:port]) whose pages may post the form, e.g. the public site's address "
              + "when a proxy changes the Host header. The intake's own origin is always allowed.")
      .define(IDEMPOTENCY_WINDOW_MS, Type.LONG, 86_400_000L, Range.between(60_000, 7 * 86_400_000L), Importance.MEDIUM,
          "How long a submissionId is remembered: sent again within this time it gets the same tip id and "
              + "nothing new is written.")
      .define(IDEMPOTENCY_MAX_ENTRIES, Type.INT, 100_000, Range.between(10, 10_000_000), Importance.LOW,
          "Submission ids remembered at most; the oldest are forgotten first.")
      .define(IDEMPOTENCY_RESTORE, Type.BOOLEAN, true, Importance.MEDIUM,
          "At start, read the web raw topic back over the idempotency window to remember the submission ids "
              + "stored before a restart (or by other instances up to then).")
      .define(FORM_TIME_ZONE, Type.STRING, "America/New_York", new TimeZone(), Importance.LOW,
          "Time zone the form preselects for 'when did it happen' (an IANA zone id).");

  public WebIntakeConfig(Map<?, ?> originals) {
    super(DEFINITION, originals);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public int maxBodyBytes() {
    return getInt(MAX_BODY_BYTES);
  }

  public Duration ackTimeout() {
    return Duration.ofMillis(getLong(ACK_TIMEOUT_MS));
  }

  public int rateLimitRequests() {
    return getInt(RATE_LIMIT_REQUESTS);
  }

  public Duration rateLimitWindow() {
    return Duration.ofMillis(getLong(RATE_LIMIT_WINDOW_MS));
  }

  public int rateLimitMaxClients() {
    return getInt(RATE_LIMIT_MAX_CLIENTS);
  }

  public boolean trustForwardedFor() {
    return getBoolean(TRUST_FORWARDED_FOR);
  }

  public List<String> allowedOrigins() {
    return getList(ALLOWED_ORIGINS);
  }

  public Duration idempotencyWindow() {
    return Duration.ofMillis(getLong(IDEMPOTENCY_WINDOW_MS));
  }

  public int idempotencyMaxEntries() {
    return getInt(IDEMPOTENCY_MAX_ENTRIES);
  }

  public boolean idempotencyRestore() {
    return getBoolean(IDEMPOTENCY_RESTORE);
  }

  public ZoneId formTimeZone() {
    return ZoneId.of(getString(FORM_TIME_ZONE));
  }

  /** Accepts IANA time-zone ids. */
  static final class TimeZone implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      try {
        ZoneId.of(String.valueOf(value));
      } catch (DateTimeException e) {
        throw new ConfigException(name, value, "must be an IANA time-zone id such as America/Chicago");
      }
    }

    @Override
    public String toString() {
      return "an IANA time-zone id";
    }
  }
}
