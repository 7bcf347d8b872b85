package org.tiprouter.ingest.phone;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.tiprouter.core.config.TiprouterConfig;

/** Settings of the phone intake (call-taker API, Twilio webhook, call-sheet import). */
public final class PhoneIntakeConfig extends TiprouterConfig {

  public static final String HOST = "intake.host";
  public static final String PORT = "intake.port";
  public static final String ACK_TIMEOUT_MS = "intake.ack.timeout.ms";
  public static final String MAX_BODY_BYTES = "phone.max.body.bytes";
  public static final String CSV_MAX_ROW_BYTES = "phone.csv.max.row.bytes";
  public static final String TWILIO_ENABLED = "phone.twilio.enabled";
  public static final String TWILIO_AUTH_TOKEN = "phone.twilio.auth.token";
  public static final String TWILIO_PUBLIC_BASE_URL = "phone.twilio.public.base.url";
  public static final String TWILIO_RECORDING_MAX_SECONDS = "phone.twilio.recording.max.seconds";
  public static final String RATE_LIMIT_REQUESTS = "phone.rate.limit.requests";
  public static final String RATE_LIMIT_WINDOW_MS = "phone.rate.limit.window.ms";
  public static final String RATE_LIMIT_MAX_CLIENTS = "phone.rate.limit.max.clients";
  public static final String TRUST_FORWARDED_FOR = "intake.trust.forwarded.for";

  public static final ConfigDef DEFINITION = new ConfigDef(baseConfigDef())
      .define(HOST, Type.STRING, "127.0.0.1", Importance.HIGH,
          "Interface the intake listens on when it runs its own HTTP endpoint (inside the demo it shares the web "
              + "intake's). Put a TLS-terminating proxy with client authentication in front of the call-taker API.")
      .define(PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
          "Port of the intake when it runs its own HTTP endpoint; 0 picks a free port.")
      .define(ACK_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100, 120_000), Importance.MEDIUM,
          "How long a call waits for the broker (to read what is already recorded and to acknowledge the new "
              + "record) before it is answered 503 and nothing is promised.")
      .define(MAX_BODY_BYTES, Type.INT, 64 * 1024, Range.between(1024, 1024 * 1024), Importance.MEDIUM,
          "Largest request body of the call-taker API and the Twilio webhook; larger ones get 413 unread.")
      .define(CSV_MAX_ROW_BYTES, Type.INT, 256 * 1024, Range.between(1024, 1024 * 1024), Importance.LOW,
          "Largest call-sheet row (one CSV record); a longer one is dead-lettered and the import goes on at the next "
              + "line.")
      .define(TWILIO_ENABLED, Type.BOOLEAN, false, Importance.HIGH,
          "Serve the Twilio-compatible webhook (POST /phone/twilio/voice and /phone/twilio/transcription).")
      .define(TWILIO_AUTH_TOKEN, Type.PASSWORD, null, Importance.HIGH,
          "The Twilio account's auth token, the key of the X-Twilio-Signature HMAC. Required when the webhook is "
              + "enabled; never logged.")
      .define(TWILIO_PUBLIC_BASE_URL, Type.STRING, "", new BaseUrl(), Importance.HIGH,
          "The URL Twilio calls, without the path (e.g. https://hotline.example.org): signatures are computed over "
              + "the URL Twilio used, which behind a proxy differs from the local one. Empty: the URL of the request "
              + "as received.")
      .define(RATE_LIMIT_REQUESTS, Type.INT, 600, Range.between(1, 1_000_000), Importance.MEDIUM,
          "Calls one client (a call-taker console or CAD system) may submit per window before 429.")
      .define(RATE_LIMIT_WINDOW_MS, Type.LONG, 600_000L, Range.between(1_000, 86_400_000), Importance.MEDIUM,
          "The rate-limit window.")
      .define(RATE_LIMIT_MAX_CLIENTS, Type.INT, 10_000, Range.between(10, 10_000_000), Importance.LOW,
          "Clients remembered by the rate limiter at most (least recently seen forgotten first).")
      .define(TRUST_FORWARDED_FOR, Type.BOOLEAN, false, Importance.MEDIUM,
          "Use the last X-Forwarded-For entry as the client address (only behind a trusted proxy).")
      .define(TWILIO_RECORDING_MAX_SECONDS, Type.INT, 300, Range.between(10, 3600), Importance.LOW,
          "Longest message a caller can record (TwiML Record maxLength).");

  public PhoneIntakeConfig(Map<?, ?> originals) {
    super(DEFINITION, originals);
    if (twilioEnabled() && twilioAuthToken().isEmpty()) {
      throw new ConfigException(TWILIO_AUTH_TOKEN, "[hidden]", "is required when " + TWILIO_ENABLED + " is true");
    }
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public Duration ackTimeout() {
    return Duration.ofMillis(getLong(ACK_TIMEOUT_MS));
  }

  public int maxBodyBytes() {
    return getInt(MAX_BODY_BYTES);
  }

  public int csvMaxRowBytes() {
    return getInt(CSV_MAX_ROW_BYTES);
  }

  /** The call-taker API's per-client rate limiter. */
  public org.tiprouter.ops.http.ClientRateLimiter rateLimiter() {
    return new org.tiprouter.ops.http.ClientRateLimiter(getInt(RATE_LIMIT_REQUESTS),
        java.time.Duration.ofMillis(getLong(RATE_LIMIT_WINDOW_MS)), getInt(RATE_LIMIT_MAX_CLIENTS), System::nanoTime);
  }

  public boolean trustForwardedFor() {
    return getBoolean(TRUST_FORWARDED_FOR);
  }

  public boolean twilioEnabled() {
    return getBoolean(TWILIO_ENABLED);
  }

  /** The auth token; empty when not set. */
  public Optional<String> twilioAuthToken() {
    Password token = getPassword(TWILIO_AUTH_TOKEN);
    return token == null || token.value().isBlank() ? Optional.empty() : Optional.of(token.value());
  }

  /** The public base URL without a trailing slash; empty when not set. */
  public Optional<String> twilioPublicBaseUrl() {
    String url = getString(TWILIO_PUBLIC_BASE_URL).trim();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url.isEmpty() ? Optional.empty() : Optional.of(url);
  }

  public int twilioRecordingMaxSeconds() {
    return getInt(TWILIO_RECORDING_MAX_SECONDS);
  }

  /** Empty, or an http(s) URL. */
  static final class BaseUrl implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String url = value == null ? "" : ((String) value).trim();
      if (!url.isEmpty() && !(url.startsWith("http://") || url.startsWith("https://"))) {
        throw new ConfigException(name, value, "must be empty or an http:// or https:// URL");
      }
    }

    @Override
    public String toString() {
      return "empty or an http(s) URL";
    }
  }
}
