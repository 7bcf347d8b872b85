package org.tiprouter.formats.cybertipline;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.FileHash;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierCapture;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Incident;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Person;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;
import org.tiprouter.formats.canonical.Emails;
import org.tiprouter.formats.canonical.IpAddresses;
import org.tiprouter.formats.canonical.PhoneNumbers;
import org.tiprouter.formats.canonical.TipCanonicaliser;
import org.tiprouter.formats.canonical.UsStates;
import org.tiprouter.formats.canonical.ZipCodes;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.AccountStatus;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Address;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.AssociatedAccount;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.CellPhoneIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.ChatImIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.DeviceId;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Email;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.EmailIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.EstimatedLocation;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.InternetDetail;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.IpCaptureEvent;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.LawEnforcement;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NewsgroupIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NonInternetIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.OnlineGamingIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Party;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Peer2PeerIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Phone;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.WebPageIncident;

/**
 * Maps a CyberTipline report (and later its file details) to the canonical {@link Tip}.
 *
 * <ul>
 *   <li>NCMEC's incident type to the canonical taxonomy, plus {@code SEXTORTION} when the report is
 *       annotated so; {@code escalateToHighPriority} makes the tip urgent (escalated) with its text as
 *       the reason.
 *   <li>Every place as a {@link Location} with role and precision: incident addresses and cell-phone
 *       coordinates (incident), the addresses and phones of reported persons, recipients and victims
 *       (suspect, recipient, victim, with the person's index), estimated locations (ESP estimate), IP
 *       addresses (IP, to be placed by a lookup later), the reporter's and the officer's addresses.
 *   <li>Every identifier, normalised: emails, phones (E.164), screen names and ESP ids with their
 *       service, profile and page URLs, IP addresses with their capture time, device ids, file hashes.
 *       The reporter's own contact details are kept on {@link Reporter}, never as identifiers, so tips
 *       from one company are not all correlated with each other.
 *   <li>The report id as the tip's external id, prior report ids as {@code CYBERTIPLINE_PRIOR_REPORT_ID}.
 *   <li>Everything else, as {@link RemainderFact}s with the path in the report's terms
 *       ({@code personOrUserReported[0].vehicleDescription}), so nothing the report said is lost.
 * </ul>
 *
 * <p>The result is passed through {@link TipCanonicaliser}, like every channel's mapping.
 */
public final class CyberTiplineTipMapper {

  public static final String REPORT_ID = "CYBERTIPLINE_REPORT_ID";
  public static final String PRIOR_REPORT_ID = "CYBERTIPLINE_PRIOR_REPORT_ID";
  public static final String FILE_ID = "CYBERTIPLINE_FILE_ID";

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final TipCanonicaliser canonicaliser = new TipCanonicaliser();

  /**
   * What a Tip needs besides the report: its identity and where its raw record was.
   *
   * @param reportId the CyberTipline report id the report was stored under, or null
   */
  public record TipHeader(UUID tipId, Instant receivedAt, Instant normalisedAt, Provenance provenance,
      String reportId) {
    public TipHeader {
      Objects.requireNonNull(tipId, "tipId");
      Objects.requireNonNull(receivedAt, "receivedAt");
      Objects.requireNonNull(normalisedAt, "normalisedAt");
      Objects.requireNonNull(provenance, "provenance");
    }
  }

  /** The canonical tip of {@code report}. */
  public Tip toTip(CyberTiplineReport report, TipHeader header) {
    Mapping mapping = new Mapping(report.incidentSummary().platform());
    if (header.reportId() != null) {
      mapping.externalId(REPORT_ID, header.reportId());
    }
    mapping.fact("batchedReport.reason", report.batchedReportReason());
    Incident incident = incident(report, mapping);
    for (int i = 0; i < report.internetDetails().size(); i++) {
      mapping.internetDetail(report.internetDetails().get(i), "internetDetails[" + i + "]");
    }
    mapping.lawEnforcement(report.lawEnforcement());
    Reporter reporter = mapping.reporter(report.reporter());
    List<Person> suspects = mapping.parties(report.personsOrUsersReported(), SubjectRole.SUSPECT,
        "personOrUserReported", "personOrUserReportedPerson");
    List<Person> recipients = mapping.parties(report.intendedRecipients(), SubjectRole.RECIPIENT,
        "intendedRecipient", "intendedRecipientPerson");
    List<Person> victims = mapping.parties(report.victims(), SubjectRole.VICTIM, "victim", "victimPerson");
    incident.setRemainder(mapping.remainder);
    String escalation = report.incidentSummary().escalateToHighPriority();
    boolean escalated = escalation != null && !escalation.isBlank();
    Tip tip = Tip.newBuilder()
        .setTipId(header.tipId())
        .setChannel(Channel.CYBERTIPLINE)
        .setReceivedAt(header.receivedAt())
        .setNormalisedAt(header.normalisedAt())
        .setProvenance(header.provenance())
        .setExternalIds(mapping.externalIds)
        .setIncident(incident)
        .setLocations(mapping.locations)
        .setIdentifiers(mapping.identifiers)
        .setVictims(victims)
        .setSuspects(suspects)
        .setRecipients(recipients)
        .setReporter(reporter)
        .setUrgency(Urgency.newBuilder().setChildInImmediateDanger(false).setEscalated(escalated)
            .setReason(escalated ? escalation.strip() : null).build())
        .setAttachments(List.of())
        .setAuditHead(null)
        .build();
    return canonicaliser.canonicalise(tip);
  }

  /**
   * {@code tip} with one file's details attached: an {@link AttachmentRef} (hashes, viewed and
   * publicly-available flags, annotations), the hashes as identifiers, the file id as an external id,
   * and the rest of the details as remainder facts under {@code fileDetails[<fileId>]}.
   */
  public Tip withFileDetails(Tip tip, FileDetails file) {
    Mapping mapping = new Mapping(tip.getIncident().getPlatform());
    mapping.externalIds.addAll(tip.getExternalIds());
    mapping.identifiers.addAll(tip.getIdentifiers());
    mapping.locations.addAll(tip.getLocations());
    mapping.remainder.addAll(tip.getIncident().getRemainder());
    mapping.externalId(FILE_ID, file.fileId());
    String path = "fileDetails[" + file.fileId() + "]";
    boolean ofThisReport = tip.getExternalIds().stream()
        .anyMatch(id -> id.getKind().equals(REPORT_ID) && id.getValue().equals(file.reportId()));
    if (!ofThisReport) {
      mapping.fact(path + ".reportId", file.reportId());
    }
    for (int i = 0; i < file.originalFileHashes().size(); i++) {
      FileDetails.Hash hash = file.originalFileHashes().get(i);
      if (!hash.hashType().equals(hashType(hash.hashType()))) {
        mapping.fact(path + ".originalFileHash[" + i + "].hashType", hash.hashType());
      }
      mapping.identifiers.add(Identifier.newBuilder().setKind(IdentifierKind.FILE_HASH)
          .setValue(hash.value().strip()).setOriginal(null).setService(null).setSubjectRole(SubjectRole.UNKNOWN)
          .setSubjectIndex(null).setCapture(null).setHashType(hashType(hash.hashType()))
          .setSource(path + ".originalFileHash[" + i + "]").build());
    }
    mapping.fact(path + ".originalFileName", file.originalFileName());
    mapping.fact(path + ".uploadedToEspTimestamp", lexical(file.uploadedToEspTimestamp()));
    mapping.fact(path + ".locationOfFile", file.locationOfFile());
    mapping.fact(path + ".exifViewedByEsp", file.exifViewedByEsp());
    mapping.fact(path + ".fileRelevance", file.fileRelevance());
    if (Boolean.FALSE.equals(file.potentialMeme())) {
      mapping.fact(path + ".potentialMeme", "false");
    }
    mapping.fact(path + ".industryClassification", file.industryClassification());
    if (file.ipCaptureEvent() != null) {
      mapping.ipCaptureEvent(file.ipCaptureEvent(), SubjectRole.UNKNOWN, null, path + ".ipCaptureEvent");
    }
    for (int i = 0; i < file.deviceIds().size(); i++) {
      mapping.deviceId(file.deviceIds().get(i), SubjectRole.UNKNOWN, null, path + ".deviceId[" + i + "]");
    }
    for (int i = 0; i < file.details().size(); i++) {
      FileDetails.Metadata details = file.details().get(i);
      String detailsPath = path + ".details[" + i + "]";
      mapping.fact(detailsPath + ".type", details.type());
      for (int j = 0; j < details.pairs().size(); j++) {
        mapping.fact(detailsPath + ".nameValuePair[" + j + "].name", details.pairs().get(j).name());
        mapping.fact(detailsPath + ".nameValuePair[" + j + "].value", details.pairs().get(j).value());
      }
    }
    mapping.facts(path + ".additionalInfo", file.additionalInfo());
    List<AttachmentRef> attachments = new ArrayList<>(tip.getAttachments());
    attachments.add(attachment(file));
    Tip.Builder builder = Tip.newBuilder(tip)
        .setExternalIds(mapping.externalIds)
        .setIdentifiers(mapping.identifiers)
        .setLocations(mapping.locations)
        .setAttachments(attachments);
    builder.setIncident(Incident.newBuilder(tip.getIncident()).setRemainder(mapping.remainder).build());
    return canonicaliser.canonicalise(builder.build());
  }

  /** The reference to the file: id, name, hashes and handling flags, never content. */
  public AttachmentRef attachment(FileDetails file) {
    List<String> annotations = new ArrayList<>(file.annotations());
    if (Boolean.TRUE.equals(file.potentialMeme()) && !annotations.contains("potentialMeme")) {
      annotations.add("potentialMeme");
    }
    return AttachmentRef.newBuilder()
        .setFileId(file.fileId())
        .setFileName(file.fileName() != null ? file.fileName() : file.originalFileName())
        .setHashes(file.originalFileHashes().stream()
            .map(hash -> FileHash.newBuilder().setHashType(hashType(hash.hashType())).setValue(hashValue(hash.value()))
                .build())
            .toList())
        .setViewedByEsp(file.fileViewedByEsp())
        .setPubliclyAvailable(file.publiclyAvailable())
        .setAnnotations(annotations)
        .build();
  }

  private static Incident incident(CyberTiplineReport report, Mapping mapping) {
    CyberTiplineReport.IncidentSummary summary = report.incidentSummary();
    Set<IncidentType> types = new LinkedHashSet<>();
    types.add(summary.incidentType().canonical());
    if (summary.annotations().contains("sextortion")) {
      types.add(IncidentType.SEXTORTION);
    }
    for (String annotation : summary.annotations()) {
      mapping.fact("incidentSummary.reportAnnotations." + annotation, "true");
    }
    XmlDateTime when = summary.incidentDateTime();
    if (!when.hasOffset()) {
      mapping.fact("incidentSummary.incidentDateTime", when.lexical());
    }
    return Incident.newBuilder()
        .setTypes(new ArrayList<>(types))
        .setOccurredAt(when.instant())
        .setOccurredAtDescription(blankToNull(summary.incidentDateTimeDescription()))
        .setNarrative(blankToNull(report.additionalInfo()))
        .setPlatform(blankToNull(summary.platform()))
        .setRemainder(List.of())
        .build();
  }

  /** Upper-case algorithm name without punctuation: {@code SHA-256} becomes {@code SHA256}. */
  static String hashType(String hashType) {
    return hashType.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
  }

  private static String hashValue(String value) {
    String stripped = value.strip();
    return HEX.matcher(stripped).matches() ? stripped.toLowerCase(Locale.ROOT) : stripped;
  }

  private static String lexical(XmlDateTime time) {
    return time == null ? null : time.lexical();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static String stripped(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private static String fullName(String first, String last) {
    List<String> parts = new ArrayList<>();
    if (stripped(first) != null) {
      parts.add(first.strip());
    }
    if (stripped(last) != null) {
      parts.add(last.strip());
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }

  /** The lists being filled while one report is mapped. */
  private static final class Mapping {
    final String platform;
    final List<ExternalId> externalIds = new ArrayList<>();
    final List<Location> locations = new ArrayList<>();
    final List<Identifier> identifiers = new ArrayList<>();
    final List<RemainderFact> remainder = new ArrayList<>();

    Mapping(String platform) {
      this.platform = stripped(platform);
    }

    void fact(String path, String value) {
      if (value != null) {
        remainder.add(RemainderFact.newBuilder().setPath(path).setValue(value).build());
      }
    }

    void fact(String path, Boolean value) {
      if (value != null) {
        fact(path, value.toString());
      }
    }

    void facts(String path, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        fact(path + (values.size() == 1 ? "" : "[" + i + "]"), values.get(i));
      }
    }

    void externalId(String kind, String value) {
      if (value == null || value.isBlank()) {
        return;
      }
      boolean known = externalIds.stream().anyMatch(id -> id.getKind().equals(kind) && id.getValue().equals(value));
      if (!known) {
        externalIds.add(ExternalId.newBuilder().setKind(kind).setValue(value).build());
      }
    }

    // ---- internet details ----------------------------------------------------------------------

    void internetDetail(InternetDetail detail, String prefix) {
      String path = prefix + "." + detail.kind();
      if (detail instanceof WebPageIncident web) {
        for (int i = 0; i < web.urls().size(); i++) {
          identifier(IdentifierKind.URL, web.urls().get(i), SubjectRole.UNKNOWN, null, null, path + ".url[" + i + "]");
        }
        fact(path + ".thirdPartyHostedContent", web.thirdPartyHostedContent());
        fact(path + ".additionalInfo", web.additionalInfo());
      } else if (detail instanceof EmailIncident email) {
        emails(email.emailAddresses(), SubjectRole.UNKNOWN, null, path + ".emailAddress");
        fact(path + ".content", email.content());
        fact(path + ".additionalInfo", email.additionalInfo());
      } else if (detail instanceof NewsgroupIncident news) {
        fact(path + ".name", news.name());
        emails(news.emailAddresses(), SubjectRole.UNKNOWN, null, path + ".emailAddress");
        fact(path + ".content", news.content());
        fact(path + ".additionalInfo", news.additionalInfo());
      } else if (detail instanceof ChatImIncident chat) {
        fact(path + ".chatClient", chat.chatClient());
        fact(path + ".chatRoomName", chat.chatRoomName());
        fact(path + ".content", chat.content());
        fact(path + ".additionalInfo", chat.additionalInfo());
      } else if (detail instanceof OnlineGamingIncident game) {
        fact(path + ".gameName", game.gameName());
        fact(path + ".console", game.console());
        fact(path + ".content", game.content());
        fact(path + ".additionalInfo", game.additionalInfo());
      } else if (detail instanceof CellPhoneIncident cell) {
        cellPhone(cell, path);
      } else if (detail instanceof NonInternetIncident place) {
        nonInternet(place, path);
      } else if (detail instanceof Peer2PeerIncident p2p) {
        fact(path + ".client", p2p.client());
        for (int i = 0; i < p2p.ipCaptureEvents().size(); i++) {
          ipCaptureEvent(p2p.ipCaptureEvents().get(i), SubjectRole.UNKNOWN, null, path + ".ipCaptureEvent[" + i + "]");
        }
        fact(path + ".fileNames", p2p.fileNames());
        fact(path + ".additionalInfo", p2p.additionalInfo());
      }
    }

    private void cellPhone(CellPhoneIncident cell, String path) {
      if (cell.phoneNumber() != null) {
        phone(cell.phoneNumber(), SubjectRole.UNKNOWN, null, LocationRole.INCIDENT, path + ".phoneNumber");
      }
      Double latitude = coordinate(cell.latitude(), 90);
      Double longitude = coordinate(cell.longitude(), 180);
      if (latitude != null && longitude != null) {
        locations.add(Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.COORDINATES)
            .setLatitude(latitude).setLongitude(longitude).setSource(path).build());
      } else {
        fact(path + ".latitude", cell.latitude());
        fact(path + ".longitude", cell.longitude());
      }
      fact(path + ".additionalInfo", cell.additionalInfo());
    }

    private static Double coordinate(String text, double bound) {
      if (text == null) {
        return null;
      }
      try {
        double value = Double.parseDouble(text);
        return Double.isFinite(value) && Math.abs(value) <= bound ? value : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    private void nonInternet(NonInternetIncident place, String path) {
      String name = stripped(place.locationName());
      if (place.incidentAddresses().isEmpty()) {
        if (name != null) {
          locations.add(Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.UNKNOWN)
              .setOriginal(name).setSource(path + ".locationName").build());
        }
      } else {
        fact(path + ".locationName", place.locationName());
        for (int i = 0; i < place.incidentAddresses().size(); i++) {
          address(place.incidentAddresses().get(i), LocationRole.INCIDENT, null, name,
              path + ".incidentAddress[" + i + "]");
        }
      }
      fact(path + ".additionalInfo", place.additionalInfo());
    }

    // ---- law enforcement and reporter ----------------------------------------------------------

    void lawEnforcement(LawEnforcement le) {
      if (le == null) {
        return;
      }
      fact("lawEnforcement.agencyName", le.agencyName());
      fact("lawEnforcement.caseNumber", le.caseNumber());
      contact(le.officerContact(), LocationRole.OTHER, "lawEnforcement.officerContact");
      fact("lawEnforcement.reportedToLe", le.reportedToLe());
      fact("lawEnforcement.servedLegalProcessDomestic", le.servedLegalProcessDomestic());
      fact("lawEnforcement.servedLegalProcessInternational", le.servedLegalProcessInternational());
      fact("lawEnforcement.servedLegalProcessInternational.fleaCountry", le.fleaCountry());
    }

    Reporter reporter(CyberTiplineReport.Reporter reporter) {
      CyberTiplineReport.Person person = reporter.reportingPerson();
      String email = person.emails().stream().map(Email::address).map(Emails::canonical)
          .flatMap(Optional::stream).findFirst().orElse(null);
      String phone = person.phones().stream().map(Mapping::phoneText)
          .map(text -> PhoneNumbers.e164(text).orElse(text.strip())).findFirst().orElse(null);
      contact(person, LocationRole.REPORTER, "reporter.reportingPerson");
      contact(reporter.contactPerson(), LocationRole.REPORTER, "reporter.contactPerson");
      fact("reporter.companyTemplate", reporter.companyTemplate());
      fact("reporter.termsOfService", reporter.termsOfService());
      fact("reporter.legalURL", reporter.legalUrl());
      return Reporter.newBuilder()
          .setKind(ReporterKind.ESP)
          .setAnonymous(false)
          .setName(fullName(person.firstName(), person.lastName()))
          .setEmail(email)
          .setPhone(phone)
          .setOrganisation(null)
          .setCallbackConsent(null)
          .build();
    }

    /** A person who is a contact, not a subject: names and contact details as facts, addresses as places. */
    private void contact(CyberTiplineReport.Person person, LocationRole role, String path) {
      if (person == null) {
        return;
      }
      fact(path + ".firstName", person.firstName());
      fact(path + ".lastName", person.lastName());
      for (int i = 0; i < person.phones().size(); i++) {
        Phone phone = person.phones().get(i);
        fact(path + ".phone[" + i + "]", phone.number());
        phoneAttributes(phone, path + ".phone[" + i + "]");
      }
      for (int i = 0; i < person.emails().size(); i++) {
        Email email = person.emails().get(i);
        fact(path + ".email[" + i + "]", email.address());
        emailAttributes(email, path + ".email[" + i + "]");
      }
      for (int i = 0; i < person.addresses().size(); i++) {
        address(person.addresses().get(i), role, null, null, path + ".address[" + i + "]");
      }
      fact(path + ".age", person.age() == null ? null : person.age().toString());
      fact(path + ".dateOfBirth", person.dateOfBirth());
    }

    // ---- persons: reported, recipients, victims ------------------------------------------------

    List<Person> parties(List<Party> parties, SubjectRole role, String element, String personElement) {
      List<Person> people = new ArrayList<>();
      for (int k = 0; k < parties.size(); k++) {
        people.add(party(parties.get(k), role, k, element + "[" + k + "]", personElement));
      }
      return people;
    }

    private Person party(Party party, SubjectRole role, int index, String path, String personElement) {
      LocationRole locationRole = LocationRole.valueOf(role.name());
      CyberTiplineReport.Person person = party.person();
      String personPath = path + "." + personElement;
      String service = stripped(party.espService()) != null ? party.espService().strip() : platform;
      Person.Builder result = Person.newBuilder().setName(null).setAge(null).setAgeRange(null).setDateOfBirth(null)
          .setGender(null).setNotes(notes(party));
      if (person != null) {
        result.setName(fullName(person.firstName(), person.lastName()))
            .setAge(person.age())
            .setDateOfBirth(dateOfBirth(person.dateOfBirth()));
        personDetails(person, role, index, locationRole, personPath);
      }
      fact(path + ".vehicleDescription", party.vehicleDescription());
      identifier(IdentifierKind.ESP_USER_ID, party.espIdentifier(), role, index, service, path + ".espIdentifier");
      fact(path + ".espService", party.espService());
      fact(path + ".compromisedAccount", party.compromisedAccount());
      username(party.screenName(), role, index, service, path + ".screenName");
      indexedFacts(path + ".displayName", party.displayNames());
      for (int i = 0; i < party.profileUrls().size(); i++) {
        identifier(IdentifierKind.URL, party.profileUrls().get(i), role, index, null, path + ".profileUrl[" + i + "]");
      }
      fact(path + ".profileBio", party.profileBio());
      for (int i = 0; i < party.ipCaptureEvents().size(); i++) {
        ipCaptureEvent(party.ipCaptureEvents().get(i), role, index, path + ".ipCaptureEvent[" + i + "]");
      }
      for (int i = 0; i < party.deviceIds().size(); i++) {
        deviceId(party.deviceIds().get(i), role, index, path + ".deviceId[" + i + "]");
      }
      fact(path + ".thirdPartyUserReported", party.thirdPartyUserReported());
      fact(path + ".schoolName", party.schoolName());
      party.priorCTReports().forEach(report -> externalId(PRIOR_REPORT_ID, report));
      fact(path + ".groupIdentifier", party.groupIdentifier());
      accountStatus(party.accountTemporarilyDisabled(), path + ".accountTemporarilyDisabled");
      accountStatus(party.accountPermanentlyDisabled(), path + ".accountPermanentlyDisabled");
      estimatedLocation(party.estimatedLocation(), index, path + ".estimatedLocation");
      fact(path + ".allEmailsReported", party.allEmailsReported());
      for (int i = 0; i < party.associatedAccounts().size(); i++) {
        associatedAccount(party.associatedAccounts().get(i), role, index, service,
            path + ".associatedAccount[" + i + "]");
      }
      facts(path + ".additionalInfo", party.additionalInfo());
      return result.build();
    }

    private void personDetails(CyberTiplineReport.Person person, SubjectRole role, int index, LocationRole locationRole,
        String path) {
      for (int i = 0; i < person.phones().size(); i++) {
        phone(person.phones().get(i), role, index, locationRole, path + ".phone[" + i + "]");
      }
      emails(person.emails(), role, index, path + ".email");
      for (int i = 0; i < person.addresses().size(); i++) {
        address(person.addresses().get(i), locationRole, index, null, path + ".address[" + i + "]");
      }
      String dateOfBirth = person.dateOfBirth();
      if (dateOfBirth != null && !dateOfBirth.equals(dateOfBirth(dateOfBirth))) {
        fact(path + ".dateOfBirth", dateOfBirth);
      }
    }

    private static String notes(Party party) {
      List<String> notes = new ArrayList<>();
      if (stripped(party.schoolName()) != null) {
        notes.add("School: " + party.schoolName().strip());
      }
      if (stripped(party.vehicleDescription()) != null) {
        notes.add("Vehicle: " + party.vehicleDescription().strip());
      }
      return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private static String dateOfBirth(String date) {
      if (date == null) {
        return null;
      }
      return date.length() >= 10 && ISO_DATE.matcher(date.substring(0, 10)).matches() ? date.substring(0, 10) : date;
    }

    private void associatedAccount(AssociatedAccount account, SubjectRole role, int index, String partyService,
        String path) {
      LocationRole locationRole = LocationRole.valueOf(role.name());
      String service = stripped(account.espService()) != null ? account.espService().strip()
          : stripped(account.platform()) != null ? account.platform().strip() : partyService;
      fact(path + ".type", account.type());
      fact(path + ".platform", account.platform());
      fact(path + ".platform.thirdPartyUser", account.platformThirdPartyUser());
      fact(path + ".firstName", account.firstName());
      fact(path + ".middleName", account.middleName());
      fact(path + ".lastName", account.lastName());
      fact(path + ".approximateAge", account.approximateAge() == null ? null : account.approximateAge().toString());
      fact(path + ".dateOfBirth", account.dateOfBirth());
      for (int i = 0; i < account.phones().size(); i++) {
        phone(account.phones().get(i), role, index, locationRole, path + ".phone[" + i + "]");
      }
      emails(account.emails(), role, index, path + ".email");
      fact(path + ".allEmailsReported", account.allEmailsReported());
      for (int i = 0; i < account.addresses().size(); i++) {
        address(account.addresses().get(i), locationRole, index, null, path + ".address[" + i + "]");
      }
      fact(path + ".espService", account.espService());
      identifier(IdentifierKind.ESP_USER_ID, account.espIdentifier(), role, index, service, path + ".espIdentifier");
      for (int i = 0; i < account.profileUrls().size(); i++) {
        identifier(IdentifierKind.URL, account.profileUrls().get(i), role, index, null,
            path + ".profileUrl[" + i + "]");
      }
      username(account.screenName(), role, index, service, path + ".screenName");
      indexedFacts(path + ".displayName", account.displayNames());
      fact(path + ".profileBio", account.profileBio());
      fact(path + ".groupIdentifier", account.groupIdentifier());
      fact(path + ".compromisedAccount", account.compromisedAccount());
      accountStatus(account.accountTemporarilyDisabled(), path + ".accountTemporarilyDisabled");
      accountStatus(account.accountPermanentlyDisabled(), path + ".accountPermanentlyDisabled");
      for (int i = 0; i < account.ipCaptureEvents().size(); i++) {
        ipCaptureEvent(account.ipCaptureEvents().get(i), role, index, path + ".ipCaptureEvent[" + i + "]");
      }
      for (int i = 0; i < account.deviceIds().size(); i++) {
        deviceId(account.deviceIds().get(i), role, index, path + ".deviceId[" + i + "]");
      }
      account.priorCTReports().forEach(report -> externalId(PRIOR_REPORT_ID, report));
      fact(path + ".additionalInfo", account.additionalInfo());
    }

    private void indexedFacts(String path, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        fact(path + "[" + i + "]", values.get(i));
      }
    }

    private void accountStatus(AccountStatus status, String path) {
      if (status == null) {
        return;
      }
      fact(path, Boolean.toString(status.disabled()));
      fact(path + ".disabledDate", lexical(status.disabledDate()));
      fact(path + ".userNotified", status.userNotified());
      fact(path + ".userNotifiedDate", lexical(status.userNotifiedDate()));
      fact(path + ".reenabledDate", lexical(status.reenabledDate()));
    }

    // ---- identifiers ---------------------------------------------------------------------------

    private void identifier(IdentifierKind kind, String value, SubjectRole role, Integer index, String service,
        String source) {
      identifier(kind, value, role, index, service, null, source);
    }

    private void identifier(IdentifierKind kind, String value, SubjectRole role, Integer index, String service,
        IdentifierCapture capture, String source) {
      identifier(kind, value, null, role, index, service, capture, source);
    }

    /** One identifier; {@code original} only when the value was changed here (else the canonicaliser sets it). */
    private void identifier(IdentifierKind kind, String value, String original, SubjectRole role, Integer index,
        String service, IdentifierCapture capture, String source) {
      if (value == null || value.isBlank()) {
        return;
      }
      identifiers.add(Identifier.newBuilder()
          .setKind(kind)
          .setValue(value.strip())
          .setOriginal(original)
          .setService(service)
          .setSubjectRole(role)
          .setSubjectIndex(role == SubjectRole.UNKNOWN || role == SubjectRole.REPORTER ? null : index)
          .setCapture(capture)
          .setHashType(null)
          .setSource(source)
          .build());
    }

    private void username(String screenName, SubjectRole role, Integer index, String service, String source) {
      String name = stripped(screenName);
      if (name == null) {
        return;
      }
      boolean at = name.startsWith("@");
      identifier(IdentifierKind.USERNAME, at ? name.substring(1) : name, at ? name : null, role, index, service, null,
          source);
    }

    private void emails(List<Email> emails, SubjectRole role, Integer index, String path) {
      for (int i = 0; i < emails.size(); i++) {
        Email email = emails.get(i);
        identifier(IdentifierKind.EMAIL, email.address(), role, index, null, path + "[" + i + "]");
        emailAttributes(email, path + "[" + i + "]");
      }
    }

    private void emailAttributes(Email email, String path) {
      fact(path + ".type", email.type());
      fact(path + ".verified", email.verified());
      fact(path + ".verificationDate", lexical(email.verificationDate()));
    }

    /** A phone as an identifier, and as a place when its number tells one (area code or country). */
    private void phone(Phone phone, SubjectRole role, Integer index, LocationRole locationRole, String path) {
      String text = phoneText(phone);
      if (text.isBlank()) {
        return;
      }
      identifier(IdentifierKind.PHONE, text, role, index, null, path);
      phoneAttributes(phone, path);
      PhoneNumbers.parse(text).ifPresent(number -> {
        boolean northAmerican = number.getCountryCode() == 1;
        String region = PhoneNumberUtil.getInstance().getRegionCodeForNumber(number);
        if (region == null && !northAmerican) {
          region = PhoneNumberUtil.getInstance().getRegionCodeForCountryCode(number.getCountryCode());
        }
        locations.add(Location.newBuilder()
            .setRole(locationRole)
            .setPrecision(northAmerican ? LocationPrecision.AREA_CODE
                : region == null || region.equals("ZZ") ? LocationPrecision.UNKNOWN : LocationPrecision.COUNTRY)
            .setSubjectIndex(locationRole == LocationRole.INCIDENT ? null : index)
            .setCountry(region == null || region.equals("ZZ") || region.equals("001") ? null : region)
            .setOriginal(PhoneNumbers.e164(text).orElse(text.strip()))
            .setSource(path)
            .build());
      });
    }

    /** The number with its country calling code when the number itself has none. */
    private static String phoneText(Phone phone) {
      String number = phone.number() == null ? "" : phone.number().strip();
      if (!number.isEmpty() && !number.startsWith("+") && phone.countryCallingCode() != null) {
        return phone.countryCallingCode() + " " + number;
      }
      return number;
    }

    private void phoneAttributes(Phone phone, String path) {
      fact(path + ".type", phone.type());
      fact(path + ".verified", phone.verified());
      fact(path + ".verificationDate", lexical(phone.verificationDate()));
      fact(path + ".countryCallingCode", phone.countryCallingCode());
      fact(path + ".extension", phone.extension());
    }

    /** An IP address as an identifier (with its capture time) and as a place for a later lookup. */
    private void ipCaptureEvent(IpCaptureEvent event, SubjectRole role, Integer index, String path) {
      IdentifierCapture capture = event.dateTime() == null ? null : IdentifierCapture.newBuilder()
          .setCapturedAt(event.dateTime().instant()).setEvent(event.eventName()).build();
      identifier(IdentifierKind.IP, event.ipAddress(), role, index, null, capture, path);
      if (stripped(event.ipAddress()) != null) {
        String address = event.ipAddress().strip();
        locations.add(Location.newBuilder().setRole(LocationRole.IP).setPrecision(LocationPrecision.UNKNOWN)
            .setOriginal(IpAddresses.canonical(address).orElse(address)).setSource(path).build());
      }
      if (capture == null) {
        fact(path + ".eventName", event.eventName());
      } else if (!event.dateTime().hasOffset()) {
        fact(path + ".dateTime", event.dateTime().lexical());
      }
      fact(path + ".possibleProxy", event.possibleProxy());
      fact(path + ".port", event.port() == null ? null : event.port().toString());
    }

    private void deviceId(DeviceId device, SubjectRole role, Integer index, String path) {
      IdentifierCapture capture = device.dateTime() == null ? null : IdentifierCapture.newBuilder()
          .setCapturedAt(device.dateTime().instant()).setEvent(device.eventName()).build();
      String type = device.idType() == null ? "" : device.idType().strip().toUpperCase(Locale.ROOT);
      String value = device.idValue() == null ? "" : device.idValue().strip();
      if (value.isEmpty()) {
        fact(path + ".idType", device.idType());
      } else {
        identifier(IdentifierKind.DEVICE_ID, type.isEmpty() ? value : type + ":" + value, role, index, null, capture,
            path);
      }
      if (capture == null) {
        fact(path + ".eventName", device.eventName());
      } else if (!device.dateTime().hasOffset()) {
        fact(path + ".dateTime", device.dateTime().lexical());
      }
    }

    // ---- locations -----------------------------------------------------------------------------

    private void address(Address address, LocationRole role, Integer index, String original, String path) {
      String street = stripped(address.street());
      String city = stripped(address.city());
      String state = stripped(address.state());
      String region = stripped(address.nonUsaState());
      String country = stripped(address.country());
      if (country == null && state != null) {
        country = "US";
      }
      String zip = null;
      String zipText = stripped(address.zipCode());
      if (zipText != null) {
        Optional<String> five = ZipCodes.five(zipText);
        if (five.isPresent() && (country == null || country.equals("US"))) {
          zip = five.get();
        }
        if (five.isEmpty() || !five.get().equals(zipText)) {
          fact(path + ".zipCode", address.zipCode());
        }
      }
      fact(path + ".type", address.type());
      LocationPrecision precision = street != null ? LocationPrecision.STREET
          : zip != null ? LocationPrecision.ZIP
          : city != null ? LocationPrecision.CITY
          : state != null || region != null ? LocationPrecision.STATE
          : country != null ? LocationPrecision.COUNTRY
          : LocationPrecision.UNKNOWN;
      if (precision == LocationPrecision.UNKNOWN && original == null) {
        return;
      }
      locations.add(Location.newBuilder()
          .setRole(role)
          .setPrecision(precision)
          .setSubjectIndex(personRole(role) ? index : null)
          .setStreet(street)
          .setCity(city)
          .setState(state)
          .setRegion(region)
          .setZip(zip)
          .setCountry(country)
          .setOriginal(original)
          .setSource(path)
          .build());
    }

    private void estimatedLocation(EstimatedLocation estimate, int index, String path) {
      if (estimate == null) {
        return;
      }
      String city = stripped(estimate.city());
      String region = stripped(estimate.region());
      String country = stripped(estimate.countryCode());
      String state = null;
      if (region != null && (country == null || country.equals("US"))) {
        state = UsStates.code(region).orElse(null);
      }
      List<String> written = new ArrayList<>();
      for (String part : new String[] {city, region, country}) {
        if (part != null) {
          written.add(part);
        }
      }
      fact(path + ".verified", estimate.verified());
      fact(path + ".timestamp", lexical(estimate.timestamp()));
      if (written.isEmpty()) {
        return;
      }
      locations.add(Location.newBuilder()
          .setRole(LocationRole.ESP_ESTIMATE)
          .setPrecision(city != null ? LocationPrecision.CITY
              : region != null ? LocationPrecision.STATE : LocationPrecision.COUNTRY)
          .setSubjectIndex(index)
          .setCity(city)
          .setState(state)
          .setRegion(state == null ? region : null)
          .setCountry(country != null ? country : state != null ? "US" : null)
          .setOriginal(String.join(", ", written))
          .setSource(path)
          .build());
    }

    private static boolean personRole(LocationRole role) {
      return role == LocationRole.VICTIM || role == LocationRole.SUSPECT || role == LocationRole.RECIPIENT;
    }
  }
}
