package org.tiprouter.normalise;

import java.util.List;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.Tip;

/**
 * The result of normalising one raw tip: the canonical tip (null for a duplicate) and the audit
 * events that record what happened, written together in one transaction.
 */
record Normalised(Tip tip, List<AuditEvent> auditEvents) {

  Normalised {
    auditEvents = List.copyOf(auditEvents);
    if (auditEvents.isEmpty()) {
      throw new IllegalArgumentException("every normalised raw tip leaves an audit trail");
    }
  }

  /** The tip id, the key of every output record. */
  String key() {
    return auditEvents.get(0).getTipId().toString();
  }

  boolean isDuplicate() {
    return tip == null;
  }
}
