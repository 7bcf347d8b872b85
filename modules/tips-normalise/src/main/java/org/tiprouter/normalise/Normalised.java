package org.tiprouter.normalise;

import java.util.List;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;

/**
 * The result of normalising one raw tip, written together in one transaction: the canonical tip
 * and the audit events that record what happened; for a duplicate only the events; for a file of
 * an earlier tip (a CyberTipline fileDetails document) only the attachment, without events,
 * because the tip's chain of custody continues at route, the only stage that knows its head.
 */
record Normalised(Tip tip, TipAttachment attachment, List<AuditEvent> auditEvents) {

  Normalised {
    auditEvents = List.copyOf(auditEvents);
    if (attachment == null && auditEvents.isEmpty()) {
      throw new IllegalArgumentException("every normalised raw tip leaves an audit trail");
    }
    if (attachment != null && (tip != null || !auditEvents.isEmpty())) {
      throw new IllegalArgumentException("an attachment is neither a tip nor recorded on the chain here");
    }
  }

  Normalised(Tip tip, List<AuditEvent> auditEvents) {
    this(tip, null, auditEvents);
  }

  /** A file to attach to its tip. */
  static Normalised attachment(TipAttachment attachment) {
    return new Normalised(null, attachment, List.of());
  }

  /** The tip id, the key of every output record. */
  String key() {
    return attachment != null ? attachment.getTipId().toString() : auditEvents.get(0).getTipId().toString();
  }

  /** True for a payload the channel already delivered: no tip, only audit events. */
  boolean isDuplicate() {
    return tip == null && attachment == null;
  }

  boolean isAttachment() {
    return attachment != null;
  }

  boolean isTip() {
    return tip != null;
  }
}
