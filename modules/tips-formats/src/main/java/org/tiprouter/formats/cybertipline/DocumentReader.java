package org.tiprouter.formats.cybertipline;

import java.util.List;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.AccountStatus;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Address;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.AssociatedAccount;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.CellPhoneIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.ChatImIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.DeviceId;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Email;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.EmailIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.EstimatedLocation;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.IncidentSummary;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.InternetDetail;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.IpCaptureEvent;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.LawEnforcement;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NewsgroupIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NonInternetIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.OnlineGamingIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Party;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Peer2PeerIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Person;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Phone;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Reporter;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.WebPageIncident;

/**
 * Turns a validated element tree into the typed records. Every value was checked against its type
 * while reading, so the conversions here cannot fail.
 */
final class DocumentReader {

  private DocumentReader() {}

  static CyberTiplineReport report(XmlNode report) {
    XmlNode batched = report.child("batchedReport");
    return new CyberTiplineReport(
        batched == null ? null : batched.attribute("reason"),
        incidentSummary(report.child("incidentSummary")),
        report.children("internetDetails").stream().map(DocumentReader::internetDetail).toList(),
        lawEnforcement(report.child("lawEnforcement")),
        reporter(report.child("reporter")),
        report.children("personOrUserReported").stream()
            .map(node -> party(node, "personOrUserReportedPerson")).toList(),
        report.children("intendedRecipient").stream().map(node -> party(node, "intendedRecipientPerson")).toList(),
        report.children("victim").stream().map(node -> party(node, "victimPerson")).toList(),
        report.childText("additionalInfo"));
  }

  static FileDetails fileDetails(XmlNode file) {
    XmlNode annotations = file.child("fileAnnotations");
    return new FileDetails(
        canonicalLong(file.childText("reportId")),
        SimpleType.collapse(file.childText("fileId")),
        file.childText("fileName"),
        file.childText("originalFileName"),
        dateTime(file.childText("uploadedToEspTimestamp")),
        file.childText("locationOfFile"),
        bool(file.childText("fileViewedByEsp")),
        bool(file.childText("exifViewedByEsp")),
        bool(file.childText("publiclyAvailable")),
        file.childText("fileRelevance"),
        bool(file.childText("potentialMeme")),
        annotations == null ? List.of() : names(annotations),
        file.childText("industryClassification"),
        file.children("originalFileHash").stream()
            .map(hash -> new FileDetails.Hash(hash.attribute("hashType"), hash.text())).toList(),
        ipCaptureEvent(file.child("ipCaptureEvent")),
        file.children("deviceId").stream().map(DocumentReader::deviceId).toList(),
        file.children("details").stream().map(details -> new FileDetails.Metadata(details.attribute("type"),
            details.children("nameValuePair").stream()
                .map(pair -> new FileDetails.NameValue(pair.childText("name"), pair.childText("value"))).toList()))
            .toList(),
        file.childTexts("additionalInfo"));
  }

  private static IncidentSummary incidentSummary(XmlNode summary) {
    XmlNode annotations = summary.child("reportAnnotations");
    return new IncidentSummary(
        CyberTiplineIncidentType.fromXml(summary.childText("incidentType")).orElseThrow(),
        summary.childText("platform"),
        summary.childText("escalateToHighPriority"),
        annotations == null ? List.of() : names(annotations),
        dateTime(summary.childText("incidentDateTime")),
        summary.childText("incidentDateTimeDescription"));
  }

  private static InternetDetail internetDetail(XmlNode details) {
    XmlNode incident = details.children().get(0);
    return switch (incident.name()) {
      case "webPageIncident" -> new WebPageIncident(incident.childTexts("url"), incident.childText("additionalInfo"),
          bool(incident.attribute("thirdPartyHostedContent")));
      case "emailIncident" -> new EmailIncident(emails(incident, "emailAddress"), incident.childText("content"),
          incident.childText("additionalInfo"));
      case "newsgroupIncident" -> new NewsgroupIncident(incident.childText("name"), emails(incident, "emailAddress"),
          incident.childText("content"), incident.childText("additionalInfo"));
      case "chatImIncident" -> new ChatImIncident(incident.childText("chatClient"), incident.childText("chatRoomName"),
          incident.childText("content"), incident.childText("additionalInfo"));
      case "onlineGamingIncident" -> new OnlineGamingIncident(incident.childText("gameName"),
          incident.childText("console"), incident.childText("content"), incident.childText("additionalInfo"));
      case "cellPhoneIncident" -> new CellPhoneIncident(phone(incident.child("phoneNumber")),
          collapsed(incident.childText("latitude")), collapsed(incident.childText("longitude")),
          incident.childText("additionalInfo"));
      case "nonInternetIncident" -> new NonInternetIncident(incident.childText("locationName"),
          incident.children("incidentAddress").stream().map(DocumentReader::address).toList(),
          incident.childText("additionalInfo"));
      case "peer2peerIncident" -> new Peer2PeerIncident(incident.childText("client"),
          incident.children("ipCaptureEvent").stream().map(DocumentReader::ipCaptureEvent).toList(),
          incident.childText("fileNames"), incident.childText("additionalInfo"));
      default -> throw new IllegalStateException("validated internetDetails holds " + incident.name());
    };
  }

  private static LawEnforcement lawEnforcement(XmlNode node) {
    if (node == null) {
      return null;
    }
    XmlNode international = node.child("servedLegalProcessInternational");
    return new LawEnforcement(node.childText("agencyName"), node.childText("caseNumber"),
        person(node.child("officerContact")), bool(node.childText("reportedToLe")),
        bool(node.childText("servedLegalProcessDomestic")),
        international == null ? null : bool(international.text()),
        international == null ? null : international.attribute("fleaCountry"));
  }

  private static Reporter reporter(XmlNode node) {
    return new Reporter(person(node.child("reportingPerson")), person(node.child("contactPerson")),
        node.childText("companyTemplate"), node.childText("termsOfService"), node.childText("legalURL"));
  }

  private static Party party(XmlNode node, String personElement) {
    return new Party(
        person(node.child(personElement)),
        node.childText("vehicleDescription"),
        node.childText("espIdentifier"),
        node.childText("espService"),
        bool(node.childText("compromisedAccount")),
        node.childText("screenName"),
        node.childTexts("displayName"),
        node.childTexts("profileUrl"),
        node.childText("profileBio"),
        node.children("ipCaptureEvent").stream().map(DocumentReader::ipCaptureEvent).toList(),
        node.children("deviceId").stream().map(DocumentReader::deviceId).toList(),
        bool(node.childText("thirdPartyUserReported")),
        node.childText("schoolName"),
        node.childTexts("priorCTReports").stream().map(DocumentReader::canonicalLong).toList(),
        node.childText("groupIdentifier"),
        accountStatus(node.child("accountTemporarilyDisabled")),
        accountStatus(node.child("accountPermanentlyDisabled")),
        estimatedLocation(node.child("estimatedLocation")),
        bool(node.childText("allEmailsReported")),
        node.children("associatedAccount").stream().map(DocumentReader::associatedAccount).toList(),
        node.childTexts("additionalInfo"));
  }

  private static AssociatedAccount associatedAccount(XmlNode node) {
    XmlNode platform = node.child("platform");
    return new AssociatedAccount(
        node.attribute("type"),
        platform == null ? null : platform.text(),
        platform == null ? null : bool(platform.attribute("thirdPartyUser")),
        node.childText("firstName"),
        node.childText("middleName"),
        node.childText("lastName"),
        integer(node.childText("approximateAge")),
        collapsed(node.childText("dateOfBirth")),
        node.children("phone").stream().map(DocumentReader::phone).toList(),
        emails(node, "email"),
        bool(node.childText("allEmailsReported")),
        node.children("address").stream().map(DocumentReader::address).toList(),
        node.childText("espService"),
        node.childText("espIdentifier"),
        node.childTexts("profileUrl"),
        node.childText("screenName"),
        node.childTexts("displayName"),
        node.childText("profileBio"),
        node.childText("groupIdentifier"),
        bool(node.childText("compromisedAccount")),
        accountStatus(node.child("accountTemporarilyDisabled")),
        accountStatus(node.child("accountPermanentlyDisabled")),
        node.children("ipCaptureEvent").stream().map(DocumentReader::ipCaptureEvent).toList(),
        node.children("deviceId").stream().map(DocumentReader::deviceId).toList(),
        node.childTexts("priorCTReport").stream().map(DocumentReader::canonicalLong).toList(),
        node.childText("additionalInfo"));
  }

  private static Person person(XmlNode node) {
    if (node == null) {
      return null;
    }
    return new Person(node.childText("firstName"), node.childText("lastName"),
        node.children("phone").stream().map(DocumentReader::phone).toList(),
        emails(node, "email"),
        node.children("address").stream().map(DocumentReader::address).toList(),
        integer(node.childText("age")),
        collapsed(node.childText("dateOfBirth")));
  }

  private static Phone phone(XmlNode node) {
    if (node == null) {
      return null;
    }
    return new Phone(node.text(), node.attribute("type"), bool(node.attribute("verified")),
        dateTime(node.attribute("verificationDate")), node.attribute("countryCallingCode"),
        node.attribute("extension"));
  }

  private static List<Email> emails(XmlNode parent, String element) {
    return parent.children(element).stream()
        .map(node -> new Email(node.text(), node.attribute("type"), bool(node.attribute("verified")),
            dateTime(node.attribute("verificationDate"))))
        .toList();
  }

  private static Address address(XmlNode node) {
    return new Address(node.childText("address"), node.childText("city"), node.childText("zipCode"),
        node.childText("state"), node.childText("nonUsaState"), node.childText("country"), node.attribute("type"));
  }

  private static IpCaptureEvent ipCaptureEvent(XmlNode node) {
    if (node == null) {
      return null;
    }
    return new IpCaptureEvent(node.childText("ipAddress"), node.childText("eventName"),
        dateTime(node.childText("dateTime")), bool(node.childText("possibleProxy")), integer(node.childText("port")));
  }

  private static DeviceId deviceId(XmlNode node) {
    return new DeviceId(node.childText("idType"), node.childText("idValue"), node.childText("eventName"),
        dateTime(node.childText("dateTime")));
  }

  private static EstimatedLocation estimatedLocation(XmlNode node) {
    if (node == null) {
      return null;
    }
    return new EstimatedLocation(node.childText("city"), node.childText("region"), node.childText("countryCode"),
        bool(node.attribute("verified")), dateTime(node.attribute("timestamp")));
  }

  private static AccountStatus accountStatus(XmlNode node) {
    if (node == null) {
      return null;
    }
    return new AccountStatus(bool(node.text()), dateTime(node.attribute("disabledDate")),
        bool(node.attribute("userNotified")), dateTime(node.attribute("userNotifiedDate")),
        dateTime(node.attribute("reenabledDate")));
  }

  private static List<String> names(XmlNode group) {
    return group.children().stream().map(XmlNode::name).toList();
  }

  private static Boolean bool(String text) {
    if (text == null) {
      return null;
    }
    String value = SimpleType.collapse(text);
    return value.equals("true") || value.equals("1");
  }

  private static Integer integer(String text) {
    if (text == null) {
      return null;
    }
    String value = SimpleType.collapse(text);
    return Integer.valueOf(value.startsWith("+") ? value.substring(1) : value);
  }

  private static String canonicalLong(String text) {
    String value = SimpleType.collapse(text);
    return Long.toString(Long.parseLong(value.startsWith("+") ? value.substring(1) : value));
  }

  private static XmlDateTime dateTime(String text) {
    return text == null ? null : XmlDateTime.parse(SimpleType.collapse(text));
  }

  private static String collapsed(String text) {
    return text == null ? null : SimpleType.collapse(text);
  }
}
