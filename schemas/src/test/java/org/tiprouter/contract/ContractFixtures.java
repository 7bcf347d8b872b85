package org.tiprouter.contract;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic, invented instances of every contract type, consistent with each other: one CyberTipline
 * report read from an import folder, normalised, classified to Knoxville PD and routed. Every person,
 * account, number and address is made up (example.com/.org domains, 555-01xx numbers, documentation
 * IP ranges); only the geography (ZIP 37902 in Knox County, TN, FIPS 47093) is real.
 *
 * <p>Other modules may copy this class for their own tests. Times are whole milliseconds: the
 * contract stores timestamp-millis, so finer precision would not survive a round trip.
 */
public final class ContractFixtures {

    public static final UUID TIP_ID = UUID.fromString("3f1c2a9e-7b4d-4e0a-9c61-2d8e5f0a7b13");
    public static final UUID EARLIER_TIP_ID = UUID.fromString("a9d07c52-1e3b-4f6a-8b20-6c4e91d3f0e5");
    public static final UUID DUPLICATE_TIP_ID = UUID.fromString("5b2e8f17-c0a4-49d6-9e3b-7f1a2c6d8e40");

    public static final Instant RECEIVED_AT = Instant.parse("2025-03-14T02:17:05.123Z");
    public static final Instant NORMALISED_AT = Instant.parse("2025-03-14T02:17:05.481Z");
    public static final Instant DECIDED_AT = Instant.parse("2025-03-14T02:17:05.702Z");
    public static final Instant ROUTED_AT = Instant.parse("2025-03-14T02:17:05.915Z");

    public static final String REPORT_ID = "88410231";
    public static final String DIRECTORY_VERSION = "1+sha256:5d41402abc4b2a76";

    /** An invented CyberTipline-style report, as the bytes the folder import read. */
    public static final byte[] REPORT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <report>
              <incidentSummary>
                <incidentType>Online Enticement of Children for Sexual Acts</incidentType>
                <platform>Example Chat</platform>
                <escalateToHighPriority>User threatened to share images within 24 hours</escalateToHighPriority>
                <reportAnnotations><sextortion/></reportAnnotations>
                <incidentDateTime>2025-03-12T23:40:00Z</incidentDateTime>
              </incidentSummary>
              <reporter><reportingPerson><firstName>Casey</firstName><lastName>Reviewer</lastName></reportingPerson></reporter>
            </report>
            """.getBytes(StandardCharsets.UTF_8);

    public static final String REPORT_SHA256 = sha256(REPORT_XML);

    private ContractFixtures() {
    }

    // ---- RawTip ------------------------------------------------------------------------------

    /** The report as the CyberTipline folder import put it on tips.raw.cybertipline.v1. */
    public static RawTip rawTip() {
        return RawTip.newBuilder()
                .setTipId(TIP_ID)
                .setChannel(Channel.CYBERTIPLINE)
                .setReceivedAt(RECEIVED_AT)
                .setContentType("application/xml")
                .setPayload(ByteBuffer.wrap(REPORT_XML))
                .setPayloadSha256(REPORT_SHA256)
                .setExternalId(REPORT_ID)
                .setSource("import-cybertipline")
                .setAttributes(Map.of("fileName", "report-88410231.xml", "importRun", "2025-03-14T02:17Z"))
                .build();
    }

    // ---- Tip ---------------------------------------------------------------------------------

    public static Tip tip() {
        return Tip.newBuilder()
                .setTipId(TIP_ID)
                .setChannel(Channel.CYBERTIPLINE)
                .setReceivedAt(RECEIVED_AT)
                .setNormalisedAt(NORMALISED_AT)
                .setProvenance(Provenance.newBuilder()
                        .setRawTopic("tips.raw.cybertipline.v1")
                        .setRawPartition(2)
                        .setRawOffset(41_873L)
                        .setPayloadSha256(REPORT_SHA256)
                        .setContentType("application/xml")
                        .setSource("import-cybertipline")
                        .build())
                .setExternalIds(List.of(
                        externalId("CYBERTIPLINE_REPORT_ID", REPORT_ID),
                        externalId("CYBERTIPLINE_PRIOR_REPORT_ID", "87002219")))
                .setIncident(incident())
                .setLocations(List.of(victimHome(), cellPhoneFix(), suspectEstimate(), recipientAbroad()))
                .setIdentifiers(identifiers())
                .setVictims(List.of(Person.newBuilder()
                        .setName("Riley Example")
                        .setAge(13)
                        .setAgeRange("13-14")
                        .setDateOfBirth("2011-09-02")
                        .setGender("female")
                        .setNotes("School: Example Middle School")
                        .build()))
                .setSuspects(List.of(Person.newBuilder()
                        .setName("Jordan Placeholder")
                        .setAgeRange("mid 20s")
                        .setNotes("Vehicle: silver hatchback")
                        .build()))
                .setRecipients(List.of(Person.newBuilder()
                        .setName("Sam Sample")
                        .setAge(15)
                        .build()))
                .setReporter(Reporter.newBuilder()
                        .setKind(ReporterKind.ESP)
                        .setAnonymous(false)
                        .setName("Casey Reviewer")
                        .setEmail("cybertip-reports@example.com")
                        .setPhone("+12025550187")
                        .setOrganisation("Example Chat Inc.")
                        .setCallbackConsent(true)
                        .build())
                .setUrgency(Urgency.newBuilder()
                        .setChildInImmediateDanger(false)
                        .setEscalated(true)
                        .setReason("User threatened to share images within 24 hours")
                        .build())
                .setAttachments(List.of(AttachmentRef.newBuilder()
                        .setFileId("f-0001")
                        .setFileName("image_0001.jpg")
                        .setHashes(List.of(
                                fileHash("MD5", "9e107d9d372bb6826bd81d3542a419d6"),
                                fileHash("SHA1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")))
                        .setViewedByEsp(true)
                        .setPubliclyAvailable(false)
                        .setAnnotations(List.of("possibleSelfProduction"))
                        .build()))
                .setAuditHead(sha256("NORMALISED " + TIP_ID))
                .build();
    }

    private static Incident incident() {
        return Incident.newBuilder()
                .setTypes(List.of(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION))
                .setOccurredAt(Instant.parse("2025-03-12T23:40:00Z"))
                .setOccurredAtDescription("Messages continued over three evenings")
                .setNarrative("Adult user asked a 13-year-old user for images, then demanded more and threatened to"
                        + " send them to her classmates.")
                .setPlatform("Example Chat")
                .setRemainder(List.of(
                        fact("incidentSummary.reportAnnotations.sextortion", "true"),
                        fact("personOrUserReported[0].vehicleDescription", "silver hatchback"),
                        fact("lawEnforcement.caseNumber", "KPD-25-004412")))
                .build();
    }

    private static Location victimHome() {
        return Location.newBuilder()
                .setRole(LocationRole.VICTIM)
                .setPrecision(LocationPrecision.STREET)
                .setSubjectIndex(0)
                .setStreet("100 Example Ave")
                .setCity("Knoxville")
                .setCounty("Knox")
                .setCountyFips("47093")
                .setState("TN")
                .setZip("37902")
                .setCountry("US")
                .setSource("victim[0].victimPerson.address[0]")
                .build();
    }

    private static Location cellPhoneFix() {
        return Location.newBuilder()
                .setRole(LocationRole.INCIDENT)
                .setPrecision(LocationPrecision.COORDINATES)
                .setLatitude(35.9606)
                .setLongitude(-83.9207)
                .setSource("internetDetails[1].cellPhoneIncident")
                .build();
    }

    private static Location suspectEstimate() {
        return Location.newBuilder()
                .setRole(LocationRole.ESP_ESTIMATE)
                .setPrecision(LocationPrecision.CITY)
                .setSubjectIndex(0)
                .setCity("Knoxville")
                .setState("TN")
                .setCountry("US")
                .setOriginal("Knoxville, Tennessee, US")
                .setSource("personOrUserReported[0].estimatedLocation")
                .build();
    }

    private static Location recipientAbroad() {
        return Location.newBuilder()
                .setRole(LocationRole.RECIPIENT)
                .setPrecision(LocationPrecision.CITY)
                .setSubjectIndex(0)
                .setCity("Kingston")
                .setRegion("Ontario")
                .setCountry("CA")
                .setSource("intendedRecipient[0].intendedRecipientPerson.address[0]")
                .build();
    }

    private static List<Identifier> identifiers() {
        return List.of(
                identifier(IdentifierKind.EMAIL, "jordan.placeholder@example.com", " Jordan.Placeholder@Example.com",
                        SubjectRole.SUSPECT, "personOrUserReported[0].personOrUserReportedPerson.email[0]"),
                identifier(IdentifierKind.PHONE, "+18655550142", "(865) 555-0142",
                        SubjectRole.SUSPECT, "internetDetails[1].cellPhoneIncident.phoneNumber"),
                Identifier.newBuilder(identifier(IdentifierKind.USERNAME, "shadowfox_77", "@shadowfox_77",
                                SubjectRole.SUSPECT, "personOrUserReported[0].screenName"))
                        .setService("Example Chat").build(),
                Identifier.newBuilder(identifier(IdentifierKind.ESP_USER_ID, "1009876543", null,
                                SubjectRole.SUSPECT, "personOrUserReported[0].espIdentifier"))
                        .setService("Example Chat").build(),
                identifier(IdentifierKind.URL, "https://chat.example.com/u/shadowfox_77",
                        "HTTPS://Chat.Example.com:443/u/shadowfox_77",
                        SubjectRole.SUSPECT, "personOrUserReported[0].profileUrl[0]"),
                Identifier.newBuilder(identifier(IdentifierKind.IP, "2001:db8::42", "2001:0db8:0000::0042",
                                SubjectRole.SUSPECT, "personOrUserReported[0].ipCaptureEvent[0]"))
                        .setCapture(IdentifierCapture.newBuilder()
                                .setCapturedAt(Instant.parse("2025-03-12T23:38:12Z"))
                                .setEvent("Login")
                                .build())
                        .build(),
                identifier(IdentifierKind.DEVICE_ID, "IMEI:356938035643809", null,
                        SubjectRole.SUSPECT, "personOrUserReported[0].deviceId[0]"),
                Identifier.newBuilder(identifier(IdentifierKind.FILE_HASH, "9e107d9d372bb6826bd81d3542a419d6", null,
                                SubjectRole.UNKNOWN, "fileDetails[f-0001].originalFileHash[0]"))
                        .setHashType("MD5").setSubjectIndex(null).build(),
                identifier(IdentifierKind.USERNAME, "riley.e", null,
                        SubjectRole.VICTIM, "victim[0].screenName"));
    }

    // ---- JurisdictionDecision ----------------------------------------------------------------

    /** Victim's ZIP resolves to Knoxville PD; the TN ICAC task force gets a copy. */
    public static JurisdictionDecision decision() {
        return JurisdictionDecision.newBuilder()
                .setPrimaryAgencyId("knoxville-pd")
                .setAssignments(List.of(
                        assignment("knoxville-pd", AgencyRole.PRIMARY,
                                "victim ZIP 37902 -> knoxville-pd (zip area)"),
                        assignment("tn-icac", AgencyRole.COPY, "copies of knoxville-pd")))
                .setLocation(victimHome())
                .setLocationEvidence("victim ZIP 37902 -> county 47093 (Knox, TN)")
                .setCandidates(List.of(
                        candidate("knoxville-pd", AreaKind.ZIP, "37902", true, "most specific area"),
                        candidate("knox-county-so", AreaKind.COUNTY, "47093", false,
                                "less specific than zip area of knoxville-pd"),
                        candidate("tn-icac", AreaKind.STATE, "TN", true, "copies of knoxville-pd")))
                .setReasons(List.of(
                        "no incident address; coordinates 35.9606,-83.9207 inside no agency polygon",
                        "victim ZIP 37902 -> county 47093 (Knox, TN) -> knoxville-pd (zip area)",
                        "knoxville-pd copies -> tn-icac"))
                .setDirectoryVersion(DIRECTORY_VERSION)
                .setDecidedAt(DECIDED_AT)
                .build();
    }

    /** No location at all: the directory's triage agency, with the reason. */
    public static JurisdictionDecision triageDecision() {
        return JurisdictionDecision.newBuilder()
                .setPrimaryAgencyId("national-triage")
                .setAssignments(List.of(assignment("national-triage", AgencyRole.PRIMARY, "triage: NO_LOCATION")))
                .setCandidates(List.of(candidate("national-triage", AreaKind.UNKNOWN, null, true, "triage agency")))
                .setReasons(List.of("no location in the tip -> national-triage (triage)"))
                .setTriageReason("NO_LOCATION")
                .setDirectoryVersion(DIRECTORY_VERSION)
                .setDecidedAt(DECIDED_AT)
                .build();
    }

    // ---- ClassifiedTip -----------------------------------------------------------------------

    public static ClassifiedTip classifiedTip() {
        return ClassifiedTip.newBuilder()
                .setTip(tip())
                .setDecision(decision())
                .setAuditHead(sha256("CLASSIFIED " + TIP_ID))
                .build();
    }

    // ---- RoutedTip ---------------------------------------------------------------------------

    /** The tip on Knoxville PD's queue, linked to an earlier tip Memphis PD holds. */
    public static RoutedTip routedTip() {
        return RoutedTip.newBuilder()
                .setKind(RoutedTipKind.TIP)
                .setTipId(TIP_ID)
                .setAgencyId("knoxville-pd")
                .setRole(AgencyRole.PRIMARY)
                .setUrgent(true)
                .setTip(tip())
                .setDecision(decision())
                .setRelated(List.of(relatedTip(EARLIER_TIP_ID, List.of("memphis-pd"))))
                .setRoutedAt(ROUTED_AT)
                .setAuditHead(sha256("ROUTED knoxville-pd " + TIP_ID))
                .build();
    }

    /** The notice Memphis PD gets on its queue about the new tip related to its earlier one. */
    public static RoutedTip relatedTipNotice() {
        return RoutedTip.newBuilder()
                .setKind(RoutedTipKind.RELATED_TIP)
                .setTipId(EARLIER_TIP_ID)
                .setAgencyId("memphis-pd")
                .setRole(AgencyRole.COPY)
                .setUrgent(false)
                .setRelated(List.of(relatedTip(TIP_ID, List.of("knoxville-pd", "tn-icac"))))
                .setRoutedAt(ROUTED_AT)
                .setAuditHead(sha256("RELATED memphis-pd " + EARLIER_TIP_ID))
                .build();
    }

    /** Knoxville PD's copy of a file reported after the tip (a CyberTipline fileDetails document). */
    public static RoutedTip attachmentRecord() {
        return RoutedTip.newBuilder()
                .setKind(RoutedTipKind.ATTACHMENT)
                .setTipId(TIP_ID)
                .setAgencyId("knoxville-pd")
                .setRole(AgencyRole.PRIMARY)
                .setUrgent(true)
                .setRoutedAt(Instant.parse("2025-03-14T02:40:12.345Z"))
                .setAuditHead(sha256("ATTACHED knoxville-pd " + TIP_ID))
                .setAttachment(tipAttachment())
                .build();
    }

    // ---- TipAttachment -----------------------------------------------------------------------

    /** A second file of the report, sent with its own fileDetails document after the report. */
    public static TipAttachment tipAttachment() {
        return TipAttachment.newBuilder()
                .setTipId(TIP_ID)
                .setReportExternalId(externalId("CYBERTIPLINE_REPORT_ID", REPORT_ID))
                .setAttachment(AttachmentRef.newBuilder()
                        .setFileId("f-0002")
                        .setFileName("clip_0002.mp4")
                        .setHashes(List.of(fileHash("SHA256",
                                "a4f1e9b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef12")))
                        .setViewedByEsp(false)
                        .setPubliclyAvailable(true)
                        .setAnnotations(List.of("viral"))
                        .build())
                .setIdentifiers(List.of(Identifier.newBuilder(identifier(IdentifierKind.FILE_HASH,
                                "a4f1e9b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef12", null,
                                SubjectRole.UNKNOWN, "fileDetails[f-0002].originalFileHash[0]"))
                        .setHashType("SHA256").setSubjectIndex(null).build()))
                .setRemainder(List.of(fact("fileDetails[f-0002].originalFileName", "VID_20250301.mp4")))
                .setProvenance(Provenance.newBuilder()
                        .setRawTopic("tips.raw.cybertipline.v1")
                        .setRawPartition(2)
                        .setRawOffset(41_911L)
                        .setPayloadSha256(sha256("fileDetails f-0002"))
                        .setContentType("text/xml")
                        .setSource("ingest-cybertipline")
                        .build())
                .setReceivedAt(Instant.parse("2025-03-14T02:39:58.001Z"))
                .setNormalisedAt(Instant.parse("2025-03-14T02:39:58.210Z"))
                .build();
    }

    // ---- AuditEvent --------------------------------------------------------------------------

    public static AuditEvent normalisedEvent() {
        return AuditEvent.newBuilder()
                .setEventId(UUID.fromString("0c6f1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f"))
                .setTipId(TIP_ID)
                .setStage("normalise")
                .setType(AuditEventType.NORMALISED)
                .setOccurredAt(NORMALISED_AT)
                .setDetail("channel=CYBERTIPLINE")
                .setSourceTopic("tips.raw.cybertipline.v1")
                .setSourcePartition(2)
                .setSourceOffset(41_873L)
                .setPayloadSha256(REPORT_SHA256)
                .setPreviousEventHash(sha256("RECEIVED " + TIP_ID))
                .build();
    }

    public static AuditEvent duplicateEvent() {
        return AuditEvent.newBuilder()
                .setEventId(UUID.fromString("1d7a2e3f-4b5c-4d6e-9f70-8b9c0d1e2f3a"))
                .setTipId(DUPLICATE_TIP_ID)
                .setStage("normalise")
                .setType(AuditEventType.DUPLICATE)
                .setOccurredAt(Instant.parse("2025-03-14T02:31:44.010Z"))
                .setDetail("DUPLICATE_OF " + TIP_ID)
                .setRelatedTipId(TIP_ID)
                .setSourceTopic("tips.raw.cybertipline.v1")
                .setSourcePartition(0)
                .setSourceOffset(41_902L)
                .setPayloadSha256(REPORT_SHA256)
                .setPreviousEventHash(sha256("RECEIVED " + DUPLICATE_TIP_ID))
                .build();
    }

    public static AuditEvent routedEvent() {
        return AuditEvent.newBuilder()
                .setEventId(UUID.fromString("2e8b3f40-5c6d-4e7f-a081-9c0d1e2f3a4b"))
                .setTipId(TIP_ID)
                .setStage("route")
                .setType(AuditEventType.ROUTED)
                .setOccurredAt(ROUTED_AT)
                .setDetail("tips.agency.knoxville-pd.v1")
                .setAgencyId("knoxville-pd")
                .setRole(AgencyRole.PRIMARY)
                .setSourceTopic("tips.classified.v1")
                .setSourcePartition(2)
                .setSourceOffset(9_311L)
                .setPreviousEventHash(sha256("CLASSIFIED " + TIP_ID))
                .build();
    }

    // ---- DeadLetter --------------------------------------------------------------------------

    /** A raw record whose payload does not match its hash. */
    public static DeadLetter tamperedDeadLetter() {
        return DeadLetter.newBuilder()
                .setStage("normalise")
                .setReasonCode("TAMPERED")
                .setDetail("payloadSha256 does not match the payload")
                .setTipId(TIP_ID)
                .setSourceTopic("tips.raw.cybertipline.v1")
                .setSourcePartition(2)
                .setSourceOffset(41_874L)
                .setSourceTimestamp(RECEIVED_AT)
                .setOriginalKey(ByteBuffer.wrap(TIP_ID.toString().getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 72, 51, 102, 49, 99}))
                .setContext(Map.of("applicationId", "tips-normalise"))
                .setDeadLetteredAt(NORMALISED_AT)
                .build();
    }

    /** A call-sheet row that never was on a topic. */
    public static DeadLetter rejectedCsvRow() {
        return DeadLetter.newBuilder()
                .setStage("ingest")
                .setReasonCode("CSV_ROW_INVALID")
                .setDetail("call_started_at: not an ISO-8601 date-time")
                .setOriginalValue(ByteBuffer.wrap(
                        "CALL-2025-000731,yesterday,,true,op-17,OTHER,...\r\n".getBytes(StandardCharsets.UTF_8)))
                .setContext(Map.of("fileName", "shift-2025-03-14-night.csv", "lineNumber", "17"))
                .setDeadLetteredAt(Instant.parse("2025-03-14T07:02:11.000Z"))
                .build();
    }

    // ---- Agency ------------------------------------------------------------------------------

    public static Agency knoxvillePd() {
        return Agency.newBuilder()
                .setAgencyId("knoxville-pd")
                .setName("Knoxville Police Department")
                .setService("police.local")
                .setAreas(List.of(
                        AgencyArea.newBuilder().setKind(AreaKind.ZIP).setValues(List.of("37902", "37915")).build(),
                        AgencyArea.newBuilder()
                                .setKind(AreaKind.GEOJSON)
                                .setGeometry("{\"type\":\"Polygon\",\"coordinates\":[[[-83.99,35.93],[-83.87,35.93],"
                                        + "[-83.87,36.01],[-83.99,36.01],[-83.99,35.93]]]}")
                                .setRef("areas/knoxville.geojson")
                                .build()))
                .setChannels(List.of(Channel.WEB, Channel.PHONE))
                .setCopies(List.of("tn-icac"))
                .setTriage(false)
                .setDirectoryVersion(DIRECTORY_VERSION)
                .build();
    }

    public static Agency nationalTriage() {
        return Agency.newBuilder()
                .setAgencyId("national-triage")
                .setName("National Triage Desk")
                .setService("triage")
                .setChannels(List.of(Channel.WEB, Channel.PHONE, Channel.CYBERTIPLINE))
                .setTriage(true)
                .setDirectoryVersion(DIRECTORY_VERSION)
                .build();
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Lower-case hex SHA-256, the form every hash in the contract takes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ExternalId externalId(String kind, String value) {
        return ExternalId.newBuilder().setKind(kind).setValue(value).build();
    }

    private static RemainderFact fact(String path, String value) {
        return RemainderFact.newBuilder().setPath(path).setValue(value).build();
    }

    private static FileHash fileHash(String hashType, String value) {
        return FileHash.newBuilder().setHashType(hashType).setValue(value).build();
    }

    private static Identifier identifier(IdentifierKind kind, String value, String original, SubjectRole role,
            String source) {
        return Identifier.newBuilder()
                .setKind(kind)
                .setValue(value)
                .setOriginal(original)
                .setSubjectRole(role)
                .setSubjectIndex(role == SubjectRole.UNKNOWN ? null : 0)
                .setSource(source)
                .build();
    }

    private static AgencyAssignment assignment(String agencyId, AgencyRole role, String reason) {
        return AgencyAssignment.newBuilder().setAgencyId(agencyId).setRole(role).setReason(reason).build();
    }

    private static JurisdictionCandidate candidate(String agencyId, AreaKind kind, String ref, boolean accepted,
            String reason) {
        return JurisdictionCandidate.newBuilder()
                .setAgencyId(agencyId)
                .setAreaKind(kind)
                .setAreaRef(ref)
                .setAccepted(accepted)
                .setReason(reason)
                .build();
    }

    private static RelatedTip relatedTip(UUID tipId, List<String> agencyIds) {
        return RelatedTip.newBuilder()
                .setTipId(tipId)
                .setAgencyIds(agencyIds)
                .setSharedIdentifierKinds(List.of(IdentifierKind.EMAIL, IdentifierKind.USERNAME))
                .build();
    }
}
