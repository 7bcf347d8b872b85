package org.tiprouter.classify.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.tiprouter.classify.directory.YamlTree.Entry;
import org.tiprouter.classify.directory.YamlTree.Mapping;
import org.tiprouter.classify.directory.YamlTree.Node;
import org.tiprouter.classify.directory.YamlTree.Scalar;
import org.tiprouter.classify.directory.YamlTree.Sequence;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.topics.TopicNames;

/**
 * Reads and validates a directory YAML file (format: {@code docs/directory.md}). Every problem is
 * reported with its line, all of them at once: duplicate ids, unknown agencies in {@code copies},
 * unknown states, county FIPS codes or malformed ZIPs, unreadable or invalid GeoJSON, a missing
 * triage agency, empty areas for an agency that is not the triage agency.
 */
public final class DirectoryFileReader {

  /** What reading a directory file gave. */
  public sealed interface Result permits Valid, Invalid {}

  /** A valid directory. */
  public record Valid(AgencyDirectory directory) implements Result {}

  /** An invalid file, with every problem found. */
  public record Invalid(List<DirectoryProblem> problems) implements Result {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  private static final Pattern FIPS = Pattern.compile("\\d{5}");
  private static final Pattern ZIP = Pattern.compile("\\d{5}");
  private static final Set<String> TOP_KEYS = Set.of("version", "triage", "agencies");
  private static final Set<String> AGENCY_KEYS = Set.of("id", "name", "service", "areas", "channels", "copies");
  private static final Set<String> AREA_KEYS = Set.of("state", "county", "zip", "geojson");

  private final ReferenceData reference;

  public DirectoryFileReader(ReferenceData reference) {
    this.reference = reference;
  }

  /** Reads {@code file}; GeoJSON paths are relative to its directory. */
  public Result read(Path file) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return new Invalid(List.of(new DirectoryProblem(name, 0, "cannot read the file: " + e.getMessage())));
    }
    Path base = file.toAbsolutePath().getParent();
    return read(name, new String(bytes, StandardCharsets.UTF_8), base);
  }

  /** Reads YAML text named {@code fileName}; GeoJSON paths are relative to {@code baseDir}. */
  public Result read(String fileName, String yaml, Path baseDir) {
    return new Reading(fileName, yaml, baseDir).run();
  }

  /** One read of one file: collects the problems as it goes. */
  private final class Reading {
    private final String file;
    private final String yaml;
    private final Path baseDir;
    private final List<DirectoryProblem> problems = new ArrayList<>();
    private final MessageDigest digest;
    private final PreparedGeometryFactory prepared = new PreparedGeometryFactory();

    Reading(String file, String yaml, Path baseDir) {
      this.file = file;
      this.yaml = yaml;
      this.baseDir = baseDir;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is always available", e);
      }
      digest.update(yaml.getBytes(StandardCharsets.UTF_8));
    }

    Result run() {
      Node root = YamlTree.parse(yaml, file, problems);
      if (root == null) {
        if (problems.isEmpty()) {
          problem(0, "the file is empty");
        }
        return new Invalid(problems);
      }
      if (!(root instanceof Mapping top)) {
        problem(root.line(), "expected a mapping with version, triage and agencies");
        return new Invalid(problems);
      }
      unknownKeys(top, TOP_KEYS, "top level");
      String version = versionOf(top);
      Entry triageEntry = top.entries().get("triage");
      String triageId = null;
      if (triageEntry == null) {
        problem(top.line(), "no triage agency: add 'triage: <agency id>' naming the agency that receives tips "
            + "whose location cannot be resolved");
      } else {
        triageId = text(triageEntry.value(), "triage");
      }
      Entry agenciesEntry = top.entries().get("agencies");
      List<Parsed> agencies = new ArrayList<>();
      if (agenciesEntry == null || !(agenciesEntry.value() instanceof Sequence list)) {
        problem(agenciesEntry == null ? top.line() : agenciesEntry.line(), "'agencies' must be a list of agencies");
      } else {
        for (Node item : list.items()) {
          Parsed agency = agency(item);
          if (agency != null) {
            agencies.add(agency);
          }
        }
      }
      Map<String, Parsed> byId = new HashMap<>();
      for (Parsed agency : agencies) {
        Parsed first = byId.putIfAbsent(agency.id, agency);
        if (first != null) {
          problem(agency.line, "duplicate agency id '" + agency.id + "' (first on line " + first.line + ")");
        }
      }
      if (triageId != null && !byId.containsKey(triageId)) {
        problem(triageEntry.line(), "triage agency '" + triageId + "' is not in the agencies list");
      }
      List<DirectoryAgency> result = new ArrayList<>();
      for (Parsed agency : agencies) {
        boolean isTriage = agency.id.equals(triageId);
        if (agency.areas.isEmpty() && !isTriage && agency.areasValid) {
          problem(agency.line, "agency '" + agency.id + "' has no areas (only the triage agency may have none)");
        }
        for (Map.Entry<String, Integer> copy : agency.copies.entrySet()) {
          if (!byId.containsKey(copy.getKey())) {
            problem(copy.getValue(), "agency '" + agency.id + "' copies unknown agency '" + copy.getKey() + "'");
          } else if (copy.getKey().equals(agency.id)) {
            problem(copy.getValue(), "agency '" + agency.id + "' copies itself");
          }
        }
        result.add(new DirectoryAgency(agency.id, agency.name, agency.service, agency.areas, agency.channels,
            List.copyOf(agency.copies.keySet()), isTriage));
      }
      if (!problems.isEmpty()) {
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Invalid(problems);
      }
      String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
      return new Valid(AgencyDirectory.of(version + "+sha256:" + hash, result));
    }

    private String versionOf(Mapping top) {
      Entry entry = top.entries().get("version");
      if (entry == null) {
        problem(top.line(), "missing 'version' (e.g. version: 1)");
        return "0";
      }
      String version = text(entry.value(), "version");
      if (version == null || !version.matches("[0-9A-Za-z._-]{1,32}")) {
        problem(entry.line(), "'version' must be a short version such as 1 or 2025-03");
        return "0";
      }
      return version;
    }

    /** Mutable parse state of one agency. */
    private static final class Parsed {
      int line;
      String id;
      String name;
      String service;
      List<Area> areas = new ArrayList<>();
      boolean areasValid = true;
      Set<Channel> channels = EnumSet.copyOf(DirectoryAgency.DEFAULT_CHANNELS);
      Map<String, Integer> copies = new java.util.LinkedHashMap<>();
    }

    private Parsed agency(Node node) {
      if (!(node instanceof Mapping map)) {
        problem(node.line(), "an agency must be a mapping with id, name, service and areas");
        return null;
      }
      unknownKeys(map, AGENCY_KEYS, "agency");
      Parsed agency = new Parsed();
      agency.line = map.line();
      agency.id = required(map, "id");
      if (agency.id != null && !TopicNames.isValidAgencyId(agency.id)) {
        problem(map.entries().get("id").line(), "agency id '" + agency.id + "' must match ^[a-z0-9][a-z0-9-]{1,47}$");
      }
      agency.name = required(map, "name");
      agency.service = required(map, "service");
      if (agency.service != null && !DirectoryAgency.SERVICES.contains(agency.service)) {
        problem(map.entries().get("service").line(), "unknown service '" + agency.service + "' (expected one of "
            + String.join(", ", DirectoryAgency.SERVICES) + ")");
      }
      Entry areas = map.entries().get("areas");
      if (areas != null) {
        if (areas.value() instanceof Sequence list) {
          for (Node area : list.items()) {
            Area parsed = area(area);
            if (parsed == null) {
              agency.areasValid = false;
            } else {
              agency.areas.add(parsed);
            }
          }
        } else if (!(areas.value() instanceof Scalar scalar && scalar.text() == null)) {
          problem(areas.line(), "'areas' must be a list");
          agency.areasValid = false;
        }
      }
      Entry channels = map.entries().get("channels");
      if (channels != null) {
        agency.channels = EnumSet.noneOf(Channel.class);
        for (Scalar value : scalars(channels, "channels")) {
          Channel channel = channel(value.text());
          if (channel == null) {
            problem(value.line(), "unknown channel '" + value.text() + "' (expected web, phone or cybertipline)");
          } else {
            agency.channels.add(channel);
          }
        }
      }
      Entry copies = map.entries().get("copies");
      if (copies != null) {
        for (Scalar value : scalars(copies, "copies")) {
          agency.copies.putIfAbsent(value.text(), value.line());
        }
      }
      return agency.id == null ? null : agency;
    }

    private Area area(Node node) {
      if (!(node instanceof Mapping map) || map.entries().size() != 1) {
        problem(node.line(), "an area must be one of 'state: TN', 'county: \"47093\"', 'zip: [\"37902\"]' "
            + "or 'geojson: areas/file.geojson'");
        return null;
      }
      Entry entry = map.entries().values().iterator().next();
      int before = problems.size();
      switch (entry.key()) {
        case "state" -> {
          Set<String> codes = new TreeSet<>();
          for (Scalar value : scalars(entry, "state")) {
            String code = value.text().trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}") || !reference.states().containsKey(code)) {
              problem(value.line(), "unknown state '" + value.text() + "' (expected a two-letter code such as TN)");
            }
            codes.add(code);
          }
          return problems.size() == before && !codes.isEmpty() ? new Area.States(codes) : null;
        }
        case "county" -> {
          Set<String> fips = new TreeSet<>();
          for (Scalar value : scalars(entry, "county")) {
            String code = value.text().trim();
            if (!FIPS.matcher(code).matches()) {
              problem(value.line(), "bad county FIPS '" + value.text() + "': expected 5 digits, quoted (\"47093\")");
            } else if (reference.county(code).isEmpty()) {
              problem(value.line(), "unknown county FIPS '" + code + "'");
            }
            fips.add(code);
          }
          return problems.size() == before && !fips.isEmpty() ? new Area.Counties(fips) : null;
        }
        case "zip" -> {
          Set<String> zips = new TreeSet<>();
          for (Scalar value : scalars(entry, "zip")) {
            String zip = value.text().trim();
            if (!ZIP.matcher(zip).matches()) {
              problem(value.line(), "bad ZIP '" + value.text() + "': expected 5 digits, quoted (\"37902\")");
            }
            zips.add(zip);
          }
          return problems.size() == before && !zips.isEmpty() ? new Area.Zips(zips) : null;
        }
        case "geojson" -> {
          String ref = text(entry.value(), "geojson");
          return ref == null ? null : polygon(ref, entry.line());
        }
        default -> {
          problem(entry.line(), "unknown area kind '" + entry.key() + "' (expected state, county, zip or geojson)");
          return null;
        }
      }
    }

    private Area polygon(String ref, int line) {
      Path path = baseDir == null ? Path.of(ref) : baseDir.resolve(ref);
      String text;
      try {
        byte[] bytes = Files.readAllBytes(path);
        digest.update(bytes);
        text = new String(bytes, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problem(line, "cannot read GeoJSON file '" + ref + "' (" + e.getClass().getSimpleName() + ")");
        return null;
      }
      try {
        Geometry geometry = GeoJsonPolygons.read(text);
        return new Area.Polygon(ref, text, prepared.create(geometry), geometry.getArea());
      } catch (GeoJsonPolygons.InvalidGeoJson e) {
        problem(line, "invalid GeoJSON in '" + ref + "': " + e.getMessage());
        return null;
      }
    }

    private List<Scalar> scalars(Entry entry, String what) {
      List<Scalar> values = new ArrayList<>();
      Node value = entry.value();
      List<Node> items = value instanceof Sequence list ? list.items() : List.of(value);
      for (Node item : items) {
        if (item instanceof Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
          values.add(scalar);
        } else {
          problem(item.line(), "'" + what + "' must be a value or a list of values");
        }
      }
      return values;
    }

    private String required(Mapping map, String key) {
      Entry entry = map.entries().get(key);
      if (entry == null) {
        problem(map.line(), "agency without '" + key + "'");
        return null;
      }
      String text = text(entry.value(), key);
      return text == null || text.isBlank() ? null : text.trim();
    }

    private String text(Node node, String what) {
      if (node instanceof Scalar scalar && scalar.text() != null && !scalar.text().isBlank()) {
        return scalar.text().trim();
      }
      problem(node.line(), "'" + what + "' must be a single value");
      return null;
    }

    private void unknownKeys(Mapping map, Set<String> known, String where) {
      for (Entry entry : map.entries().values()) {
        if (!known.contains(entry.key())) {
          problem(entry.line(), "unknown key '" + entry.key() + "' at " + where + " (expected "
              + String.join(", ", new LinkedHashSet<>(new TreeSet<>(known))) + ")");
        }
      }
    }

    private void problem(int line, String message) {
      problems.add(new DirectoryProblem(file, line, message));
    }
  }

  private static Channel channel(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "web" -> Channel.WEB;
      case "phone" -> Channel.PHONE;
      case "cybertipline" -> Channel.CYBERTIPLINE;
      default -> null;
    };
  }
}
