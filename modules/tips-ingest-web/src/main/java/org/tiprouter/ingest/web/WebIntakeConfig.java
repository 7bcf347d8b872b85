package org.tiprouter.ingest.web;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.tiprouter.core.config.TiprouterConfig;

/** Settings of the web intake. */
public final class WebIntakeConfig extends TiprouterConfig {

  public static final String HOST = "intake.host";
  public static final String PORT = "intake.port";
  public static final String MAX_BODY_BYTES = "intake.max.body.bytes";
  public static final String ACK_TIMEOUT_MS = "intake.ack.timeout.ms";

  public static final ConfigDef DEFINITION = new ConfigDef(baseConfigDef())
      .define(HOST, Type.STRING, "127.0.0.1", Importance.HIGH,
          "Interface the intake listens on. Put a TLS-terminating proxy in front in production.")
      .define(PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
          "Port of the public form and JSON API; 0 picks a free port.")
      .define(MAX_BODY_BYTES, Type.INT, 64 * 1024, Range.between(1024, 1024 * 1024), Importance.MEDIUM,
          "Largest request body accepted; larger requests get 413 before any parsing.")
      .define(ACK_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100, 120_000), Importance.MEDIUM,
          "How long a request waits for the broker to acknowledge the tip before answering 503.");

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
}
