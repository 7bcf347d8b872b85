package org.tiprouter.formats.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.formats.Parsed;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** CyberTipline reports and file details as canonical Tips. */
class CyberTiplineTipMapperTest {

  private static final UUID TIP_ID = UUID.fromString("3f1c2a9e-7b4d-4e0a-9c61-2d8e5f0a7b13");
  private static final Instant RECEIVED_AT = Instant.parse("2025-03-14T02:17:05.123Z");
  private static final Instant NORMALISED_AT = Instant.parse("2025-03-14T02:17:05.481Z");

  private final CyberTiplineReportParser parser = new CyberTiplineReportParser();
  private final CyberTiplineTipMapper mapper = new CyberTiplineTipMapper();

  @Test
  void mapsIncidentTypeAnnotationsEscalationAndTheReportId() {
    Tip tip = tip("report-04-chat-sextortion.xml");

    assertThat(tip.getTipId()).isEqualTo(TIP_ID);
    assertThat(tip.getChannel()).hasToString("CYBERTIPLINE");
    assertThat(tip.getIncident().getTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION);
    assertThat(tip.getIncident().getOccurredAt()).isEqualTo(Instant.parse("2025-03-12T23:40:00Z"));
    assertThat(tip.getIncident().getOccurredAtDescription()).isEqualTo("Messages continued over three evenings");
    assertThat(tip.getIncident().getPlatform()).isEqualTo("Example Chat");
    assertThat(tip.getIncident().getNarrative()).startsWith("Adult user asked a 13-year-old");
    assertThat(tip.getUrgency().getEscalated()).isTrue();
    assertThat(tip.getUrgency().getReason())
        .isEqualTo("User threatened to share images with the child's classmates within 24 hours");
    assertThat(tip.getExternalIds()).extracting(id -> tuple(id.getKind(), id.getValue()))
        .containsExactly(tuple("CYBERTIPLINE_REPORT_ID", "88410231"), tuple("CYBERTIPLINE_PRIOR_REPORT_ID", "87002219"));
    assertThat(facts(tip)).contains("incidentSummary.reportAnnotations.sextortion=true",
        "personOrUserReported[0].vehicleDescription=silver hatchback", "victim[0].schoolName=Example Middle School");
  }

  @Test
  void mapsEveryNcmecIncidentTypeToTheCanonicalTaxonomy() {
    assertThat(List.of(CyberTiplineIncidentType.values())).extracting(CyberTiplineIncidentType::canonical)
        .containsExactly(IncidentType.CHILD_SEXUAL_ABUSE_MATERIAL, IncidentType.CHILD_SEX_TRAFFICKING,
            IncidentType.CHILD_SEX_TOURISM, IncidentType.CHILD_SEXUAL_MOLESTATION, IncidentType.MISLEADING_DOMAIN_NAME,
            IncidentType.MISLEADING_WORDS_OR_IMAGES, IncidentType.ONLINE_ENTICEMENT,
            IncidentType.UNSOLICITED_OBSCENE_MATERIAL_TO_CHILD);
    assertThat(tip("report-12-misleading-domain.xml").getIncident().getTypes())
        .containsExactly(IncidentType.MISLEADING_DOMAIN_NAME);
    assertThat(tip("report-13-misleading-words.xml").getIncident().getTypes())
        .containsExactly(IncidentType.MISLEADING_WORDS_OR_IMAGES);
    assertThat(tip("report-07-non-internet.xml").getIncident().getTypes())
        .containsExactly(IncidentType.CHILD_SEXUAL_MOLESTATION);
    assertThat(tip("report-11-minimal.xml").getUrgency().getEscalated()).isFalse();
    assertThat(tip("report-11-minimal.xml").getUrgency().getReason()).isNull();
  }

  @Test
  void mapsPeopleWithTheirIdentifiersAndPlaces() {
    Tip tip = tip("report-04-chat-sextortion.xml");

    assertThat(tip.getSuspects()).singleElement().satisfies(suspect -> {
      assertThat(suspect.getName()).isEqualTo("Jordan Placeholder");
      assertThat(suspect.getNotes()).isEqualTo("Vehicle: silver hatchback");
    });
    assertThat(tip.getVictims()).singleElement().satisfies(victim -> {
      assertThat(victim.getName()).isEqualTo("Riley Example");
      assertThat(victim.getAge()).isEqualTo(13);
      assertThat(victim.getDateOfBirth()).isEqualTo("2011-09-02");
      assertThat(victim.getNotes()).isEqualTo("School: Example Middle School");
    });
    assertThat(tip.getIdentifiers()).extracting(id -> tuple(id.getKind(), id.getValue(), id.getService(),
            id.getSubjectRole(), id.getSubjectIndex(), id.getSource()))
        .containsExactly(
            tuple(IdentifierKind.EMAIL, "jordan.placeholder@example.com", null, SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].personOrUserReportedPerson.email[0]"),
            tuple(IdentifierKind.ESP_USER_ID, "1009876543", "Example Chat", SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].espIdentifier"),
            tuple(IdentifierKind.USERNAME, "shadowfox_77", "Example Chat", SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].screenName"),
            tuple(IdentifierKind.URL, "https://chat.example.com/u/shadowfox_77", null, SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].profileUrl[0]"),
            tuple(IdentifierKind.IP, "2001:db8::42", null, SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].ipCaptureEvent[0]"),
            tuple(IdentifierKind.DEVICE_ID, "IMEI:356938035643809", null, SubjectRole.SUSPECT, 0,
                "personOrUserReported[0].deviceId[0]"),
            tuple(IdentifierKind.USERNAME, "riley.e", "Example Chat", SubjectRole.VICTIM, 0, "victim[0].screenName"));
    Identifier email = tip.getIdentifiers().get(0);
    assertThat(email.getOriginal()).isEqualTo("Jordan.Placeholder@Example.com");
    assertThat(tip.getIdentifiers().get(2).getOriginal()).isEqualTo("@shadowfox_77");
    Identifier ip = tip.getIdentifiers().get(4);
    assertThat(ip.getOriginal()).isEqualTo("2001:0db8:0000::0042");
    assertThat(ip.getCapture().getCapturedAt()).isEqualTo(Instant.parse("2025-03-12T23:38:12Z"));
    assertThat(ip.getCapture().getEvent()).isEqualTo("Login");

    assertThat(tip.getLocations()).extracting(Location::getRole, Location::getPrecision, Location::getSubjectIndex,
            Location::getCity, Location::getState, Location::getZip, Location::getCountry, Location::getSource)
        .containsExactly(
            tuple(LocationRole.IP, LocationPrecision.UNKNOWN, null, null, null, null, null,
                "personOrUserReported[0].ipCaptureEvent[0]"),
            tuple(LocationRole.ESP_ESTIMATE, LocationPrecision.CITY, 0, "Knoxville", "TN", null, "US",
                "personOrUserReported[0].estimatedLocation"),
            tuple(LocationRole.VICTIM, LocationPrecision.STREET, 0, "Knoxville", "TN", "37902", "US",
                "victim[0].victimPerson.address[0]"));
    assertThat(tip.getLocations().get(0).getOriginal()).isEqualTo("2001:db8::42");
    assertThat(tip.getLocations().get(1).getOriginal()).isEqualTo("Knoxville, Tennessee, US");
    assertThat(tip.getLocations().get(2).getStreet()).isEqualTo("100 Example Ave");
  }

  @Test
  void theReporterIsAnEspWhoseContactDetailsAreNeverIdentifiers() {
    Tip tip = tip("report-04-chat-sextortion.xml");

    assertThat(tip.getReporter().getKind()).isEqualTo(ReporterKind.ESP);
    assertThat(tip.getReporter().getAnonymous()).isFalse();
    assertThat(tip.getReporter().getName()).isEqualTo("Casey Reviewer");
    assertThat(tip.getReporter().getEmail()).isEqualTo("cybertip-reports@example.com");
    assertThat(tip.getReporter().getPhone()).isEqualTo("+12025550187");
    assertThat(tip.getIdentifiers()).noneMatch(id -> id.getSubjectRole() == SubjectRole.REPORTER);

    Tip withAddress = tip("report-09-trafficking-multi.xml");
    assertThat(withAddress.getLocations()).filteredOn(location -> location.getRole() == LocationRole.REPORTER)
        .singleElement().satisfies(office -> {
          assertThat(office.getZip()).isEqualTo("02110");
          assertThat(office.getSource()).isEqualTo("reporter.reportingPerson.address[0]");
        });
  }

  @Test
  void mapsCellPhoneCoordinatesAndPhonesToPlaces() {
    Tip tip = tip("report-06-cell-phone.xml");

    assertThat(tip.getLocations()).extracting(Location::getRole, Location::getPrecision, Location::getSubjectIndex,
            Location::getLatitude, Location::getLongitude, Location::getOriginal, Location::getSource)
        .containsExactly(
            tuple(LocationRole.INCIDENT, LocationPrecision.AREA_CODE, null, null, null, "+18655550142",
                "internetDetails[0].cellPhoneIncident.phoneNumber"),
            tuple(LocationRole.INCIDENT, LocationPrecision.COORDINATES, null, 35.9606, -83.9207, null,
                "internetDetails[0].cellPhoneIncident"),
            tuple(LocationRole.SUSPECT, LocationPrecision.AREA_CODE, 0, null, null, "+18655550142",
                "personOrUserReported[0].personOrUserReportedPerson.phone[0]"),
            tuple(LocationRole.VICTIM, LocationPrecision.AREA_CODE, 0, null, null, "+18655550199",
                "victim[0].victimPerson.phone[0]"));
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getKind() == IdentifierKind.PHONE)
        .extracting(Identifier::getValue, Identifier::getOriginal, Identifier::getSubjectRole)
        .containsExactly(tuple("+18655550142", "(865) 555-0142", SubjectRole.UNKNOWN),
            tuple("+18655550142", "(865) 555-0142", SubjectRole.SUSPECT),
            tuple("+18655550199", "+1 865 555 0199", SubjectRole.VICTIM));
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getKind() == IdentifierKind.DEVICE_ID)
        .extracting(Identifier::getValue, id -> id.getCapture() == null ? null : id.getCapture().getEvent())
        .containsExactly(tuple("IMEI:490154203237518", "Other"), tuple("ICCID:8901260222193581234", null));
    assertThat(tip.getUrgency().getReason()).isEqualTo("Sender says he is outside the child's school now");
  }

  @Test
  void mapsTheIncidentAddressWithItsPlaceNameAndTheOfficerAsOtherPlaces() {
    Tip tip = tip("report-07-non-internet.xml");

    assertThat(tip.getLocations()).filteredOn(location -> location.getRole() == LocationRole.INCIDENT)
        .singleElement().satisfies(home -> {
          assertThat(home.getPrecision()).isEqualTo(LocationPrecision.STREET);
          assertThat(home.getStreet()).isEqualTo("4417 Placeholder Lane, Apt 2");
          assertThat(home.getZip()).isEqualTo("80012");
          assertThat(home.getState()).isEqualTo("CO");
          assertThat(home.getOriginal()).isEqualTo("Family home, ground-floor apartment");
          assertThat(home.getSource()).isEqualTo("internetDetails[0].nonInternetIncident.incidentAddress[0]");
        });
    assertThat(tip.getLocations()).filteredOn(location -> location.getRole() == LocationRole.OTHER)
        .extracting(Location::getSource).containsExactly("lawEnforcement.officerContact.address[0]");
    assertThat(tip.getVictims()).extracting(org.tiprouter.contract.Person::getName)
        .containsExactly("Jamie Example", "Drew Example");
    assertThat(facts(tip)).contains("lawEnforcement.agencyName=Example County Sheriff's Office",
        "lawEnforcement.caseNumber=ECSO-25-018832", "lawEnforcement.reportedToLe=true",
        "internetDetails[0].nonInternetIncident.additionalInfo=The child wrote to our support chat from a shared family tablet.");
    assertThat(tip.getUrgency().getEscalated()).isTrue();
  }

  @Test
  void indexesSeveralSuspectsAndVictimsInDifferentStates() {
    Tip tip = tip("report-09-trafficking-multi.xml");

    assertThat(tip.getSuspects()).extracting(org.tiprouter.contract.Person::getName)
        .containsExactly("Kim Placeholder", "Reese Sample");
    assertThat(tip.getVictims()).hasSize(3);
    assertThat(tip.getLocations()).filteredOn(location -> location.getRole() == LocationRole.VICTIM)
        .extracting(Location::getSubjectIndex, Location::getCity, Location::getState)
        .containsExactly(tuple(0, "Atlanta", "GA"), tuple(1, "Birmingham", "AL"), tuple(2, "Chattanooga", "TN"));
    assertThat(tip.getLocations()).filteredOn(location -> location.getRole() == LocationRole.SUSPECT)
        .extracting(Location::getSubjectIndex, Location::getPrecision, Location::getCity, Location::getSource)
        .containsExactly(
            tuple(0, LocationPrecision.AREA_CODE, null, "personOrUserReported[0].personOrUserReportedPerson.phone[0]"),
            tuple(0, LocationPrecision.CITY, "Atlanta", "personOrUserReported[0].personOrUserReportedPerson.address[0]"),
            tuple(0, LocationPrecision.AREA_CODE, null, "personOrUserReported[0].associatedAccount[0].phone[0]"),
            tuple(0, LocationPrecision.STREET, "Decatur", "personOrUserReported[0].associatedAccount[0].address[0]"),
            tuple(1, LocationPrecision.AREA_CODE, null, "personOrUserReported[1].personOrUserReportedPerson.phone[0]"));
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getSource().contains("associatedAccount"))
        .extracting(Identifier::getKind, Identifier::getValue, Identifier::getService, Identifier::getSubjectIndex)
        .containsExactly(
            tuple(IdentifierKind.PHONE, "+14045550175", null, 0),
            tuple(IdentifierKind.EMAIL, "k.placeholder.pay@example.net", null, 0),
            tuple(IdentifierKind.ESP_USER_ID, "pay-991-2201", "Example Pay", 0),
            tuple(IdentifierKind.IP, "198.51.100.77", null, 0),
            tuple(IdentifierKind.ESP_USER_ID, "chat-20881", "Example Chat", 0),
            tuple(IdentifierKind.USERNAME, "atl_vip_bookings", "Example Chat", 0));
    assertThat(tip.getExternalIds()).filteredOn(id -> id.getKind().equals("CYBERTIPLINE_PRIOR_REPORT_ID"))
        .extracting(org.tiprouter.contract.ExternalId::getValue).containsExactly("90112233", "90115577");
    assertThat(tip.getIncident().getTypes()).containsExactly(IncidentType.CHILD_SEX_TRAFFICKING, IncidentType.SEXTORTION);
    assertThat(facts(tip)).contains("personOrUserReported[0].displayName[1]=ATL Models",
        "personOrUserReported[0].accountTemporarilyDisabled=true",
        "personOrUserReported[0].accountTemporarilyDisabled.reenabledDate=2025-08-04T09:00:00Z",
        "personOrUserReported[0].associatedAccount[0].type=Billing",
        "personOrUserReported[0].groupIdentifier=ring-atl-2025-03");
  }

  @Test
  void mapsPlacesAbroadWithRegionAndCountry() {
    Tip tourism = tip("report-14-sex-tourism.xml");
    assertThat(tourism.getLocations()).filteredOn(location -> location.getRole() == LocationRole.INCIDENT)
        .singleElement().satisfies(place -> {
          assertThat(place.getPrecision()).isEqualTo(LocationPrecision.CITY);
          assertThat(place.getRegion()).isEqualTo("Example Province");
          assertThat(place.getCountry()).isEqualTo("PH");
          assertThat(place.getState()).isNull();
          assertThat(place.getOriginal()).isEqualTo("Guesthouse near the beach");
        });

    Tip international = tip("report-15-international.xml");
    assertThat(international.getIdentifiers()).filteredOn(id -> id.getKind() == IdentifierKind.PHONE)
        .singleElement().extracting(Identifier::getValue).isEqualTo("+447700900123");
    assertThat(international.getLocations()).extracting(Location::getRole, Location::getPrecision,
            Location::getSubjectIndex, Location::getCity, Location::getState, Location::getRegion, Location::getZip,
            Location::getCountry)
        .containsExactly(
            tuple(LocationRole.SUSPECT, LocationPrecision.COUNTRY, 0, null, null, null, null, "GB"),
            tuple(LocationRole.SUSPECT, LocationPrecision.CITY, 0, "Leeds", null, "West Yorkshire", null, "GB"),
            tuple(LocationRole.IP, LocationPrecision.UNKNOWN, null, null, null, null, null, null),
            tuple(LocationRole.RECIPIENT, LocationPrecision.CITY, 0, "Kingston", null, "Ontario", null, "CA"),
            tuple(LocationRole.RECIPIENT, LocationPrecision.CITY, 1, "Burlington", "VT", null, null, "US"));
    assertThat(international.getRecipients()).extracting(org.tiprouter.contract.Person::getAge).containsExactly(15, 14);
    assertThat(facts(international)).contains("personOrUserReported[0].personOrUserReportedPerson.address[0].zipCode=LS1 4AP",
        "lawEnforcement.servedLegalProcessInternational=true",
        "lawEnforcement.servedLegalProcessInternational.fleaCountry=GB",
        "intendedRecipient[0].additionalInfo[1]=Blocked the sender and reported him.");
  }

  @Test
  void keepsEveryAnnotationAndATimeWithoutZone() {
    Tip tip = tip("report-16-annotations-and-markup.xml");

    assertThat(tip.getIncident().getTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION);
    assertThat(tip.getIncident().getOccurredAt()).isEqualTo(Instant.parse("2025-03-01T09:15:00Z"));
    assertThat(facts(tip)).contains("incidentSummary.incidentDateTime=2025-03-01T09:15:00",
        "incidentSummary.reportAnnotations.spam=true",
        "incidentSummary.reportAnnotations.sadisticOnlineExploitation=true",
        "incidentSummary.reportAnnotations.minorToMinorInteraction=true",
        "incidentSummary.reportAnnotations.csamSolicitation=true");
    assertThat(tip.getIdentifiers()).extracting(Identifier::getKind, Identifier::getValue).containsExactly(
        tuple(IdentifierKind.URL, "https://groups.example.com/g/teen-chat?x=1&y=2"),
        tuple(IdentifierKind.USERNAME, "group_admin_77"));
    assertThat(tip("report-10-batched-meme.xml").getIncident().getRemainder())
        .extracting(RemainderFact::getPath).contains("batchedReport.reason");
  }

  @Test
  void attachesFileDetailsAsAReferenceWithHashesAndHandlingFlags() {
    Tip tip = mapper.withFileDetails(tip("report-04-chat-sextortion.xml"), fileDetails("file-details-01-chat-log.xml"));

    assertThat(tip.getAttachments()).singleElement().satisfies(file -> {
      assertThat(file.getFileId()).isEqualTo("f-0001");
      assertThat(file.getFileName()).isEqualTo("image_0001.jpg");
      assertThat(file.getHashes()).extracting(hash -> tuple(hash.getHashType(), hash.getValue())).containsExactly(
          tuple("MD5", "9e107d9d372bb6826bd81d3542a419d6"), tuple("SHA1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"));
      assertThat(file.getViewedByEsp()).isTrue();
      assertThat(file.getPubliclyAvailable()).isFalse();
      assertThat(file.getAnnotations()).containsExactly("possibleSelfProduction");
    });
    assertThat(tip.getIdentifiers()).filteredOn(id -> id.getKind() == IdentifierKind.FILE_HASH)
        .extracting(Identifier::getValue, Identifier::getHashType, Identifier::getSource)
        .containsExactly(
            tuple("9e107d9d372bb6826bd81d3542a419d6", "MD5", "fileDetails[f-0001].originalFileHash[0]"),
            tuple("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "SHA1", "fileDetails[f-0001].originalFileHash[1]"));
    assertThat(tip.getExternalIds()).extracting(org.tiprouter.contract.ExternalId::getKind)
        .containsExactly("CYBERTIPLINE_REPORT_ID", "CYBERTIPLINE_PRIOR_REPORT_ID", "CYBERTIPLINE_FILE_ID");
    assertThat(facts(tip)).contains("fileDetails[f-0001].details[0].nameValuePair[0].value=Example Phone 12",
        "fileDetails[f-0001].exifViewedByEsp=false");
    assertThat(facts(tip)).noneMatch(fact -> fact.startsWith("fileDetails[f-0001].reportId"));

    Tip meme = mapper.withFileDetails(tip("report-10-batched-meme.xml"), fileDetails("file-details-02-meme.xml"));
    assertThat(meme.getAttachments()).singleElement().satisfies(file -> {
      assertThat(file.getViewedByEsp()).isFalse();
      assertThat(file.getPubliclyAvailable()).isTrue();
      assertThat(file.getAnnotations()).containsExactly("potentialMeme");
      assertThat(file.getHashes()).extracting(hash -> tuple(hash.getHashType(), hash.getValue())).containsExactly(
          tuple("SHA256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
          tuple("PDNA", "AQIDBAUGBwgJCgsMDQ4PEA=="));
    });
    assertThat(facts(meme)).contains("fileDetails[vid-2025-10-01-a].reportId=91100455",
        "fileDetails[vid-2025-10-01-a].industryClassification=B2");
  }

  static List<Path> validReports() {
    return Fixtures.validReports();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validReports")
  void everyReportMapsToAValidTipThatKeepsEverythingTheReportSaid(Path file) throws Exception {
    byte[] document = Files.readAllBytes(file);
    Tip tip = mapper.toTip(parse(document), header());

    assertThat(Tip.getEncoder().encode(tip).remaining()).as("encodes with the Avro schema").isPositive();
    assertThat(tip.getIncident().getTypes()).isNotEmpty();
    String everything = tip.toString().toLowerCase(Locale.ROOT);
    for (String value : leafValues(document)) {
      assertThat(everything).as("%s keeps '%s'", file.getFileName(), value).contains(value.toLowerCase(Locale.ROOT));
    }
  }

  @Test
  void fileDetailsKeepEverythingTheySaid() throws Exception {
    for (String name : List.of("file-details-01-chat-log.xml", "file-details-02-meme.xml",
        "file-details-03-minimal.xml")) {
      FileDetails file = fileDetails(name);
      Tip base = mapper.toTip(parse(Fixtures.valid("report-11-minimal.xml")), header());
      Tip tip = mapper.withFileDetails(base, file);
      assertThat(Tip.getEncoder().encode(tip).remaining()).isPositive();
      String everything = tip.toString().toLowerCase(Locale.ROOT);
      for (String value : leafValues(Fixtures.valid(name))) {
        assertThat(everything).as("%s keeps '%s'", name, value).contains(value.toLowerCase(Locale.ROOT));
      }
    }
  }

  /**
   * Every text and attribute value of a document, as it should appear somewhere in the Tip: dates
   * as the instant they denote, booleans and numbers in their canonical form, the incident type
   * left out (it becomes the canonical type, tested above).
   */
  private static List<String> leafValues(byte[] document) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(document)).getDocumentElement();
    List<String> values = new ArrayList<>();
    collect(root, values);
    return values;
  }

  private static void collect(Element element, List<String> values) {
    for (int i = 0; i < element.getAttributes().getLength(); i++) {
      Attr attribute = (Attr) element.getAttributes().item(i);
      if (attribute.getNamespaceURI() == null) {
        values.add(canonical(attribute.getValue()));
      }
    }
    NodeList children = element.getChildNodes();
    boolean hasElements = false;
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
        hasElements = true;
        collect((Element) children.item(i), values);
      }
    }
    String text = element.getTextContent().strip();
    if (!hasElements && !text.isEmpty() && !element.getLocalName().equals("incidentType")) {
      values.add(canonical(text));
    }
  }

  private static String canonical(String value) {
    String collapsed = value.strip().replaceAll("\\s+", " ");
    XmlDateTime time = XmlDateTime.parse(collapsed);
    if (time != null && time.hasOffset()) {
      return time.instant().toString();
    }
    if (collapsed.equals("1")) {
      return "true";
    }
    if (collapsed.equals("0")) {
      return "false";
    }
    if (collapsed.matches("\\+?0*[0-9]+") && collapsed.length() > 1) {
      return Long.toString(Long.parseLong(collapsed.replace("+", "")));
    }
    return collapsed;
  }

  private static List<String> facts(Tip tip) {
    return tip.getIncident().getRemainder().stream().map(fact -> fact.getPath() + "=" + fact.getValue()).toList();
  }

  private Tip tip(String name) {
    return mapper.toTip(parse(Fixtures.valid(name)), header());
  }

  private CyberTiplineReport parse(byte[] document) {
    Parsed<CyberTiplineReport> parsed = parser.parseReport(document);
    assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
    return ((Parsed.Accepted<CyberTiplineReport>) parsed).value();
  }

  private FileDetails fileDetails(String name) {
    Parsed<FileDetails> parsed = parser.parseFileDetails(Fixtures.valid(name));
    assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
    return ((Parsed.Accepted<FileDetails>) parsed).value();
  }

  private static CyberTiplineTipMapper.TipHeader header() {
    Provenance provenance = Provenance.newBuilder().setRawTopic("tips.raw.cybertipline.v1").setRawPartition(2)
        .setRawOffset(41_873L).setPayloadSha256("0".repeat(64)).setContentType("text/xml")
        .setSource("ingest-cybertipline").build();
    return new CyberTiplineTipMapper.TipHeader(TIP_ID, RECEIVED_AT, NORMALISED_AT, provenance, "88410231");
  }
}
