package org.tiprouter.classify.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tiprouter.classify.TestDirectories;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AreaKind;
import org.tiprouter.contract.Channel;

class DirectoryFileReaderTest {

  private static final Path AREAS_BASE = TestDirectories.file("test-directory.yaml").getParent();
  private final DirectoryFileReader reader = new DirectoryFileReader(TestDirectories.reference());

  private static final String HEAD = """
      version: 3
      triage: desk
      agencies:
        - id: desk
          name: Triage Desk
          service: triage
          areas: []
      """;

  private List<String> problems(String yaml) {
    DirectoryFileReader.Result result = reader.read("dir.yaml", yaml, AREAS_BASE);
    assertThat(result).isInstanceOf(DirectoryFileReader.Invalid.class);
    return ((DirectoryFileReader.Invalid) result).problems().stream().map(DirectoryProblem::toString).toList();
  }

  private AgencyDirectory valid(String yaml) {
    DirectoryFileReader.Result result = reader.read("dir.yaml", yaml, AREAS_BASE);
    assertThat(result).as("%s", result).isInstanceOf(DirectoryFileReader.Valid.class);
    return ((DirectoryFileReader.Valid) result).directory();
  }

  @Test
  void readsTheTestDirectoryWithEveryKindOfAreaAndTheDefaultChannels() {
    AgencyDirectory directory = TestDirectories.testDirectory();

    assertThat(directory.agencies()).hasSize(14);
    assertThat(directory.triage()).get().extracting(DirectoryAgency::id).isEqualTo("national-triage");
    assertThat(directory.agency("tn-icac").orElseThrow().channels())
        .containsExactlyInAnyOrder(Channel.WEB, Channel.PHONE, Channel.CYBERTIPLINE);
    assertThat(directory.agency("fbi-knoxville").orElseThrow().channels()).isEmpty();
    assertThat(directory.agency("knoxville-pd").orElseThrow().areas()).extracting(Area::kind)
        .containsExactly(AreaKind.ZIP, AreaKind.GEOJSON);
    assertThat(directory.version()).matches("7\\+sha256:[0-9a-f]{16}");
  }

  @Test
  void publishesEveryAgencyAsARecordCarryingTheVersionAndTheGeoJsonText() {
    AgencyDirectory directory = TestDirectories.testDirectory();
    List<Agency> records = directory.toRecords();

    assertThat(records).extracting(Agency::getAgencyId).isSorted().hasSize(14);
    Agency knoxville = records.stream().filter(a -> a.getAgencyId().equals("knoxville-pd")).findFirst().orElseThrow();
    assertThat(knoxville.getDirectoryVersion()).isEqualTo(directory.version());
    assertThat(knoxville.getAreas().get(0).getValues()).containsExactly("37902", "37915");
    assertThat(knoxville.getAreas().get(1).getRef()).isEqualTo("areas/knoxville.geojson");
    assertThat(knoxville.getAreas().get(1).getGeometry()).contains("\"Polygon\"");
    assertThat(knoxville.getChannels()).containsExactly(Channel.WEB, Channel.PHONE);
    assertThat(knoxville.getCopies()).containsExactly("tn-icac");
    assertThat(records).filteredOn(Agency::getTriage).extracting(Agency::getAgencyId).containsExactly("national-triage");
    assertThat(AgencyDirectory.fromRecords(records).directory().toRecords()).isEqualTo(records);
  }

  @Test
  void givesTheSameVersionForTheSameContentAndAnotherForOtherContent() {
    String yaml = HEAD + "  - {id: tn, name: TN, service: task-force.icac, areas: [state: TN]}\n";
    assertThat(valid(yaml).version()).isEqualTo(valid(yaml).version());
    assertThat(valid(yaml.replace("name: TN", "name: Tennessee")).version()).isNotEqualTo(valid(yaml).version());
  }

  @Test
  void reportsADuplicateIdWithBothLines() {
    assertThat(problems(HEAD + """
          - id: tn-icac
            name: A
            service: task-force.icac
            areas: [state: TN]
          - id: tn-icac
            name: B
            service: task-force.icac
            areas: [state: TN]
        """)).containsExactly("dir.yaml:12: duplicate agency id 'tn-icac' (first on line 8)");
  }

  @Test
  void reportsAnUnknownAgencyInCopiesOnItsLine() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            service: police.sheriff
            areas: [county: "47093"]
            copies:
              - tn-icac
        """)).containsExactly("dir.yaml:13: agency 'knox' copies unknown agency 'tn-icac'");
  }

  @Test
  void reportsBadAndUnknownCountyFips() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            service: police.sheriff
            areas:
              - county: ["4709", "99999"]
        """)).containsExactly(
            "dir.yaml:12: bad county FIPS '4709': expected 5 digits, quoted (\"47093\")",
            "dir.yaml:12: unknown county FIPS '99999'");
  }

  @Test
  void reportsABadZipAndAnUnknownState() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            service: police.local
            areas:
              - zip: "3790"
              - state: XX
        """)).containsExactly(
            "dir.yaml:12: bad ZIP '3790': expected 5 digits, quoted (\"37902\")",
            "dir.yaml:13: unknown state 'XX' (expected a two-letter code such as TN)");
  }

  @Test
  void reportsAnUnreadableGeoJsonFile() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            service: police.local
            areas:
              - geojson: areas/missing.geojson
        """)).containsExactly("dir.yaml:12: cannot read GeoJSON file 'areas/missing.geojson' (NoSuchFileException)");
  }

  @Test
  void reportsInvalidGeoJson(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("bowtie.geojson"),
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}");
    java.nio.file.Files.writeString(dir.resolve("point.geojson"), "{\"type\":\"Point\",\"coordinates\":[0,0]}");
    java.nio.file.Files.writeString(dir.resolve("garbage.geojson"), "not json");
    DirectoryFileReader.Result result = reader.read("dir.yaml", HEAD + """
          - id: knox
            name: Knox
            service: police.local
            areas:
              - geojson: bowtie.geojson
              - geojson: point.geojson
              - geojson: garbage.geojson
        """, dir);

    assertThat(((DirectoryFileReader.Invalid) result).problems()).extracting(DirectoryProblem::toString).satisfiesExactly(
        first -> assertThat(first).startsWith("dir.yaml:12: invalid GeoJSON in 'bowtie.geojson': invalid polygon: Self-intersection"),
        second -> assertThat(second).isEqualTo("dir.yaml:13: invalid GeoJSON in 'point.geojson': unsupported type Point "
            + "(expected Polygon, MultiPolygon, Feature or FeatureCollection)"),
        third -> assertThat(third).startsWith("dir.yaml:14: invalid GeoJSON in 'garbage.geojson': not JSON"));
  }

  @Test
  void reportsAMissingTriageAgency() {
    assertThat(problems("""
        version: 1
        agencies:
          - id: tn
            name: TN
            service: task-force.icac
            areas: [state: TN]
        """)).containsExactly("dir.yaml:1: no triage agency: add 'triage: <agency id>' naming the agency that "
            + "receives tips whose location cannot be resolved");
  }

  @Test
  void reportsATriageAgencyThatIsNotListed() {
    assertThat(problems(HEAD.replace("triage: desk", "triage: nobody")))
        .containsExactly("dir.yaml:2: triage agency 'nobody' is not in the agencies list",
            "dir.yaml:4: agency 'desk' has no areas (only the triage agency may have none)");
  }

  @Test
  void reportsEmptyAreasForAnAgencyOtherThanTriage() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            service: police.sheriff
            areas: []
        """)).containsExactly("dir.yaml:8: agency 'knox' has no areas (only the triage agency may have none)");
  }

  @Test
  void reportsBadIdsServicesChannelsAndUnknownKeys() {
    assertThat(problems(HEAD + """
          - id: Knox_PD
            name: Knox
            service: police.city
            areas: [state: TN]
            channels: [web, fax]
            colour: blue
        """)).containsExactly(
            "dir.yaml:8: agency id 'Knox_PD' must match ^[a-z0-9][a-z0-9-]{1,47}$",
            "dir.yaml:10: unknown service 'police.city' (expected one of police.local, police.sheriff, "
                + "police.stateProvincial, police.federal.fbi, police.federal.hsi, task-force.icac, triage)",
            "dir.yaml:12: unknown channel 'fax' (expected web, phone or cybertipline)",
            "dir.yaml:13: unknown key 'colour' at agency (expected areas, channels, copies, id, name, service)");
  }

  @Test
  void reportsAYamlSyntaxErrorWithItsLine() {
    assertThat(problems("version: 1\nagencies: [\n  - id: x\n")).singleElement()
        .satisfies(problem -> assertThat(problem).startsWith("dir.yaml:").contains("not valid YAML"));
  }

  @Test
  void reportsAnEmptyFile() {
    assertThat(problems("")).containsExactly("dir.yaml: the file is empty");
  }

  @Test
  void reportsAMissingFile() {
    DirectoryFileReader.Result result = reader.read(AREAS_BASE.resolve("nope.yaml"));
    assertThat(((DirectoryFileReader.Invalid) result).problems()).singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("cannot read the file"));
  }

  @Test
  void reportsADuplicateKey() {
    assertThat(problems(HEAD + """
          - id: knox
            name: Knox
            name: Knox again
            service: police.sheriff
            areas: [county: "47093"]
        """)).containsExactly("dir.yaml:10: duplicate key 'name' (first on line 9)");
  }
}
