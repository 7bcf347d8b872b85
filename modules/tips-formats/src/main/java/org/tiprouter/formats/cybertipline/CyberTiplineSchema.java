package org.tiprouter.formats.cybertipline;

import static org.tiprouter.formats.cybertipline.SchemaModel.choice;
import static org.tiprouter.formats.cybertipline.SchemaModel.many;
import static org.tiprouter.formats.cybertipline.SchemaModel.one;
import static org.tiprouter.formats.cybertipline.SchemaModel.oneOrMore;
import static org.tiprouter.formats.cybertipline.SchemaModel.optional;
import static org.tiprouter.formats.cybertipline.SimpleType.BOOLEAN;
import static org.tiprouter.formats.cybertipline.SimpleType.DATE_TIME_TYPE;
import static org.tiprouter.formats.cybertipline.SimpleType.DATE_TYPE;
import static org.tiprouter.formats.cybertipline.SimpleType.DOUBLE_TYPE;
import static org.tiprouter.formats.cybertipline.SimpleType.INT;
import static org.tiprouter.formats.cybertipline.SimpleType.LONG;
import static org.tiprouter.formats.cybertipline.SimpleType.PRESENCE;
import static org.tiprouter.formats.cybertipline.SimpleType.STRING;
import static org.tiprouter.formats.cybertipline.SimpleType.TOKEN;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tiprouter.formats.cybertipline.SchemaModel.ComplexType;
import org.tiprouter.formats.cybertipline.SchemaModel.ElementDecl;

/**
 * The structure of NCMEC's CyberTipline report and file-details documents, written from NCMEC's
 * published schema: element order, occurrences, value types and enumerations, and attributes.
 * Documents carry no namespace. The schema itself is not part of this project.
 */
final class CyberTiplineSchema {

  private CyberTiplineSchema() {}

  // ---- simple types ----------------------------------------------------------------------------

  /** ISO 3166 alpha-2 codes and the few extra codes NCMEC's country list accepts; empty is allowed. */
  static final List<String> COUNTRY_CODES = codes("", """
      A1 A2 O1 AD AE AF AG AI AL AM AN AO AP AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM
      BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CX CW CY CZ DE DJ DK
      DM DO DZ EC EE EG EH ER ES ET EU FI FJ FK FM FO FR FX GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
      GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP
      KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
      MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
      PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
      TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM
      ZW""");

  /** The US states, DC and the territories NCMEC's state list accepts; empty is allowed. */
  static final List<String> STATE_CODES = codes("", """
      AK AL AR AZ CA CO CT DC DE FL GA GU HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH
      NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UT VA VI VT WA WI WV WY""");

  static final SimpleType COUNTRY = SimpleType.enumeration("country code", COUNTRY_CODES);
  static final SimpleType STATE = SimpleType.enumeration("US state code", STATE_CODES);
  static final SimpleType INCIDENT_TYPE = SimpleType.enumeration("incident type", CyberTiplineIncidentType.xmlValues());
  static final SimpleType ADDRESS_TYPE = SimpleType.enumeration("address type",
      List.of("Home", "Business", "Billing", "Shipping", "Technical"));
  static final SimpleType EMAIL_TYPE = SimpleType.enumeration("email type",
      List.of("Home", "Work", "Business", "Recovery"));
  static final SimpleType PHONE_TYPE = SimpleType.enumeration("phone type",
      List.of("Mobile", "Home", "Business", "Work", "Fax", "Internet", "Recovery"));
  static final SimpleType CALLING_CODE = SimpleType.pattern("country calling code (+ and 1-3 digits)", "\\+[0-9]{1,3}");
  static final SimpleType PHONE_EXTENSION = SimpleType.pattern("phone extension (digits)", "[0-9]+");
  static final SimpleType BATCH_REASON = SimpleType.enumeration("batched report reason",
      List.of("VIRAL_POTENTIAL_MEME"));
  static final SimpleType CAPTURE_EVENT = SimpleType.enumeration("capture event",
      List.of("Login", "Registration", "Purchase", "Upload", "Other", "Unknown"));
  static final SimpleType ACCOUNT_TYPE = SimpleType.enumeration("associated account type",
      List.of("Billing", "Linked", "Business", "Creator", "Parent/Guardian", "Other"));
  static final SimpleType FILE_RELEVANCE = SimpleType.enumeration("file relevance",
      List.of("Reported", "Supplemental Reported"));
  static final SimpleType FILE_CLASSIFICATION = SimpleType.enumeration("industry classification",
      List.of("A1", "A2", "B1", "B2"));
  static final SimpleType METADATA_TYPE = SimpleType.enumeration("metadata type", List.of("EXIF", "HASH"));

  /** The names of the report annotations, in schema order; each is presence-only. */
  static final List<String> REPORT_ANNOTATIONS = List.of("sextortion", "csamSolicitation", "minorToMinorInteraction",
      "spam", "sadisticOnlineExploitation");

  /** The names of the file annotations, in schema order; each is presence-only. */
  static final List<String> FILE_ANNOTATIONS = List.of("animeDrawingVirtualHentai", "potentialMeme", "viral",
      "possibleSelfProduction", "physicalHarm", "violenceGore", "bestiality", "liveStreaming", "infant",
      "generativeAi");

  // ---- shared complex types --------------------------------------------------------------------

  static final ComplexType TEXT = ComplexType.text(STRING);

  static final ComplexType EMAIL = ComplexType.text(STRING)
      .withAttribute("type", EMAIL_TYPE)
      .withAttribute("verified", BOOLEAN)
      .withAttribute("verificationDate", DATE_TIME_TYPE);

  static final ComplexType PHONE = ComplexType.text(STRING)
      .withAttribute("type", PHONE_TYPE)
      .withAttribute("verified", BOOLEAN)
      .withAttribute("verificationDate", DATE_TIME_TYPE)
      .withAttribute("countryCallingCode", CALLING_CODE)
      .withAttribute("extension", PHONE_EXTENSION);

  static final ComplexType ADDRESS = ComplexType.sequence(
      optional(ElementDecl.of("address", STRING)),
      optional(ElementDecl.of("city", STRING)),
      optional(ElementDecl.of("zipCode", STRING)),
      optional(ElementDecl.of("state", STATE)),
      optional(ElementDecl.of("nonUsaState", STRING)),
      optional(ElementDecl.of("country", COUNTRY)))
      .withAttribute("type", ADDRESS_TYPE);

  static final ComplexType PERSON = ComplexType.sequence(
      optional(ElementDecl.of("firstName", STRING)),
      optional(ElementDecl.of("lastName", STRING)),
      many(ElementDecl.of("phone", PHONE)),
      many(ElementDecl.of("email", EMAIL)),
      many(ElementDecl.of("address", ADDRESS)),
      optional(ElementDecl.of("age", INT)),
      optional(ElementDecl.of("dateOfBirth", DATE_TYPE)));

  static final ComplexType CONTACT_PERSON = ComplexType.sequence(
      optional(ElementDecl.of("firstName", STRING)),
      optional(ElementDecl.of("lastName", STRING)),
      many(ElementDecl.of("phone", PHONE)),
      many(ElementDecl.of("email", EMAIL)),
      many(ElementDecl.of("address", ADDRESS)));

  static final ComplexType IP_CAPTURE_EVENT = ComplexType.sequence(
      one(ElementDecl.of("ipAddress", STRING)),
      optional(ElementDecl.of("eventName", CAPTURE_EVENT)),
      optional(ElementDecl.of("dateTime", DATE_TIME_TYPE)),
      optional(ElementDecl.of("possibleProxy", BOOLEAN)),
      optional(ElementDecl.of("port", INT)));

  static final ComplexType DEVICE_ID = ComplexType.sequence(
      one(ElementDecl.of("idType", STRING)),
      one(ElementDecl.of("idValue", STRING)),
      optional(ElementDecl.of("eventName", CAPTURE_EVENT)),
      optional(ElementDecl.of("dateTime", DATE_TIME_TYPE)));

  static final ComplexType ESTIMATED_LOCATION = ComplexType.sequence(
      optional(ElementDecl.of("city", STRING)),
      optional(ElementDecl.of("region", STRING)),
      optional(ElementDecl.of("countryCode", COUNTRY)))
      .withAttribute("verified", BOOLEAN)
      .withAttribute("timestamp", DATE_TIME_TYPE);

  static final ComplexType TEMPORARILY_DISABLED = ComplexType.text(BOOLEAN)
      .withAttribute("disabledDate", DATE_TIME_TYPE)
      .withAttribute("userNotified", BOOLEAN)
      .withAttribute("userNotifiedDate", DATE_TIME_TYPE)
      .withAttribute("reenabledDate", DATE_TIME_TYPE);

  static final ComplexType PERMANENTLY_DISABLED = ComplexType.text(BOOLEAN)
      .withAttribute("disabledDate", DATE_TIME_TYPE)
      .withAttribute("userNotified", BOOLEAN)
      .withAttribute("userNotifiedDate", DATE_TIME_TYPE);

  static final ComplexType ASSOCIATED_ACCOUNT = ComplexType.sequence(
      optional(ElementDecl.of("platform", ComplexType.text(STRING).withAttribute("thirdPartyUser", BOOLEAN))),
      optional(ElementDecl.of("firstName", STRING)),
      optional(ElementDecl.of("middleName", STRING)),
      optional(ElementDecl.of("lastName", STRING)),
      optional(ElementDecl.of("approximateAge", INT)),
      optional(ElementDecl.of("dateOfBirth", DATE_TYPE)),
      many(ElementDecl.of("phone", PHONE)),
      many(ElementDecl.of("email", EMAIL)),
      optional(ElementDecl.of("allEmailsReported", BOOLEAN)),
      many(ElementDecl.of("address", ADDRESS)),
      optional(ElementDecl.of("espService", STRING)),
      optional(ElementDecl.of("espIdentifier", STRING)),
      many(ElementDecl.of("profileUrl", STRING)),
      optional(ElementDecl.of("screenName", TEXT)),
      many(ElementDecl.of("displayName", STRING)),
      optional(ElementDecl.of("profileBio", TEXT)),
      optional(ElementDecl.of("groupIdentifier", STRING)),
      optional(ElementDecl.of("compromisedAccount", BOOLEAN)),
      optional(ElementDecl.of("accountTemporarilyDisabled", TEMPORARILY_DISABLED)),
      optional(ElementDecl.of("accountPermanentlyDisabled", PERMANENTLY_DISABLED)),
      many(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      many(ElementDecl.of("deviceId", DEVICE_ID)),
      many(ElementDecl.of("priorCTReport", LONG)),
      optional(ElementDecl.of("additionalInfo", TEXT)))
      .withRequiredAttribute("type", ACCOUNT_TYPE);

  // ---- report ----------------------------------------------------------------------------------

  static final ComplexType INCIDENT_SUMMARY = ComplexType.sequence(
      one(ElementDecl.of("incidentType", INCIDENT_TYPE)),
      optional(ElementDecl.of("platform", STRING)),
      optional(ElementDecl.of("escalateToHighPriority", STRING)),
      optional(ElementDecl.of("reportAnnotations", ComplexType.all(presenceOnly(REPORT_ANNOTATIONS)))),
      one(ElementDecl.of("incidentDateTime", DATE_TIME_TYPE)),
      optional(ElementDecl.of("incidentDateTimeDescription", STRING)));

  static final ElementDecl WEB_PAGE_INCIDENT = ElementDecl.of("webPageIncident", ComplexType.sequence(
      many(ElementDecl.of("url", STRING)),
      optional(ElementDecl.of("additionalInfo", TEXT)))
      .withAttribute("thirdPartyHostedContent", BOOLEAN));

  static final ElementDecl EMAIL_INCIDENT = ElementDecl.of("emailIncident", ComplexType.sequence(
      many(ElementDecl.of("emailAddress", EMAIL)),
      optional(ElementDecl.of("content", TEXT)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl NEWSGROUP_INCIDENT = ElementDecl.of("newsgroupIncident", ComplexType.sequence(
      optional(ElementDecl.of("name", STRING)),
      many(ElementDecl.of("emailAddress", EMAIL)),
      optional(ElementDecl.of("content", TEXT)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl CHAT_IM_INCIDENT = ElementDecl.of("chatImIncident", ComplexType.sequence(
      optional(ElementDecl.of("chatClient", STRING)),
      optional(ElementDecl.of("chatRoomName", STRING)),
      optional(ElementDecl.of("content", TEXT)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl ONLINE_GAMING_INCIDENT = ElementDecl.of("onlineGamingIncident", ComplexType.sequence(
      optional(ElementDecl.of("gameName", STRING)),
      optional(ElementDecl.of("console", STRING)),
      optional(ElementDecl.of("content", TEXT)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl CELL_PHONE_INCIDENT = ElementDecl.of("cellPhoneIncident", ComplexType.sequence(
      optional(ElementDecl.of("phoneNumber", PHONE)),
      optional(ElementDecl.of("latitude", DOUBLE_TYPE)),
      optional(ElementDecl.of("longitude", DOUBLE_TYPE)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl NON_INTERNET_INCIDENT = ElementDecl.of("nonInternetIncident", ComplexType.sequence(
      optional(ElementDecl.of("locationName", STRING)),
      many(ElementDecl.of("incidentAddress", ADDRESS)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ElementDecl PEER2PEER_INCIDENT = ElementDecl.of("peer2peerIncident", ComplexType.sequence(
      optional(ElementDecl.of("client", STRING)),
      many(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      optional(ElementDecl.of("fileNames", STRING)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  static final ComplexType INTERNET_DETAILS = ComplexType.sequence(choice(1, 1, WEB_PAGE_INCIDENT, EMAIL_INCIDENT,
      NEWSGROUP_INCIDENT, CHAT_IM_INCIDENT, ONLINE_GAMING_INCIDENT, CELL_PHONE_INCIDENT, NON_INTERNET_INCIDENT,
      PEER2PEER_INCIDENT));

  static final ComplexType LAW_ENFORCEMENT = ComplexType.sequence(
      one(ElementDecl.of("agencyName", STRING)),
      optional(ElementDecl.of("caseNumber", STRING)),
      optional(ElementDecl.of("officerContact", CONTACT_PERSON)),
      optional(ElementDecl.of("reportedToLe", BOOLEAN)),
      optional(ElementDecl.of("servedLegalProcessDomestic", BOOLEAN)),
      optional(ElementDecl.of("servedLegalProcessInternational",
          ComplexType.text(BOOLEAN).withAttribute("fleaCountry", COUNTRY))));

  static final ComplexType REPORTER = ComplexType.sequence(
      one(ElementDecl.of("reportingPerson", PERSON)),
      optional(ElementDecl.of("contactPerson", CONTACT_PERSON)),
      optional(ElementDecl.of("companyTemplate", TEXT)),
      optional(ElementDecl.of("termsOfService", TEXT)),
      optional(ElementDecl.of("legalURL", STRING)));

  static final ComplexType PERSON_OR_USER_REPORTED = ComplexType.sequence(
      optional(ElementDecl.of("personOrUserReportedPerson", PERSON)),
      optional(ElementDecl.of("vehicleDescription", STRING)),
      optional(ElementDecl.of("espIdentifier", STRING)),
      optional(ElementDecl.of("espService", STRING)),
      optional(ElementDecl.of("compromisedAccount", BOOLEAN)),
      optional(ElementDecl.of("screenName", TEXT)),
      many(ElementDecl.of("displayName", STRING)),
      many(ElementDecl.of("profileUrl", STRING)),
      optional(ElementDecl.of("profileBio", TEXT)),
      many(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      many(ElementDecl.of("deviceId", DEVICE_ID)),
      optional(ElementDecl.of("thirdPartyUserReported", BOOLEAN)),
      many(ElementDecl.of("priorCTReports", LONG)),
      optional(ElementDecl.of("groupIdentifier", STRING)),
      optional(ElementDecl.of("accountTemporarilyDisabled", TEMPORARILY_DISABLED)),
      optional(ElementDecl.of("accountPermanentlyDisabled", PERMANENTLY_DISABLED)),
      optional(ElementDecl.of("estimatedLocation", ESTIMATED_LOCATION)),
      optional(ElementDecl.of("allEmailsReported", BOOLEAN)),
      many(ElementDecl.of("associatedAccount", ASSOCIATED_ACCOUNT)),
      optional(ElementDecl.of("additionalInfo", TEXT)));

  static final ComplexType INTENDED_RECIPIENT = ComplexType.sequence(
      optional(ElementDecl.of("intendedRecipientPerson", PERSON)),
      optional(ElementDecl.of("espIdentifier", STRING)),
      optional(ElementDecl.of("espService", STRING)),
      optional(ElementDecl.of("compromisedAccount", BOOLEAN)),
      optional(ElementDecl.of("screenName", TEXT)),
      many(ElementDecl.of("displayName", STRING)),
      many(ElementDecl.of("profileUrl", STRING)),
      optional(ElementDecl.of("profileBio", TEXT)),
      many(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      many(ElementDecl.of("deviceId", DEVICE_ID)),
      many(ElementDecl.of("priorCTReports", LONG)),
      optional(ElementDecl.of("groupIdentifier", STRING)),
      optional(ElementDecl.of("accountTemporarilyDisabled", TEMPORARILY_DISABLED)),
      optional(ElementDecl.of("accountPermanentlyDisabled", PERMANENTLY_DISABLED)),
      optional(ElementDecl.of("estimatedLocation", ESTIMATED_LOCATION)),
      optional(ElementDecl.of("allEmailsReported", BOOLEAN)),
      many(ElementDecl.of("additionalInfo", TEXT)));

  static final ComplexType VICTIM = ComplexType.sequence(
      one(ElementDecl.of("victimPerson", PERSON)),
      optional(ElementDecl.of("espIdentifier", STRING)),
      optional(ElementDecl.of("espService", STRING)),
      optional(ElementDecl.of("compromisedAccount", BOOLEAN)),
      optional(ElementDecl.of("screenName", TEXT)),
      many(ElementDecl.of("displayName", STRING)),
      many(ElementDecl.of("profileUrl", STRING)),
      optional(ElementDecl.of("profileBio", TEXT)),
      many(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      many(ElementDecl.of("deviceId", DEVICE_ID)),
      optional(ElementDecl.of("schoolName", STRING)),
      many(ElementDecl.of("priorCTReports", LONG)),
      optional(ElementDecl.of("accountTemporarilyDisabled", TEMPORARILY_DISABLED)),
      optional(ElementDecl.of("accountPermanentlyDisabled", PERMANENTLY_DISABLED)),
      optional(ElementDecl.of("estimatedLocation", ESTIMATED_LOCATION)),
      optional(ElementDecl.of("allEmailsReported", BOOLEAN)),
      many(ElementDecl.of("associatedAccount", ASSOCIATED_ACCOUNT)),
      optional(ElementDecl.of("additionalInfo", TEXT)));

  /** The root of a report submission. */
  static final ElementDecl REPORT = ElementDecl.of("report", ComplexType.sequence(
      optional(ElementDecl.of("batchedReport", ComplexType.empty().withRequiredAttribute("reason", BATCH_REASON))),
      one(ElementDecl.of("incidentSummary", INCIDENT_SUMMARY)),
      many(ElementDecl.of("internetDetails", INTERNET_DETAILS)),
      optional(ElementDecl.of("lawEnforcement", LAW_ENFORCEMENT)),
      one(ElementDecl.of("reporter", REPORTER)),
      many(ElementDecl.of("personOrUserReported", PERSON_OR_USER_REPORTED)),
      many(ElementDecl.of("intendedRecipient", INTENDED_RECIPIENT)),
      many(ElementDecl.of("victim", VICTIM)),
      optional(ElementDecl.of("additionalInfo", TEXT))));

  // ---- file details ----------------------------------------------------------------------------

  static final ElementDecl NAME_VALUE_PAIR = ElementDecl.of("nameValuePair", ComplexType.sequence(
      one(ElementDecl.of("name", STRING)),
      one(ElementDecl.of("value", STRING))));

  /** The root of a file-details submission: facts about one uploaded file of a report. */
  static final ElementDecl FILE_DETAILS = ElementDecl.of("fileDetails", ComplexType.sequence(
      one(ElementDecl.of("reportId", LONG)),
      one(ElementDecl.of("fileId", TOKEN)),
      optional(ElementDecl.of("fileName", STRING)),
      optional(ElementDecl.of("originalFileName", STRING)),
      optional(ElementDecl.of("uploadedToEspTimestamp", DATE_TIME_TYPE)),
      optional(ElementDecl.of("locationOfFile", STRING)),
      optional(ElementDecl.of("fileViewedByEsp", BOOLEAN)),
      optional(ElementDecl.of("exifViewedByEsp", BOOLEAN)),
      optional(ElementDecl.of("publiclyAvailable", BOOLEAN)),
      optional(ElementDecl.of("fileRelevance", FILE_RELEVANCE)),
      choice(0, 1, ElementDecl.of("potentialMeme", BOOLEAN),
          ElementDecl.of("fileAnnotations", ComplexType.all(presenceOnly(FILE_ANNOTATIONS)))),
      optional(ElementDecl.of("industryClassification", FILE_CLASSIFICATION)),
      many(ElementDecl.of("originalFileHash", ComplexType.text(STRING).withRequiredAttribute("hashType", STRING))),
      optional(ElementDecl.of("ipCaptureEvent", IP_CAPTURE_EVENT)),
      many(ElementDecl.of("deviceId", DEVICE_ID)),
      many(ElementDecl.of("details", ComplexType.sequence(oneOrMore(NAME_VALUE_PAIR))
          .withAttribute("type", METADATA_TYPE))),
      many(ElementDecl.of("additionalInfo", TEXT))));

  private static ElementDecl[] presenceOnly(List<String> names) {
    return names.stream().map(name -> ElementDecl.of(name, PRESENCE)).toArray(ElementDecl[]::new);
  }

  private static List<String> codes(String first, String spaced) {
    List<String> codes = new ArrayList<>();
    codes.add(first);
    codes.addAll(Arrays.asList(spaced.strip().split("\\s+")));
    return List.copyOf(codes);
  }
}
