package org.tiprouter.classify;

import java.time.Clock;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;

/** Decides a tip's jurisdiction and records the decision in its chain of custody. */
final class TipClassifier {

  private final DefaultAgencyResolver resolver;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;

  TipClassifier(String defaultAgency, Clock clock) {
    this.resolver = new DefaultAgencyResolver(defaultAgency, clock);
    this.audit = new AuditTrail(Stage.CLASSIFY, clock);
    this.deadLetters = new DeadLetters(Stage.CLASSIFY, clock);
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  StageOutcome<Classified> classify(Received<Tip> received) {
    Tip tip = received.value();
    JurisdictionDecision decision = resolver.decide(tip);
    AuditEvent event = audit.event(tip.getTipId(), AuditEventType.CLASSIFIED, tip.getAuditHead())
        .setAgencyId(decision.getPrimaryAgencyId())
        .setDetail("primary " + decision.getPrimaryAgencyId())
        .build();
    ClassifiedTip classified = ClassifiedTip.newBuilder().setTip(tip).setDecision(decision)
        .setAuditHead(AuditTrail.hash(event)).build();
    return StageOutcome.success(new Classified(classified, event));
  }
}
