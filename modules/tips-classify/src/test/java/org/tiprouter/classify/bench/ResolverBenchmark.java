package org.tiprouter.classify.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.Area;
import org.tiprouter.classify.directory.DirectoryAgency;
import org.tiprouter.classify.geo.County;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.classify.geo.UsState;
import org.tiprouter.classify.resolver.JurisdictionResolver;
import org.tiprouter.classify.resolver.LocationPlacer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Tip;

/**
 * The jurisdiction resolver on the national county set: a directory with one agency per US county
 * (3,231), each once as a polygon area (the county boundary) and once as a county area, plus one
 * task force per state. Run with {@code mvn -Pjmh} in this module (see docs/benchmarks.md); not
 * part of {@code mvn verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ResolverBenchmark {

  private static final Instant NOW = Instant.parse("2025-03-14T02:17:05Z");
  private static final Set<Channel> ALL = EnumSet.of(Channel.WEB, Channel.PHONE, Channel.CYBERTIPLINE);

  private ReferenceData reference;
  private JurisdictionResolver polygons;
  private JurisdictionResolver counties;
  private Tip[] coordinateTips;
  private Tip[] zipTips;
  private Tip[] cityTips;
  private double[][] points;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    reference = ReferenceData.load();
    PreparedGeometryFactory prepared = new PreparedGeometryFactory();
    List<DirectoryAgency> byPolygon = new ArrayList<>();
    List<DirectoryAgency> byCounty = new ArrayList<>();
    List<double[]> interior = new ArrayList<>();
    for (County county : reference.counties().values()) {
      String id = "so-" + county.fips();
      byPolygon.add(new DirectoryAgency(id, county.name(), "police.sheriff", List.of(new Area.Polygon(county.fips(),
          null, prepared.create(county.geometry()), county.geometry().getArea())), ALL, List.of(), false));
      byCounty.add(new DirectoryAgency(id, county.name(), "police.sheriff",
          List.of(new Area.Counties(Set.of(county.fips()))), ALL, List.of(), false));
      Point point = county.geometry().getInteriorPoint();
      interior.add(new double[] {point.getY(), point.getX()});
    }
    for (UsState state : reference.states().values()) {
      DirectoryAgency icac = new DirectoryAgency(state.code().toLowerCase() + "-icac", state.name(), "task-force.icac",
          List.of(new Area.States(Set.of(state.code()))), ALL, List.of(), false);
      byPolygon.add(icac);
      byCounty.add(icac);
    }
    DirectoryAgency triage = new DirectoryAgency("national-triage", "Triage", "triage", List.of(), ALL, List.of(), true);
    byPolygon.add(triage);
    byCounty.add(triage);
    LocationPlacer placer = new LocationPlacer(reference);
    polygons = new JurisdictionResolver(AgencyDirectory.of("bench-polygons", byPolygon), placer, "national-triage");
    counties = new JurisdictionResolver(AgencyDirectory.of("bench-counties", byCounty), placer, "national-triage");

    points = interior.toArray(double[][]::new);
    coordinateTips = interior.stream().map(p -> tip(Location.newBuilder().setPrecision(LocationPrecision.COORDINATES)
        .setLatitude(p[0]).setLongitude(p[1]))).toArray(Tip[]::new);
    zipTips = List.of("37902", "38103", "30303", "10001", "94103", "60614", "73301", "98101", "33101", "02108", "37015",
        "80202").stream().map(zip -> tip(Location.newBuilder().setPrecision(LocationPrecision.ZIP).setZip(zip)))
        .toArray(Tip[]::new);
    cityTips = List.of("Knoxville|TN", "Memphis|TN", "Atlanta|GA", "Denver|CO", "Boston|MA", "Seattle|WA")
        .stream().map(city -> tip(Location.newBuilder().setPrecision(LocationPrecision.CITY)
            .setCity(city.split("\\|")[0]).setState(city.split("\\|")[1]))).toArray(Tip[]::new);
  }

  private static Tip tip(Location.Builder location) {
    return Tip.newBuilder(ContractFixtures.tip()).setChannel(Channel.WEB).setReporter(null).setIdentifiers(List.of())
        .setLocations(List.of(location.setRole(LocationRole.INCIDENT).build())).build();
  }

  private int next(int length) {
    next = next + 1 == Integer.MAX_VALUE ? 0 : next + 1;
    return next % length;
  }

  /** Point → county with the STRtree of prepared county boundaries (reference data only). */
  @Benchmark
  public Object countyAtPoint() {
    double[] point = points[next(points.length)];
    return reference.countyAt(point[0], point[1]);
  }

  /** A whole decision for incident coordinates, 3,231 county polygons as agency areas. */
  @Benchmark
  public Object decideCoordinatesAgainstCountyPolygons() {
    return polygons.decide(coordinateTips[next(coordinateTips.length)], NOW);
  }

  /** A whole decision for incident coordinates, agencies by county FIPS. */
  @Benchmark
  public Object decideCoordinatesAgainstCountyAreas() {
    return counties.decide(coordinateTips[next(coordinateTips.length)], NOW);
  }

  /** A whole decision for an incident ZIP. */
  @Benchmark
  public Object decideZip() {
    return counties.decide(zipTips[next(zipTips.length)], NOW);
  }

  /** A whole decision for an incident city and state. */
  @Benchmark
  public Object decideCity() {
    return counties.decide(cityTips[next(cityTips.length)], NOW);
  }

  /** Building the directory index from the topic's records (what a directory change costs classify). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Object buildCountyAreaDirectory() {
    return AgencyDirectory.fromRecords(counties.directory().orElseThrow().toRecords());
  }
}
