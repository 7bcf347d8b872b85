package org.tiprouter.classify.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tiprouter.classify.TestDirectories;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.Tip;

/** Properties of every decision, over generated tips: one PRIMARY, no duplicates, determinism. */
class JurisdictionResolverPropertiesTest {

  private static final Instant NOW = Instant.parse("2025-03-14T02:17:05.702Z");
  private static final AgencyDirectory DIRECTORY = TestDirectories.testDirectory();
  private static final JurisdictionResolver RESOLVER = new JurisdictionResolver(DIRECTORY,
      new LocationPlacer(TestDirectories.reference()), "fallback-desk");

  @Property(tries = 400)
  void everyTipGetsExactlyOnePrimaryThatIsThePrimaryAgency(@ForAll("tips") Tip tip) {
    JurisdictionDecision decision = RESOLVER.decide(tip, NOW);

    List<AgencyAssignment> primaries = decision.getAssignments().stream()
        .filter(assignment -> assignment.getRole() == AgencyRole.PRIMARY).toList();
    assertThat(primaries).singleElement().extracting(AgencyAssignment::getAgencyId)
        .isEqualTo(decision.getPrimaryAgencyId());
    assertThat(decision.getAssignments().get(0).getRole()).isEqualTo(AgencyRole.PRIMARY);
    assertThat(decision.getAssignments()).extracting(AgencyAssignment::getAgencyId).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(DIRECTORY.agency(id)).isPresent());
    assertThat(decision.getTriageReason() != null).isEqualTo(decision.getPrimaryAgencyId().equals("national-triage"));
    assertThat(decision.getReasons()).isNotEmpty().allSatisfy(reason -> assertThat(reason).isNotBlank());
  }

  @Property(tries = 200)
  void theSameTipAndDirectoryAlwaysGiveTheSameDecision(@ForAll("tips") Tip tip) {
    JurisdictionResolver fresh = new JurisdictionResolver(AgencyDirectory.fromRecords(DIRECTORY.toRecords()).directory(),
        new LocationPlacer(TestDirectories.reference()), "fallback-desk");

    assertThat(RESOLVER.decide(tip, NOW)).isEqualTo(RESOLVER.decide(tip, NOW)).isEqualTo(fresh.decide(tip, NOW));
  }

  @Provide
  Arbitrary<Tip> tips() {
    Arbitrary<List<Location>> locations = location().list().ofMaxSize(4);
    Arbitrary<String> phone = Arbitraries.of("+18652150100", "+19015550100", "+14045550100", "+12025550187",
        "+442079460000", "not a number").injectNull(0.6);
    return Combinators.combine(Arbitraries.of(Channel.class), locations, phone).as((channel, list, number) ->
        Tip.newBuilder(ContractFixtures.tip()).setChannel(channel).setLocations(list).setIdentifiers(List.of())
            .setReporter(number == null ? null
                : Reporter.newBuilder().setKind(ReporterKind.PUBLIC).setAnonymous(false).setPhone(number).build())
            .build());
  }

  private Arbitrary<Location> location() {
    Arbitrary<LocationRole> role = Arbitraries.of(LocationRole.class);
    Arbitrary<Location.Builder> coordinates = Combinators.combine(Arbitraries.doubles().between(30.0, 37.5),
        Arbitraries.doubles().between(-91.0, -80.0)).as((lat, lon) -> Location.newBuilder()
        .setPrecision(LocationPrecision.COORDINATES).setLatitude(lat).setLongitude(lon));
    Arbitrary<Location.Builder> zip = Arbitraries.of("37902", "37915", "37015", "37010", "30303", "38103", "43215",
        "35203", "00000", "3790", "37902-1234").map(z -> Location.newBuilder().setPrecision(LocationPrecision.ZIP).setZip(z));
    Arbitrary<Location.Builder> city = Combinators.combine(
        Arbitraries.of("Knoxville", "Memphis", "Springfield", "Atlanta", "Nowhereville", "Maryville"),
        Arbitraries.of("TN", "GA", "AL", "OH", "Tennessee", "ZZ").injectNull(0.3))
        .as((name, state) -> Location.newBuilder().setPrecision(LocationPrecision.CITY).setCity(name).setState(state));
    Arbitrary<Location.Builder> state = Arbitraries.of("TN", "GA", "AL", "OH", "PR", "DC")
        .map(code -> Location.newBuilder().setPrecision(LocationPrecision.STATE).setState(code));
    Arbitrary<Location.Builder> abroad = Arbitraries.of("CA", "MX", "GB")
        .map(country -> Location.newBuilder().setCity("Kingston").setCountry(country));
    Arbitrary<Location.Builder> county = Arbitraries.of("47093", "47009", "13121", "99999")
        .map(fips -> Location.newBuilder().setPrecision(LocationPrecision.COUNTY).setCountyFips(fips));
    return Combinators.combine(role, Arbitraries.oneOf(coordinates, zip, city, state, abroad, county),
        Arbitraries.integers().between(0, 2).injectNull(0.5))
        .as((r, builder, subject) -> builder.setRole(r).setSubjectIndex(subject).build());
  }
}
