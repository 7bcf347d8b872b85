package org.tiprouter.formats.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.CellPhoneIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.ChatImIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.EmailIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NewsgroupIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.NonInternetIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.OnlineGamingIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Party;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.Peer2PeerIncident;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.WebPageIncident;

/** Every valid fixture is accepted, and every section of a report and a file-details document is read. */
class CyberTiplineReportParserTest {

  private final CyberTiplineReportParser parser = new CyberTiplineReportParser();

  static List<Path> validFiles() {
    return Fixtures.validFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void acceptsEveryValidFixture(Path file) throws Exception {
    Parsed<CyberTiplineDocument> parsed = parser.parse(Files.readAllBytes(file));

    assertThat(parsed).as("%s: %s", file.getFileName(), parsed).isInstanceOf(Parsed.Accepted.class);
    CyberTiplineDocument document = ((Parsed.Accepted<CyberTiplineDocument>) parsed).value();
    assertThat(document).isInstanceOf(file.getFileName().toString().startsWith("report-")
        ? CyberTiplineReport.class : FileDetails.class);
  }

  @Test
  void fixturesCoverEveryInternetDetailsKind() {
    List<String> kinds = Fixtures.validReports().stream()
        .map(path -> report(path.getFileName().toString()))
        .flatMap(report -> report.internetDetails().stream())
        .map(CyberTiplineReport.InternetDetail::kind)
        .distinct().sorted().toList();

    assertThat(kinds).containsExactly("cellPhoneIncident", "chatImIncident", "emailIncident", "newsgroupIncident",
        "nonInternetIncident", "onlineGamingIncident", "peer2peerIncident", "webPageIncident");
    assertThat(Fixtures.validReports()).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void readsTheIncidentSummaryWithEscalationAnnotationsAndTime() {
    CyberTiplineReport report = report("report-04-chat-sextortion.xml");

    var summary = report.incidentSummary();
    assertThat(summary.incidentType()).isEqualTo(CyberTiplineIncidentType.ONLINE_ENTICEMENT);
    assertThat(summary.platform()).isEqualTo("Example Chat");
    assertThat(summary.escalateToHighPriority()).startsWith("User threatened to share images");
    assertThat(summary.annotations()).containsExactly("sextortion");
    assertThat(summary.incidentDateTime().instant()).isEqualTo(Instant.parse("2025-03-12T23:40:00Z"));
    assertThat(summary.incidentDateTime().hasOffset()).isTrue();
    assertThat(summary.incidentDateTimeDescription()).isEqualTo("Messages continued over three evenings");
    assertThat(report.additionalInfo()).startsWith("Adult user asked");
  }

  @Test
  void readsEveryKindOfInternetDetails() {
    WebPageIncident web = (WebPageIncident) report("report-01-web-page.xml").internetDetails().get(0);
    assertThat(web.urls()).hasSize(2);
    assertThat(web.thirdPartyHostedContent()).isTrue();
    assertThat(((WebPageIncident) report("report-12-misleading-domain.xml").internetDetails().get(0))
        .thirdPartyHostedContent()).isFalse();

    EmailIncident email = (EmailIncident) report("report-02-email-enticement.xml").internetDetails().get(0);
    assertThat(email.emailAddresses()).extracting(CyberTiplineReport.Email::address)
        .containsExactly(" Coach.Dan.1988@Example.com", "maddie.k.2011@example.org");
    assertThat(email.emailAddresses().get(0).type()).isEqualTo("Home");
    assertThat(email.content()).startsWith("Subject:");

    NewsgroupIncident news = (NewsgroupIncident) report("report-03-newsgroup.xml").internetDetails().get(0);
    assertThat(news.name()).isEqualTo("alt.binaries.example.collectors");
    assertThat(news.emailAddresses()).hasSize(2);

    ChatImIncident chat = (ChatImIncident) report("report-04-chat-sextortion.xml").internetDetails().get(0);
    assertThat(chat.chatClient()).isEqualTo("Example Chat for Android 8.4");
    assertThat(chat.chatRoomName()).isEqualTo("direct message");

    OnlineGamingIncident game = (OnlineGamingIncident) report("report-05-online-gaming.xml").internetDetails().get(0);
    assertThat(game.gameName()).isEqualTo("Example Arena: Season 9");
    assertThat(game.console()).isEqualTo("Example Console X");

    CellPhoneIncident cell = (CellPhoneIncident) report("report-06-cell-phone.xml").internetDetails().get(0);
    assertThat(cell.phoneNumber().number()).isEqualTo("(865) 555-0142");
    assertThat(cell.phoneNumber().type()).isEqualTo("Mobile");
    assertThat(cell.latitude()).isEqualTo("35.9606");
    assertThat(cell.longitude()).isEqualTo("-83.9207");

    NonInternetIncident place = (NonInternetIncident) report("report-07-non-internet.xml").internetDetails().get(0);
    assertThat(place.locationName()).isEqualTo("Family home, ground-floor apartment");
    assertThat(place.incidentAddresses()).singleElement().satisfies(address -> {
      assertThat(address.street()).isEqualTo("4417 Placeholder Lane, Apt 2");
      assertThat(address.zipCode()).isEqualTo("80012");
      assertThat(address.state()).isEqualTo("CO");
      assertThat(address.type()).isEqualTo("Home");
    });

    Peer2PeerIncident p2p = (Peer2PeerIncident) report("report-08-peer2peer.xml").internetDetails().get(0);
    assertThat(p2p.client()).startsWith("Example Share");
    assertThat(p2p.ipCaptureEvents()).hasSize(2);
    assertThat(p2p.ipCaptureEvents().get(0).port()).isEqualTo(4662);
    assertThat(p2p.fileNames()).contains("part2");
  }

  @Test
  void readsLawEnforcementAndTheReporter() {
    CyberTiplineReport report = report("report-07-non-internet.xml");
    var le = report.lawEnforcement();
    assertThat(le.agencyName()).isEqualTo("Example County Sheriff's Office");
    assertThat(le.caseNumber()).isEqualTo("ECSO-25-018832");
    assertThat(le.officerContact().lastName()).isEqualTo("Sample");
    assertThat(le.officerContact().addresses()).hasSize(1);
    assertThat(le.reportedToLe()).isTrue();
    assertThat(le.servedLegalProcessDomestic()).isFalse();

    var international = report("report-15-international.xml").lawEnforcement();
    assertThat(international.servedLegalProcessInternational()).isTrue();
    assertThat(international.fleaCountry()).isEqualTo("GB");

    var reporter = report("report-02-email-enticement.xml").reporter();
    assertThat(reporter.reportingPerson().firstName()).isEqualTo("Jordan");
    assertThat(reporter.contactPerson().phones()).singleElement().extracting(CyberTiplineReport.Phone::number)
        .isEqualTo("+1 202 555 0188");
    var templates = report("report-01-web-page.xml").reporter();
    assertThat(templates.companyTemplate()).contains("2258A");
    assertThat(templates.legalUrl()).isEqualTo("https://example.com/legal/law-enforcement");
    assertThat(report("report-05-online-gaming.xml").reporter().termsOfService()).startsWith("Players may not");
  }

  @Test
  void readsReportedPersonsWithCapturesDevicesEstimatesAndAssociatedAccounts() {
    CyberTiplineReport report = report("report-09-trafficking-multi.xml");
    assertThat(report.personsOrUsersReported()).hasSize(2);
    Party seller = report.personsOrUsersReported().get(0);
    assertThat(seller.person().firstName()).isEqualTo("Kim");
    assertThat(seller.espIdentifier()).isEqualTo("seller-4410");
    assertThat(seller.compromisedAccount()).isFalse();
    assertThat(seller.screenName()).isEqualTo("VIPbookingsATL");
    assertThat(seller.displayNames()).containsExactly("VIP Bookings", "ATL Models");
    assertThat(seller.profileUrls()).containsExactly("https://classifieds.example.com/seller/4410");
    assertThat(seller.ipCaptureEvents()).singleElement().satisfies(ip -> {
      assertThat(ip.ipAddress()).isEqualTo("198.51.100.77");
      assertThat(ip.eventName()).isEqualTo("Purchase");
      assertThat(ip.dateTime().instant()).isEqualTo(Instant.parse("2025-08-03T21:40:00Z"));
    });
    assertThat(seller.deviceIds()).singleElement().satisfies(device -> {
      assertThat(device.idType()).isEqualTo("Advertising ID");
      assertThat(device.dateTime()).isNotNull();
    });
    assertThat(seller.groupIdentifier()).isEqualTo("ring-atl-2025-03");
    assertThat(seller.accountTemporarilyDisabled().disabled()).isTrue();
    assertThat(seller.accountTemporarilyDisabled().userNotified()).isTrue();
    assertThat(seller.accountTemporarilyDisabled().reenabledDate().instant())
        .isEqualTo(Instant.parse("2025-08-04T09:00:00Z"));
    assertThat(seller.accountPermanentlyDisabled().disabledDate()).isNotNull();
    assertThat(seller.allEmailsReported()).isTrue();
    assertThat(seller.associatedAccounts()).hasSize(2);
    var billing = seller.associatedAccounts().get(0);
    assertThat(billing.type()).isEqualTo("Billing");
    assertThat(billing.platform()).isEqualTo("Example Pay");
    assertThat(billing.platformThirdPartyUser()).isTrue();
    assertThat(billing.addresses()).singleElement().extracting(CyberTiplineReport.Address::city).isEqualTo("Decatur");
    assertThat(seller.associatedAccounts().get(1).priorCTReports()).containsExactly("90112233");

    Party driver = report.personsOrUsersReported().get(1);
    assertThat(driver.vehicleDescription()).isEqualTo("white SUV with a roof box");
    assertThat(driver.priorCTReports()).containsExactly("90112233", "90115577");

    var estimate = report("report-04-chat-sextortion.xml").personsOrUsersReported().get(0).estimatedLocation();
    assertThat(estimate.city()).isEqualTo("Knoxville");
    assertThat(estimate.region()).isEqualTo("Tennessee");
    assertThat(estimate.countryCode()).isEqualTo("US");
    assertThat(estimate.verified()).isFalse();
    assertThat(estimate.timestamp()).isNotNull();
    assertThat(report("report-08-peer2peer.xml").personsOrUsersReported().get(0).thirdPartyUserReported()).isTrue();
    assertThat(report("report-13-misleading-words.xml").personsOrUsersReported().get(0).profileBio())
        .isEqualTo("Daily game videos for kids!!");
  }

  @Test
  void readsVictimsInSeveralStatesAndIntendedRecipients() {
    CyberTiplineReport trafficking = report("report-09-trafficking-multi.xml");
    assertThat(trafficking.victims()).extracting(victim -> victim.person().addresses().get(0).state())
        .containsExactly("GA", "AL", "TN");
    assertThat(trafficking.victims().get(2).additionalInfo()).singleElement().asString().startsWith("Identified only");

    CyberTiplineReport gaming = report("report-05-online-gaming.xml");
    assertThat(gaming.victims()).singleElement().satisfies(victim -> {
      assertThat(victim.person().addresses().get(0).state()).isEqualTo("OH");
      assertThat(victim.espService()).isEqualTo("Example Arena Online");
      assertThat(victim.person().age()).isEqualTo(12);
    });
    assertThat(gaming.intendedRecipients()).singleElement()
        .satisfies(recipient -> assertThat(recipient.screenName()).isEqualTo("lilbuilder09"));

    CyberTiplineReport international = report("report-15-international.xml");
    assertThat(international.intendedRecipients()).hasSize(2);
    assertThat(international.intendedRecipients().get(0).additionalInfo()).hasSize(2);
    assertThat(international.intendedRecipients().get(0).person().addresses().get(0).nonUsaState()).isEqualTo("Ontario");
    assertThat(international.personsOrUsersReported().get(0).person().phones().get(0).countryCallingCode())
        .isEqualTo("+44");

    var victim = report("report-02-email-enticement.xml").victims().get(0);
    assertThat(victim.person().dateOfBirth()).isEqualTo("2011-01-19");
    assertThat(victim.schoolName()).isEqualTo("Example Middle School");
  }

  @Test
  void readsAnnotationsInAnyOrderCdataCharacterReferencesAndTimesWithoutZone() {
    CyberTiplineReport report = report("report-16-annotations-and-markup.xml");

    assertThat(report.incidentSummary().annotations())
        .containsExactly("spam", "sadisticOnlineExploitation", "minorToMinorInteraction", "sextortion", "csamSolicitation");
    assertThat(report.incidentSummary().platform()).isEqualTo("Example Groups & Pages");
    assertThat(((WebPageIncident) report.internetDetails().get(0)).urls())
        .containsExactly("https://groups.example.com/g/teen-chat?x=1&y=2");
    assertThat(report.personsOrUsersReported().get(0).screenName()).isEqualTo("group_admin_77");
    assertThat(report.personsOrUsersReported().get(0).additionalInfo().get(0)).contains("<reviewer note>");
    XmlDateTime time = report.incidentSummary().incidentDateTime();
    assertThat(time.hasOffset()).isFalse();
    assertThat(time.lexical()).isEqualTo("2025-03-01T09:15:00");
    assertThat(time.instant()).isEqualTo(Instant.parse("2025-03-01T09:15:00Z"));
    assertThat(report("report-10-batched-meme.xml").batchedReportReason()).isEqualTo("VIRAL_POTENTIAL_MEME");
  }

  @Test
  void readsFileDetails() {
    FileDetails file = fileDetails("file-details-01-chat-log.xml");
    assertThat(file.reportId()).isEqualTo("88410231");
    assertThat(file.fileId()).isEqualTo("f-0001");
    assertThat(file.fileName()).isEqualTo("image_0001.jpg");
    assertThat(file.originalFileName()).isEqualTo("IMG_20250312_233512.jpg");
    assertThat(file.uploadedToEspTimestamp().instant()).isEqualTo(Instant.parse("2025-03-12T23:35:40Z"));
    assertThat(file.fileViewedByEsp()).isTrue();
    assertThat(file.exifViewedByEsp()).isFalse();
    assertThat(file.publiclyAvailable()).isFalse();
    assertThat(file.fileRelevance()).isEqualTo("Reported");
    assertThat(file.annotations()).containsExactly("possibleSelfProduction");
    assertThat(file.potentialMeme()).isNull();
    assertThat(file.originalFileHashes()).extracting(FileDetails.Hash::hashType).containsExactly("MD5", "SHA1");
    assertThat(file.ipCaptureEvent().ipAddress()).isEqualTo("2001:db8::42");
    assertThat(file.deviceIds()).hasSize(1);
    assertThat(file.details()).singleElement().satisfies(details -> {
      assertThat(details.type()).isEqualTo("EXIF");
      assertThat(details.pairs()).extracting(FileDetails.NameValue::name).containsExactly("Model", "DateTimeOriginal");
    });
    assertThat(file.additionalInfo()).hasSize(1);

    FileDetails meme = fileDetails("file-details-02-meme.xml");
    assertThat(meme.reportId()).as("xs:long written with sign and zeros").isEqualTo("91100455");
    assertThat(meme.fileId()).as("xs:token collapses whitespace").isEqualTo("vid-2025-10-01-a");
    assertThat(meme.potentialMeme()).isTrue();
    assertThat(meme.annotations()).isEmpty();
    assertThat(meme.industryClassification()).isEqualTo("B2");

    FileDetails minimal = fileDetails("file-details-03-minimal.xml");
    assertThat(minimal.originalFileHashes()).isEmpty();
    assertThat(minimal.fileViewedByEsp()).isNull();
  }

  @Test
  void parseReportRefusesFileDetailsAndTheOtherWayRound() {
    assertThat(parser.parseReport(Fixtures.valid("file-details-03-minimal.xml")))
        .isEqualTo(Parsed.rejected("4100", "/fileDetails", "the root element must be report, not fileDetails"));
    assertThat(parser.parseFileDetails(Fixtures.valid("report-11-minimal.xml")))
        .isInstanceOf(Parsed.Rejected.class);
    assertThat(parser.parseFileDetails(Fixtures.valid("file-details-03-minimal.xml")))
        .isInstanceOf(Parsed.Accepted.class);
  }

  private CyberTiplineReport report(String name) {
    Parsed<CyberTiplineReport> parsed = parser.parseReport(Fixtures.valid(name));
    assertThat(parsed).as(name).isInstanceOf(Parsed.Accepted.class);
    return ((Parsed.Accepted<CyberTiplineReport>) parsed).value();
  }

  private FileDetails fileDetails(String name) {
    Parsed<FileDetails> parsed = parser.parseFileDetails(Fixtures.valid(name));
    assertThat(parsed).as(name).isInstanceOf(Parsed.Accepted.class);
    return ((Parsed.Accepted<FileDetails>) parsed).value();
  }
}
