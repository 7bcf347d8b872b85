package org.tiprouter.classify.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.tiprouter.classify.geo.County;
import org.tiprouter.classify.geo.Place;
import org.tiprouter.contract.Agency;
import org.tiprouter.contract.AgencyArea;
import org.tiprouter.contract.Channel;

/**
 * The agency directory: which agency covers which area, accepts which channels and copies whom.
 * Immutable and safe to share; built from the YAML file ({@link DirectoryFileReader}) or from the
 * records on the directory topic ({@link #fromRecords}). Lookups by state, county and ZIP are hash
 * lookups; polygons sit in a JTS {@code STRtree} of prepared geometries.
 */
public final class AgencyDirectory {

  private record Indexed(DirectoryAgency agency, Area area) {}

  private final String version;
  private final SortedMap<String, DirectoryAgency> agencies;
  private final DirectoryAgency triage;
  private final Map<String, List<Indexed>> byState = new HashMap<>();
  private final Map<String, List<Indexed>> byCounty = new HashMap<>();
  private final Map<String, List<Indexed>> byZip = new HashMap<>();
  private final STRtree polygons = new STRtree();

  private AgencyDirectory(String version, Collection<DirectoryAgency> agencies) {
    this.version = version;
    SortedMap<String, DirectoryAgency> byId = new TreeMap<>();
    DirectoryAgency triageAgency = null;
    for (DirectoryAgency agency : agencies) {
      byId.put(agency.id(), agency);
      if (agency.triage() && (triageAgency == null || agency.id().compareTo(triageAgency.id()) < 0)) {
        triageAgency = agency;
      }
      for (Area area : agency.areas()) {
        Indexed entry = new Indexed(agency, area);
        if (area instanceof Area.States states) {
          states.codes().forEach(code -> add(byState, code, entry));
        } else if (area instanceof Area.Counties counties) {
          counties.fips().forEach(fips -> add(byCounty, fips, entry));
        } else if (area instanceof Area.Zips zips) {
          zips.zips().forEach(zip -> add(byZip, zip, entry));
        } else if (area instanceof Area.Polygon polygon) {
          polygons.insert(polygon.geometry().getGeometry().getEnvelopeInternal(), entry);
        }
      }
    }
    polygons.build();
    this.agencies = Collections.unmodifiableSortedMap(byId);
    this.triage = triageAgency;
  }

  private static void add(Map<String, List<Indexed>> index, String key, Indexed entry) {
    index.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
  }

  /** A directory of {@code agencies} (already validated). */
  public static AgencyDirectory of(String version, Collection<DirectoryAgency> agencies) {
    return new AgencyDirectory(version, agencies);
  }

  /** What {@link #fromRecords} made of the topic's records, and what it had to leave out. */
  public record FromRecords(AgencyDirectory directory, List<String> problems) {
    public FromRecords {
      problems = List.copyOf(problems);
    }
  }

  /**
   * A directory from the records of {@code tips.agencies.v1}. Areas that cannot be used (an
   * invalid polygon) are left out and reported; the rest of the agency stays. The version is the
   * records' {@code directoryVersion} (several, sorted and joined with a comma, while a load is
   * half applied).
   */
  public static FromRecords fromRecords(Collection<Agency> records) {
    List<String> problems = new ArrayList<>();
    List<DirectoryAgency> agencies = new ArrayList<>();
    TreeSet<String> versions = new TreeSet<>();
    PreparedGeometryFactory prepared = new PreparedGeometryFactory();
    for (Agency record : records) {
      versions.add(record.getDirectoryVersion());
      List<Area> areas = new ArrayList<>();
      for (AgencyArea area : record.getAreas()) {
        switch (area.getKind()) {
          case STATE -> areas.add(new Area.States(new TreeSet<>(area.getValues())));
          case COUNTY -> areas.add(new Area.Counties(new TreeSet<>(area.getValues())));
          case ZIP -> areas.add(new Area.Zips(new TreeSet<>(area.getValues())));
          case GEOJSON -> {
            try {
              Geometry geometry = GeoJsonPolygons.read(area.getGeometry() == null ? "" : area.getGeometry());
              areas.add(new Area.Polygon(area.getRef(), area.getGeometry(), prepared.create(geometry),
                  geometry.getArea()));
            } catch (GeoJsonPolygons.InvalidGeoJson e) {
              problems.add("agency " + record.getAgencyId() + ": area " + area.getRef() + " left out: " + e.getMessage());
            }
          }
          default -> problems.add("agency " + record.getAgencyId() + ": area of unknown kind left out");
        }
      }
      List<Channel> channels = record.getChannels().stream().filter(channel -> channel != Channel.UNKNOWN).toList();
      agencies.add(new DirectoryAgency(record.getAgencyId(), record.getName(), record.getService(), areas,
          channels.isEmpty() ? EnumSet.noneOf(Channel.class) : EnumSet.copyOf(channels), record.getCopies(),
          record.getTriage()));
    }
    return new FromRecords(new AgencyDirectory(String.join(",", versions), agencies), problems);
  }

  /** The directory as the records {@code tiprouter directory load} publishes, by agency id. */
  public List<Agency> toRecords() {
    List<Agency> records = new ArrayList<>();
    for (DirectoryAgency agency : agencies.values()) {
      List<AgencyArea> areas = new ArrayList<>();
      for (Area area : agency.areas()) {
        AgencyArea.Builder builder = AgencyArea.newBuilder().setKind(area.kind()).setGeometry(null).setRef(null);
        if (area instanceof Area.States states) {
          builder.setValues(List.copyOf(new TreeSet<>(states.codes())));
        } else if (area instanceof Area.Counties counties) {
          builder.setValues(List.copyOf(new TreeSet<>(counties.fips())));
        } else if (area instanceof Area.Zips zips) {
          builder.setValues(List.copyOf(new TreeSet<>(zips.zips())));
        } else if (area instanceof Area.Polygon polygon) {
          builder.setValues(List.of()).setGeometry(polygon.geoJson()).setRef(polygon.ref());
        }
        areas.add(builder.build());
      }
      records.add(Agency.newBuilder()
          .setAgencyId(agency.id())
          .setName(agency.name())
          .setService(agency.service())
          .setAreas(areas)
          .setChannels(agency.channels().stream().sorted().toList())
          .setCopies(agency.copies())
          .setTriage(agency.triage())
          .setDirectoryVersion(version)
          .build());
    }
    return records;
  }

  public String version() {
    return version;
  }

  /** Every agency, by id. */
  public SortedMap<String, DirectoryAgency> agencies() {
    return agencies;
  }

  public Optional<DirectoryAgency> agency(String id) {
    return Optional.ofNullable(agencies.get(id));
  }

  /** The agency that receives tips whose location cannot be resolved, if the directory names one. */
  public Optional<DirectoryAgency> triage() {
    return Optional.ofNullable(triage);
  }

  /**
   * Every agency with an area containing {@code place}, each through its most specific such area,
   * most specific first (polygon, smaller first; ZIP; county; state; ties by agency id).
   *
   * <p>A polygon contains a place with coordinates inside it; a ZIP area a place with that ZIP; a
   * county area a place whose counties it all covers (a ZIP crossing county lines is inside a
   * county area only when the area covers every one of them); a state area a place in the state.
   */
  public List<AreaMatch> matches(Place place) {
    Map<String, AreaMatch> best = new LinkedHashMap<>();
    if (place.point() != null) {
      for (Object item : polygons.query(place.point().getEnvelopeInternal())) {
        Indexed entry = (Indexed) item;
        Area.Polygon polygon = (Area.Polygon) entry.area();
        if (polygon.geometry().covers(place.point())) {
          offer(best, new AreaMatch(entry.agency(), polygon, polygon.ref()));
        }
      }
    }
    if (place.zip() != null) {
      for (Indexed entry : byZip.getOrDefault(place.zip(), List.of())) {
        offer(best, new AreaMatch(entry.agency(), entry.area(), place.zip()));
      }
    }
    if (!place.counties().isEmpty()) {
      for (Indexed entry : byCounty.getOrDefault(place.counties().get(0).fips(), List.of())) {
        Area.Counties area = (Area.Counties) entry.area();
        if (place.counties().stream().allMatch(county -> area.fips().contains(county.fips()))) {
          offer(best, new AreaMatch(entry.agency(), area,
              String.join(",", place.counties().stream().map(County::fips).toList())));
        }
      }
    }
    for (Indexed entry : byState.getOrDefault(place.state().code(), List.of())) {
      offer(best, new AreaMatch(entry.agency(), entry.area(), place.state().code()));
    }
    List<AreaMatch> matches = new ArrayList<>(best.values());
    Collections.sort(matches);
    return matches;
  }

  private static void offer(Map<String, AreaMatch> best, AreaMatch match) {
    best.merge(match.agency().id(), match, (a, b) -> a.compareTo(b) <= 0 ? a : b);
  }

  @Override
  public String toString() {
    return "AgencyDirectory[" + version + ", " + agencies.size() + " agencies]";
  }
}
