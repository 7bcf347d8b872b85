package org.tiprouter.normalise;

import java.util.List;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.Tip;

/**
 * The result of normalising one raw tip: the canonical tip and the audit events that record it,
 * written together in one transaction.
 */
record Normalised(Tip tip, List<AuditEvent> auditEvents) {

  Normalised {
    auditEvents = List.copyOf(auditEvents);
  }

  String key() {
    return tip.getTipId().toString();
  }
}
