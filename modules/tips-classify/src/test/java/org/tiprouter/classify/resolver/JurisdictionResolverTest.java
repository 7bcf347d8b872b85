package org.tiprouter.classify.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.contract.LocationRole.CALLER;
import static org.tiprouter.contract.LocationRole.ESP_ESTIMATE;
import static org.tiprouter.contract.LocationRole.INCIDENT;
import static org.tiprouter.contract.LocationRole.RECIPIENT;
import static org.tiprouter.contract.LocationRole.REPORTER;
import static org.tiprouter.contract.LocationRole.SUSPECT;
import static org.tiprouter.contract.LocationRole.VICTIM;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tiprouter.classify.TestDirectories;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AreaKind;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.JurisdictionCandidate;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.Tip;

class JurisdictionResolverTest {

  private static final Instant NOW = Instant.parse("2025-03-14T02:17:05.702Z");
  private static final AgencyDirectory DIRECTORY = TestDirectories.testDirectory();
  private static final LocationPlacer PLACER = new LocationPlacer(TestDirectories.reference());
  private final JurisdictionResolver resolver = new JurisdictionResolver(DIRECTORY, PLACER, "fallback-desk");

  private JurisdictionDecision decide(Tips tip) {
    return resolver.decide(tip.build(), NOW);
  }

  private static List<String> copies(JurisdictionDecision decision) {
    return decision.getAssignments().stream().filter(a -> a.getRole() == AgencyRole.COPY)
        .map(AgencyAssignment::getAgencyId).toList();
  }

  // ---- points, ZIPs, counties ------------------------------------------------------------------

  @Test
  void routesIncidentZipToTheZipAreaAgencyWithTheReasonSpelledOut() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "37902"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getReasons()).contains("incident ZIP 37902 -> county 47093 (Knox, TN) -> knoxville-pd (zip area)");
    assertThat(decision.getLocationEvidence()).isEqualTo("incident ZIP 37902 -> county 47093 (Knox, TN)");
    assertThat(decision.getLocation().getCountyFips()).isEqualTo("47093");
    assertThat(decision.getLocation().getState()).isEqualTo("TN");
    assertThat(decision.getTriageReason()).isNull();
    assertThat(decision.getDirectoryVersion()).startsWith("7+sha256:");
    assertThat(decision.getDecidedAt()).isEqualTo(NOW);
  }

  @Test
  void givesTheWinnersCopiesACopyAndRanksEveryCandidateWithItsReason() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "37902"));

    assertThat(decision.getAssignments()).extracting(AgencyAssignment::getAgencyId, AgencyAssignment::getRole)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("knoxville-pd", AgencyRole.PRIMARY),
            org.assertj.core.groups.Tuple.tuple("tn-icac", AgencyRole.COPY));
    assertThat(decision.getAssignments().get(1).getReason()).isEqualTo("copies of knoxville-pd");
    assertThat(decision.getCandidates()).extracting(JurisdictionCandidate::getAgencyId)
        .containsExactly("knoxville-pd", "fbi-knoxville", "knox-county-so", "tn-icac");
    JurisdictionCandidate sheriff = candidate(decision, "knox-county-so");
    assertThat(sheriff.getAccepted()).isFalse();
    assertThat(sheriff.getAreaKind()).isEqualTo(AreaKind.COUNTY);
    assertThat(sheriff.getAreaRef()).isEqualTo("47093");
    assertThat(sheriff.getReason()).isEqualTo("less specific than the zip area of knoxville-pd");
    assertThat(candidate(decision, "fbi-knoxville").getReason()).isEqualTo("does not accept channel web");
    assertThat(candidate(decision, "tn-icac").getAccepted()).isTrue();
    assertThat(candidate(decision, "knoxville-pd").getAreaRef()).isEqualTo("37902");
  }

  @Test
  void routesIncidentCoordinatesInsideTheCityPolygonToTheCityPolice() {
    JurisdictionDecision decision = decide(Tips.web().coordinates(INCIDENT, 35.9750, -83.9500));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getReasons()).contains(
        "incident coordinates 35.9750,-83.9500 -> county 47093 (Knox, TN) -> knoxville-pd (polygon area areas/knoxville.geojson)");
    assertThat(candidate(decision, "knoxville-pd").getAreaKind()).isEqualTo(AreaKind.GEOJSON);
  }

  @Test
  void prefersTheSmallerOfTwoPolygonsContainingThePoint() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.PHONE).coordinates(INCIDENT, 35.9606, -83.9207).build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("old-city-unit");
    assertThat(candidate(decision, "knoxville-pd").getReason()).contains("tie broken by id")
        .contains("old-city-unit");
  }

  @Test
  void routesPointsJustEitherSideOfTheKnoxBlountCountyLineToTheirOwnSheriff() {
    assertThat(decide(Tips.web().coordinates(INCIDENT, 35.885, -83.95)).getPrimaryAgencyId()).isEqualTo("knox-county-so");
    assertThat(decide(Tips.web().coordinates(INCIDENT, 35.870, -83.95)).getPrimaryAgencyId()).isEqualTo("blount-county-so");
  }

  @Test
  void placesAZipCrossingCountyLinesOnlyInACountyAreaCoveringAllOfThem() {
    JurisdictionDecision decision = decide(Tips.web().zip(VICTIM, "37015"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tri-county-unit");
    assertThat(decision.getLocationEvidence()).isEqualTo("victim ZIP 37015 -> counties 47021 (Cheatham, TN), "
        + "47037 (Davidson, TN), 47125 (Montgomery, TN) -> state TN");
    assertThat(decision.getCandidates()).extracting(JurisdictionCandidate::getAgencyId)
        .doesNotContain("cheatham-county-so");
    assertThat(decision.getLocation().getCountyFips()).isNull();
  }

  @Test
  void fallsBackToTheStateForAZipCrossingCountiesNoAgencyCoversTogether() {
    JurisdictionDecision decision = decide(Tips.web().zip(VICTIM, "37010"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(candidate(decision, "tn-icac").getAreaKind()).isEqualTo(AreaKind.STATE);
  }

  @Test
  void placesACityAndStateInTheCountyHoldingMostOfItsZips() {
    JurisdictionDecision decision = decide(Tips.web().city(VICTIM, "Knoxville", "TN"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knox-county-so");
    assertThat(decision.getLocationEvidence()).matches("victim city Knoxville, TN \\(\\d+ of \\d+ ZIPs\\) -> county 47093 \\(Knox, TN\\)");
    assertThat(copies(decision)).containsExactly("tn-icac");
  }

  @Test
  void triagesACityWithoutStateThatExistsInSeveralStatesAsAmbiguous() {
    JurisdictionDecision decision = decide(Tips.web().at(INCIDENT, Location.newBuilder().setCity("Springfield")));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("national-triage");
    assertThat(decision.getTriageReason()).isEqualTo("AMBIGUOUS_CITY");
    assertThat(decision.getReasons()).anySatisfy(reason -> assertThat(reason)
        .startsWith("incident city Springfield without a state is ambiguous: it exists in"));
    assertThat(decision.getAssignments()).singleElement().satisfies(assignment -> {
      assertThat(assignment.getRole()).isEqualTo(AgencyRole.PRIMARY);
      assertThat(assignment.getReason()).isEqualTo("triage: AMBIGUOUS_CITY");
    });
  }

  @Test
  void placesACountyFipsGivenByTheSource() {
    JurisdictionDecision decision = decide(Tips.web().at(INCIDENT, Location.newBuilder().setCountyFips("47009").setState("TN")));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("blount-county-so");
    assertThat(decision.getLocationEvidence()).isEqualTo("incident county 47009 (Blount, TN)");
  }

  // ---- evidence and role order ------------------------------------------------------------------

  @Test
  void triesCoordinatesBeforeAZipOfTheSameRoleGroup() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "37902").coordinates(VICTIM, 35.870, -83.95));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("blount-county-so");
    assertThat(copies(decision)).containsExactly("knoxville-pd");
  }

  @Test
  void letsAnIncidentZipOutrankSuspectCoordinates() {
    JurisdictionDecision decision = decide(Tips.web().coordinates(SUSPECT, 35.870, -83.95).zip(INCIDENT, "37902"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(copies(decision)).containsExactly("tn-icac", "blount-county-so");
  }

  @Test
  void letsTheIncidentOutrankTheVictimAtTheSameEvidence() {
    JurisdictionDecision decision = decide(Tips.web().zip(VICTIM, "37902").zip(INCIDENT, "30303"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("fulton-county-so");
  }

  @Test
  void skipsAPlacementInsideNoAreaAndSaysSo() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "43215").zip(VICTIM, "37902"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getReasons()).first().isEqualTo("incident ZIP 43215 -> county 39049 (Franklin, OH) -> inside no agency's area");
  }

  // ---- conflicting roles --------------------------------------------------------------------------

  @Test
  void givesTheVictimsJurisdictionThePrimaryAndTheSuspectsACopy() {
    JurisdictionDecision decision = decide(Tips.web().zip(SUSPECT, "37902").zip(VICTIM, "30303"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("fulton-county-so");
    assertThat(copies(decision)).containsExactly("ga-icac", "knoxville-pd");
    assertThat(decision.getAssignments()).filteredOn(a -> a.getAgencyId().equals("knoxville-pd")).singleElement()
        .extracting(AgencyAssignment::getReason).isEqualTo("suspect location -> knoxville-pd (would be primary there)");
    assertThat(decision.getReasons()).contains("suspect ZIP 37902 -> county 47093 (Knox, TN) -> knoxville-pd (zip area): copy");
    assertThat(candidate(decision, "knoxville-pd").getAccepted()).isTrue();
  }

  @Test
  void givesNoCopyForAReporterOrRecipientElsewhere() {
    JurisdictionDecision decision = decide(Tips.web().zip(VICTIM, "37902").zip(RECIPIENT, "30303")
        .zip(REPORTER, "30303"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(copies(decision)).containsExactly("tn-icac");
  }

  // ---- CyberTipline estimates and phone numbers -----------------------------------------------

  @Test
  void routesACyberTiplineReportWithOnlyAnEspEstimateToTheStateTaskForce() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.CYBERTIPLINE)
        .city(ESP_ESTIMATE, "Knoxville", "TN").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(decision.getLocationEvidence()).startsWith("ESP estimate city Knoxville, TN");
    assertThat(candidate(decision, "knox-county-so").getReason()).isEqualTo("does not accept channel cybertipline");
    assertThat(decision.getLocation().getRole()).isEqualTo(ESP_ESTIMATE);
  }

  @Test
  void ranksAnEspEstimateBelowASuspectCity() {
    JurisdictionDecision decision = decide(Tips.web().city(ESP_ESTIMATE, "Knoxville", "TN").zip(SUSPECT, "30303"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("fulton-county-so");
    assertThat(copies(decision)).contains("knox-county-so");
  }

  @Test
  void placesACallerByTheAreaAndExchangeOfTheirNumber() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.PHONE).reporterPhone("+18652150100").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knox-county-so");
    assertThat(decision.getLocationEvidence()).startsWith("caller phone area code 865 -> Knoxville, TN -> county 47093");
    assertThat(decision.getLocation().getRole()).isEqualTo(CALLER);
    assertThat(decision.getReasons()).noneMatch(reason -> reason.contains("2150100"));
  }

  @Test
  void placesACallerWhoseNumberGivesOnlyAStateInThatState() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.PHONE).reporterPhone("+19015550100").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(decision.getLocationEvidence()).isEqualTo("caller phone area code 901 -> Tennessee -> state TN");
  }

  @Test
  void ranksTheCallersAreaCodeBelowAStateOnlyIncident() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.PHONE).reporterPhone("+18652150100")
        .state(INCIDENT, "GA").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("ga-icac");
  }

  // ---- channels -----------------------------------------------------------------------------

  static Stream<Arguments> channels() {
    return Stream.of(
        Arguments.of(Channel.WEB, "knoxville-pd"),
        Arguments.of(Channel.PHONE, "knoxville-pd"),
        Arguments.of(Channel.CYBERTIPLINE, "tn-icac"),
        Arguments.of(Channel.UNKNOWN, "knoxville-pd"));
  }

  @ParameterizedTest
  @MethodSource("channels")
  void picksTheMostSpecificAgencyAcceptingTheTipsChannel(Channel channel, String primary) {
    JurisdictionDecision decision = resolver.decide(Tips.of(channel).zip(INCIDENT, "37902").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo(primary);
  }

  @Test
  void neverMakesAnAgencyThatAcceptsNoChannelPrimaryButStillCopiesToIt() {
    for (Channel channel : Channel.values()) {
      JurisdictionDecision decision = resolver.decide(Tips.of(channel).coordinates(INCIDENT, 35.885, -83.95).build(), NOW);
      assertThat(decision.getPrimaryAgencyId()).isNotEqualTo("fbi-knoxville");
    }
  }

  @Test
  void triagesWhenAgenciesCoverThePlaceButNoneAcceptsTheChannel() {
    JurisdictionDecision decision = resolver.decide(Tips.of(Channel.WEB).state(INCIDENT, "AL").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("national-triage");
    assertThat(decision.getTriageReason()).isEqualTo("NO_AGENCY_FOR_CHANNEL");
    assertThat(candidate(decision, "al-hotline").getAccepted()).isFalse();
    assertThat(candidate(decision, "national-triage").getReason()).isEqualTo("triage agency");
  }

  // ---- ties --------------------------------------------------------------------------------------

  @Test
  void breaksATieBetweenEquallySpecificAreasByAgencyId() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "38103"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("a-shelby-unit");
    assertThat(candidate(decision, "b-shelby-unit").getReason())
        .isEqualTo("as specific as the county area of a-shelby-unit; tie broken by id");
  }

  // ---- triage ------------------------------------------------------------------------------------

  @Test
  void triagesATipWithoutAnyLocation() {
    JurisdictionDecision decision = decide(Tips.web());

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("national-triage");
    assertThat(decision.getTriageReason()).isEqualTo("NO_LOCATION");
    assertThat(decision.getReasons()).containsExactly("no location in the tip -> national-triage (triage)");
    assertThat(decision.getLocation()).isNull();
    assertThat(decision.getLocationEvidence()).isNull();
  }

  @Test
  void triagesATipWhoseLocationsCannotBePlacedAsNoLocation() {
    JurisdictionDecision decision = decide(Tips.web().zip(INCIDENT, "00000")
        .at(VICTIM, Location.newBuilder().setCity("Nowhereville")));

    assertThat(decision.getTriageReason()).isEqualTo("NO_LOCATION");
    assertThat(decision.getReasons()).containsExactly("incident ZIP 00000 is not a known US ZIP code",
        "victim city Nowhereville is not a known US city", "no location in the tip could be placed -> national-triage (triage)");
  }

  @Test
  void fallsBackToTheStateWhenTheCityIsUnknownThere() {
    JurisdictionDecision decision = decide(Tips.web().city(VICTIM, "Nowhereville", "TN"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(decision.getReasons()).containsExactly("victim city Nowhereville, TN is not a known city of TN",
        "victim state TN -> tn-icac (state area)");
  }

  @Test
  void triagesAPlaceNoAgencyCoversAsOutsideAllAreas() {
    JurisdictionDecision decision = decide(Tips.web().state(INCIDENT, "OH"));

    assertThat(decision.getTriageReason()).isEqualTo("OUTSIDE_ALL_AREAS");
    assertThat(decision.getReasons()).containsExactly("incident state OH -> inside no agency's area",
        "no agency's area contains the tip's places -> national-triage (triage)");
  }

  @Test
  void triagesALocationAbroadAsOutsideAllAreas() {
    JurisdictionDecision decision = decide(Tips.web().at(INCIDENT, Location.newBuilder().setCity("Kingston")
        .setRegion("Ontario").setCountry("CA")));

    assertThat(decision.getTriageReason()).isEqualTo("OUTSIDE_ALL_AREAS");
    assertThat(decision.getReasons()).first().isEqualTo("incident location in CA is outside the United States");
  }

  @Test
  void sendsEveryTipToTheFallbackAgencyWhenNoDirectoryIsLoaded() {
    JurisdictionDecision decision = new JurisdictionResolver(null, PLACER, "fallback-desk")
        .decide(Tips.web().zip(INCIDENT, "37902").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("fallback-desk");
    assertThat(decision.getTriageReason()).isEqualTo("NO_DIRECTORY");
    assertThat(decision.getDirectoryVersion()).isNull();
    assertThat(decision.getReasons()).containsExactly("no agency directory loaded -> fallback-desk (fallback triage agency)");
  }

  @Test
  void usesTheFallbackAgencyWhenTheDirectoryNamesNoTriageAgency() {
    List<Agency> records = DIRECTORY.toRecords().stream().filter(agency -> !agency.getTriage()).toList();
    JurisdictionDecision decision = new JurisdictionResolver(AgencyDirectory.fromRecords(records).directory(), PLACER,
        "fallback-desk").decide(Tips.web().build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("fallback-desk");
    assertThat(decision.getReasons()).containsExactly(
        "no location in the tip -> fallback-desk (fallback triage agency: the directory names none)");
  }

  @Test
  void skipsACopyToAnAgencyNoLongerInTheDirectory() {
    List<Agency> records = DIRECTORY.toRecords().stream().filter(agency -> !agency.getAgencyId().equals("tn-icac")).toList();
    JurisdictionDecision decision = new JurisdictionResolver(AgencyDirectory.fromRecords(records).directory(), PLACER,
        "fallback-desk").decide(Tips.web().zip(INCIDENT, "37902").build(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(copies(decision)).isEmpty();
    assertThat(decision.getReasons()).contains("knoxville-pd copies tn-icac, which is not in the directory: no copy");
  }

  // ---- the contract fixture and determinism ----------------------------------------------------

  @Test
  void routesTheContractFixturesCyberTiplineReportToTheStateTaskForceOnItsIncidentCoordinates() {
    JurisdictionDecision decision = resolver.decide(ContractFixtures.tip(), NOW);

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(decision.getLocationEvidence()).isEqualTo("incident coordinates 35.9606,-83.9207 -> county 47093 (Knox, TN)");
    assertThat(decision.getReasons()).contains("recipient location in CA is outside the United States");
  }

  @Test
  void decidesTheSameWayEveryTimeAndFromTheDirectorysRecordsAsFromItsFile() {
    Tip tip = Tips.web().zip(SUSPECT, "37902").zip(VICTIM, "30303").coordinates(INCIDENT, 35.870, -83.95).build();
    JurisdictionResolver fromRecords = new JurisdictionResolver(
        AgencyDirectory.fromRecords(DIRECTORY.toRecords()).directory(), PLACER, "fallback-desk");

    assertThat(resolver.decide(tip, NOW)).isEqualTo(resolver.decide(tip, NOW)).isEqualTo(fromRecords.decide(tip, NOW));
  }

  private static JurisdictionCandidate candidate(JurisdictionDecision decision, String agencyId) {
    return decision.getCandidates().stream().filter(c -> c.getAgencyId().equals(agencyId)).findFirst()
        .orElseThrow(() -> new AssertionError(agencyId + " not among " + decision.getCandidates()));
  }
}
