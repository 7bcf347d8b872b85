package org.tiprouter.ingest.cybertipline;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.formats.cybertipline.XmlLimits;

/** Settings of the CyberTipline intake (HTTP endpoints and folder import). */
public final class CyberTiplineIntakeConfig extends TiprouterConfig {

  public static final String HOST = "intake.host";
  public static final String PORT = "intake.port";
  public static final String MAX_DOCUMENT_BYTES = "cybertipline.max.document.bytes";
  public static final String ACK_TIMEOUT_MS = "intake.ack.timeout.ms";

  /** Room left in a record for the RawTip fields around the document. */
  private static final int RECORD_HEADROOM = 64 * 1024;

  public static final ConfigDef DEFINITION = new ConfigDef(baseConfigDef())
      .define(HOST, Type.STRING, "127.0.0.1", Importance.HIGH,
          "Interface the intake listens on when it runs its own HTTP endpoint (inside the demo it shares the web "
              + "intake's). Put a TLS-terminating proxy with client authentication in front in production.")
      .define(PORT, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH,
          "Port of the intake when it runs its own HTTP endpoint; 0 picks a free port.")
      .define(MAX_DOCUMENT_BYTES, Type.INT, XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES,
          Range.between(1024, TopicCatalogue.MAX_MESSAGE_BYTES - RECORD_HEADROOM), Importance.MEDIUM,
          "Largest report or fileDetails document accepted (NCMEC's limit is 5 MiB); larger ones get 413 (import: "
              + "failed/) before any parsing.")
      .define(ACK_TIMEOUT_MS, Type.LONG, 10_000L, Range.between(100, 120_000), Importance.MEDIUM,
          "How long a submission waits for the broker (to read what is already recorded and to acknowledge the new "
              + "record) before it is answered 503 and nothing is promised.");

  public CyberTiplineIntakeConfig(Map<?, ?> originals) {
    super(DEFINITION, originals);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public int maxDocumentBytes() {
    return getInt(MAX_DOCUMENT_BYTES);
  }

  public Duration ackTimeout() {
    return Duration.ofMillis(getLong(ACK_TIMEOUT_MS));
  }
}
