package org.tiprouter.classify;

import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.ClassifiedTip;

/** A classified tip and the audit event recording its decision, written in one transaction. */
record Classified(ClassifiedTip classifiedTip, AuditEvent auditEvent) {

  String key() {
    return classifiedTip.getTip().getTipId().toString();
  }
}
