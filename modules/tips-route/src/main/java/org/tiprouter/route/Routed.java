package org.tiprouter.route;

import java.util.List;
import org.tiprouter.contract.AuditEvent;

/** Everything routing one classified tip produces, written in one transaction. */
record Routed(String key, List<Delivery> deliveries, List<AuditEvent> auditEvents) {

  Routed {
    deliveries = List.copyOf(deliveries);
    auditEvents = List.copyOf(auditEvents);
  }
}
