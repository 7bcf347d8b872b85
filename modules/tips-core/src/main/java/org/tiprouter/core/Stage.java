package org.tiprouter.core;

import java.util.Locale;

/**
 * The pipeline's stages. Each stage has its own dead-letter topic, its own Kafka principal and,
 * for stream stages, its own {@code application.id}.
 */
public enum Stage {
  /** The intakes (web, phone, CyberTipline) and importers that write raw tips. */
  INGEST,
  /** Raw tip to canonical {@code Tip}. */
  NORMALISE,
  /** Canonical tip to jurisdiction decision. */
  CLASSIFY,
  /** Jurisdiction decision to agency queues. */
  ROUTE;

  /** The lower-case name used in topic names, application ids and metrics labels. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The Kafka Streams {@code application.id} of a stream stage: {@code tips-normalise}. */
  public String applicationId() {
    return "tips-" + id();
  }

  public static Stage fromId(String id) {
    for (Stage stage : values()) {
      if (stage.id().equals(id)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("Unknown stage '" + id + "'; expected one of ingest, normalise, classify, route");
  }
}
