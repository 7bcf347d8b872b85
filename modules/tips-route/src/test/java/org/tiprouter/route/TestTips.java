package org.tiprouter.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.FileHash;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierCapture;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;

/** Classified tips, decisions, identifiers and agencies for route tests (invented data). */
final class TestTips {

  static final String PRIMARY = "knoxville-pd";
  static final String COPY = "tn-icac";
  static final String TRIAGE_AGENCY = "national-triage";
  static final String MEMPHIS = "memphis-pd";

  private TestTips() {}

  /** The contract fixture's classified tip with {@code urgency} and {@code decision}. */
  static ClassifiedTip classified(Urgency urgency, JurisdictionDecision decision) {
    ClassifiedTip fixture = ContractFixtures.classifiedTip();
    return ClassifiedTip.newBuilder(fixture)
        .setTip(Tip.newBuilder(fixture.getTip()).setUrgency(urgency).build())
        .setDecision(decision)
        .build();
  }

  /** A tip {@code tipId}, not urgent, with only {@code identifiers} and no attachments. */
  static ClassifiedTip tip(UUID tipId, JurisdictionDecision decision, Identifier... identifiers) {
    return withTip(tipId, decision, List.of(identifiers), List.of());
  }

  static ClassifiedTip withTip(UUID tipId, JurisdictionDecision decision, List<Identifier> identifiers,
      List<AttachmentRef> attachments) {
    ClassifiedTip fixture = ContractFixtures.classifiedTip();
    return ClassifiedTip.newBuilder(fixture)
        .setTip(Tip.newBuilder(fixture.getTip()).setTipId(tipId).setUrgency(urgency(false, false))
            .setIdentifiers(new ArrayList<>(identifiers)).setAttachments(new ArrayList<>(attachments)).build())
        .setDecision(decision)
        .setAuditHead(ContractFixtures.sha256(("CLASSIFIED " + tipId).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .build();
  }

  static Urgency urgency(boolean childInImmediateDanger, boolean escalated) {
    return Urgency.newBuilder()
        .setChildInImmediateDanger(childInImmediateDanger)
        .setEscalated(escalated)
        .setReason(childInImmediateDanger || escalated ? "reporter: child in danger tonight" : null)
        .build();
  }

  /** The fixture decision: {@value #PRIMARY} primary, {@value #COPY} copy. */
  static JurisdictionDecision primaryAndCopy() {
    return ContractFixtures.decision();
  }

  static JurisdictionDecision singlePrimary(String agencyId) {
    return JurisdictionDecision.newBuilder(ContractFixtures.decision())
        .setPrimaryAgencyId(agencyId)
        .setAssignments(List.of(AgencyAssignment.newBuilder().setAgencyId(agencyId).setRole(AgencyRole.PRIMARY)
            .setReason("victim ZIP 37902 -> " + agencyId + " (zip area)").build()))
        .build();
  }

  static JurisdictionDecision triage() {
    return ContractFixtures.triageDecision();
  }

  static Identifier identifier(IdentifierKind kind, String value) {
    return Identifier.newBuilder().setKind(kind).setValue(value).setSubjectRole(SubjectRole.SUSPECT).setSubjectIndex(0)
        .build();
  }

  static Identifier email(String value) {
    return identifier(IdentifierKind.EMAIL, value);
  }

  static Identifier phone(String value) {
    return identifier(IdentifierKind.PHONE, value);
  }

  static Identifier username(String value, String service) {
    return Identifier.newBuilder(identifier(IdentifierKind.USERNAME, value)).setService(service).build();
  }

  static Identifier ip(String value, Instant capturedAt) {
    return Identifier.newBuilder(identifier(IdentifierKind.IP, value))
        .setCapture(capturedAt == null ? null : IdentifierCapture.newBuilder().setCapturedAt(capturedAt)
            .setEvent("Login").build())
        .build();
  }

  static Identifier reporter(Identifier identifier) {
    return Identifier.newBuilder(identifier).setSubjectRole(SubjectRole.REPORTER).setSubjectIndex(null).build();
  }

  static AttachmentRef attachment(String md5) {
    return AttachmentRef.newBuilder().setFileId("f-" + md5.substring(0, 4))
        .setHashes(List.of(FileHash.newBuilder().setHashType("MD5").setValue(md5).build())).build();
  }

  static Agency agency(String agencyId) {
    return Agency.newBuilder(ContractFixtures.knoxvillePd()).setAgencyId(agencyId).setCopies(List.of()).build();
  }

  static Agency triageAgency(String agencyId) {
    return Agency.newBuilder(ContractFixtures.nationalTriage()).setAgencyId(agencyId).build();
  }
}
