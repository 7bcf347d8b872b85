package org.tiprouter.core.audit;

import java.time.Clock;
import java.util.UUID;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.serde.AvroBinarySerde;

/**
 * Writes a stage's links in each tip's chain of custody. Every {@link AuditEvent} carries the
 * SHA-256 of the previous event of the same tip, so removing or altering an event breaks the
 * chain; the head of the chain travels with the tip from stage to stage.
 */
public final class AuditTrail {

  private static final AvroBinarySerde<AuditEvent> ENCODING = new AvroBinarySerde<>(AuditEvent.class);

  private final Stage stage;
  private final Clock clock;

  public AuditTrail(Stage stage, Clock clock) {
    this.stage = stage;
    this.clock = clock;
  }

  /**
   * Starts an event of this stage for {@code tipId}, linked to {@code previousEventHash} (null for
   * the first event of a tip). Callers add details and call {@code build()}.
   */
  public AuditEvent.Builder event(UUID tipId, AuditEventType type, String previousEventHash) {
    return AuditEvent.newBuilder()
        .setEventId(UUID.randomUUID())
        .setTipId(tipId)
        .setStage(stage.id())
        .setType(type)
        .setOccurredAt(clock.instant())
        .setPreviousEventHash(previousEventHash);
  }

  /** The SHA-256 of an event's canonical (Avro binary) encoding: the next event's link. */
  public static String hash(AuditEvent event) {
    return Sha256.hex(ENCODING.serializer().serialize(null, event));
  }
}
