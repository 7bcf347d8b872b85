package org.tiprouter.classify;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.tiprouter.classify.resolver.JurisdictionResolver;

/** Decides a tip's jurisdiction and records the decision in its chain of custody. */
final class TipClassifier {

  private static final Logger LOG = LoggerFactory.getLogger(TipClassifier.class);

  private final Clock clock;
  private final AuditTrail audit;
  private final DeadLetters deadLetters;

  TipClassifier(Clock clock) {
    this.clock = clock;
    this.audit = new AuditTrail(Stage.CLASSIFY, clock);
    this.deadLetters = new DeadLetters(Stage.CLASSIFY, clock);
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  StageOutcome<Classified> classify(Received<Tip> received, JurisdictionResolver resolver) {
    Tip tip = received.value();
    JurisdictionDecision decision = resolver.decide(tip, clock.instant());
    String triage = decision.getTriageReason();
    AuditEvent event = audit.event(tip.getTipId(), AuditEventType.CLASSIFIED, tip.getAuditHead())
        .setAgencyId(decision.getPrimaryAgencyId())
        .setDetail("primary " + decision.getPrimaryAgencyId() + (triage == null ? "" : " triage " + triage))
        .build();
    ClassifiedTip classified = ClassifiedTip.newBuilder().setTip(tip).setDecision(decision)
        .setAuditHead(AuditTrail.hash(event)).build();
    LOG.debug("Classified tip {} from {}-{}@{}: primary {}, {} assignments, triage {}", tip.getTipId(),
        received.source().topic(), received.source().partition(), received.source().offset(),
        decision.getPrimaryAgencyId(), decision.getAssignments().size(), triage);
    return StageOutcome.success(new Classified(classified, event));
  }
}
