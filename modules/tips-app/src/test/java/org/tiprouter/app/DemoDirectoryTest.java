package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.DirectoryAgency;
import org.tiprouter.classify.directory.DirectoryFileReader;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.classify.resolver.JurisdictionResolver;
import org.tiprouter.classify.resolver.LocationPlacer;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.Incident;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Tip;

/** The demo directory {@code config/directory/demo.yaml} is valid, complete and routes as documented. */
class DemoDirectoryTest {

  static final Path DEMO = Path.of("../../config/directory/demo.yaml");
  private static final Instant NOW = Instant.parse("2025-03-14T02:17:05Z");

  private static ReferenceData reference;
  private static AgencyDirectory directory;
  private static JurisdictionResolver resolver;

  @BeforeAll
  static void read() {
    reference = ReferenceData.load();
    DirectoryFileReader.Result result = new DirectoryFileReader(reference).read(DEMO);
    assertThat(result).as("%s", result).isInstanceOf(DirectoryFileReader.Valid.class);
    directory = ((DirectoryFileReader.Valid) result).directory();
    resolver = new JurisdictionResolver(directory, new LocationPlacer(reference), "national-triage");
  }

  @Test
  void listsEveryTennesseeSheriffAndATaskForceForEveryOtherStateDcAndPuertoRico() {
    Map<String, DirectoryAgency> agencies = directory.agencies();
    assertThat(agencies.values()).filteredOn(a -> a.service().equals("police.sheriff")).hasSize(95);
    long tennesseeCounties = reference.counties().keySet().stream().filter(fips -> fips.startsWith("47")).count();
    assertThat(tennesseeCounties).isEqualTo(95);
    assertThat(agencies.values()).filteredOn(a -> a.service().equals("task-force.icac")).hasSize(52);
    assertThat(agencies).containsKeys("tn-icac", "dc-icac", "pr-icac", "ga-icac", "knoxville-pd", "memphis-pd",
        "nashville-metro-pd", "chattanooga-pd", "fbi-knoxville", "fbi-memphis", "knox-county-so", "national-triage");
    assertThat(directory.triage()).get().extracting(DirectoryAgency::id).isEqualTo("national-triage");
  }

  @Test
  void routesAWebTipInKnoxvilleToKnoxvillePoliceWithCopiesToTheTaskForceAndTheFbi() {
    JurisdictionDecision decision = decide(Channel.WEB, zip("37902"));

    assertThat(decision.getPrimaryAgencyId()).isEqualTo("knoxville-pd");
    assertThat(decision.getAssignments()).extracting(AgencyAssignment::getAgencyId)
        .containsExactly("knoxville-pd", "tn-icac", "fbi-knoxville");
  }

  @Test
  void routesEveryTennesseeCyberTiplineReportToTheTaskForce() {
    assertThat(decide(Channel.CYBERTIPLINE, zip("38103")).getPrimaryAgencyId()).isEqualTo("tn-icac");
    assertThat(decide(Channel.CYBERTIPLINE, zip("37902")).getPrimaryAgencyId()).isEqualTo("tn-icac");
  }

  @Test
  void routesNashvilleCoordinatesToMetroPoliceAndRuralCountiesToTheirSheriff() {
    assertThat(decide(Channel.PHONE, point(36.1627, -86.7816)).getPrimaryAgencyId()).isEqualTo("nashville-metro-pd");
    assertThat(decide(Channel.WEB, point(35.7565, -83.9705)).getPrimaryAgencyId()).isEqualTo("blount-county-so");
  }

  @Test
  void routesOtherStatesToTheirTaskForceAndTipsWithoutLocationToTriage() {
    assertThat(decide(Channel.WEB, zip("30303")).getPrimaryAgencyId()).isEqualTo("ga-icac");
    assertThat(decide(Channel.WEB, zip("00901")).getPrimaryAgencyId()).isEqualTo("pr-icac");
    JurisdictionDecision none = decide(Channel.WEB);
    assertThat(none.getPrimaryAgencyId()).isEqualTo("national-triage");
    assertThat(none.getTriageReason()).isEqualTo("NO_LOCATION");
  }

  private static Location zip(String zip) {
    return Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.ZIP).setZip(zip).build();
  }

  private static Location point(double lat, double lon) {
    return Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.COORDINATES)
        .setLatitude(lat).setLongitude(lon).build();
  }

  private static JurisdictionDecision decide(Channel channel, Location... locations) {
    Tip tip = Tip.newBuilder()
        .setTipId(java.util.UUID.fromString("0b7e6f4c-3a1d-4e2b-9c8f-5d6a7b8c9d0e"))
        .setChannel(channel)
        .setReceivedAt(NOW)
        .setNormalisedAt(NOW)
        .setProvenance(Provenance.newBuilder().setRawTopic("tips.raw.web.v1").setRawPartition(0).setRawOffset(0L)
            .setPayloadSha256("0".repeat(64)).setContentType("application/json").setSource("test").build())
        .setIncident(Incident.newBuilder().setTypes(List.of(IncidentType.OTHER)).build())
        .setLocations(List.of(locations))
        .build();
    return resolver.decide(tip, NOW);
  }
}
