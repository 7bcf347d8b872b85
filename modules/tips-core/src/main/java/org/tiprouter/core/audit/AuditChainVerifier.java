package org.tiprouter.core.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.core.Sha256;

/**
 * Re-checks tips' chains of custody. Each tip's events, in the order they were appended, must
 * form one chain: the first has no previous hash, every later one carries the SHA-256 of the one
 * before it (over its stored Avro bytes). A removed, inserted or altered event breaks the chain at
 * a point this names. Pure: the caller reads the audit topic.
 */
public final class AuditChainVerifier {

  /** One stored audit record: its position, its stored Avro bytes (no wire header) and the event. */
  public record StoredEvent(String position, byte[] avroBytes, AuditEvent event) {
    public StoredEvent {
      Objects.requireNonNull(position, "position");
      Objects.requireNonNull(avroBytes, "avroBytes");
      Objects.requireNonNull(event, "event");
    }

    public String hash() {
      return Sha256.hex(avroBytes);
    }
  }

  /** A broken link: which tip, where, and what is wrong. */
  public record Break(UUID tipId, String position, String problem) {
    @Override
    public String toString() {
      return "tip " + tipId + " at " + position + ": " + problem;
    }
  }

  /** Every tip's chain with its events in append order. */
  public static Map<UUID, List<StoredEvent>> chains(List<StoredEvent> events) {
    Map<UUID, List<StoredEvent>> byTip = new LinkedHashMap<>();
    for (StoredEvent event : events) {
      byTip.computeIfAbsent(event.event().getTipId(), id -> new ArrayList<>()).add(event);
    }
    return byTip;
  }

  /** The breaks in one tip's chain, in order; empty when it is intact. */
  public List<Break> verify(UUID tipId, List<StoredEvent> chain) {
    List<Break> breaks = new ArrayList<>();
    String previous = null;
    for (int i = 0; i < chain.size(); i++) {
      StoredEvent stored = chain.get(i);
      AuditEvent event = stored.event();
      String claimed = event.getPreviousEventHash();
      if (i == 0 && claimed != null) {
        breaks.add(new Break(tipId, stored.position(), event.getType() + " is the first event kept but points to "
            + "an earlier one (" + abbreviate(claimed) + "): an event before it was removed"));
      } else if (i > 0 && !Objects.equals(claimed, previous)) {
        breaks.add(new Break(tipId, stored.position(), event.getType() + " points to " + abbreviate(claimed)
            + " but the event before it hashes to " + abbreviate(previous)
            + ": an event was removed, inserted or altered"));
      }
      previous = stored.hash();
    }
    return breaks;
  }

  /** The hash of the last event of a chain: what the tip's audit head must be. */
  public static String head(List<StoredEvent> chain) {
    return chain.isEmpty() ? null : chain.get(chain.size() - 1).hash();
  }

  private static String abbreviate(String hash) {
    return hash == null ? "nothing" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
