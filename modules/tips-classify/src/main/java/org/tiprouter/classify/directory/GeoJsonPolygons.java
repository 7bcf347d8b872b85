package org.tiprouter.classify.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.tiprouter.classify.geo.ReferenceData;

/**
 * Reads the polygon of an agency area from GeoJSON (RFC 7946, WGS84 longitude/latitude): a
 * Polygon, a MultiPolygon, a Feature with one of those, or a FeatureCollection of such features
 * (their polygons together). Anything else, or an invalid polygon, is refused with a message.
 */
public final class GeoJsonPolygons {

  /** GeoJSON that is not a valid polygonal area. */
  public static final class InvalidGeoJson extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidGeoJson(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private GeoJsonPolygons() {}

  /** The area described by {@code text}, as one (Multi)Polygon. */
  public static Geometry read(String text) throws InvalidGeoJson {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidGeoJson("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidGeoJson("not a GeoJSON object");
    }
    List<Polygon> polygons = new ArrayList<>();
    collect(root, polygons);
    if (polygons.isEmpty()) {
      throw new InvalidGeoJson("contains no polygon");
    }
    Geometry geometry = polygons.size() == 1 ? polygons.get(0)
        : ReferenceData.GEOMETRY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error != null) {
      throw new InvalidGeoJson("invalid polygon: " + error.getMessage() + " at " + error.getCoordinate());
    }
    return geometry;
  }

  private static void collect(JsonNode node, List<Polygon> into) throws InvalidGeoJson {
    String type = node.path("type").asText("");
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode features = node.path("features");
        if (!features.isArray()) {
          throw new InvalidGeoJson("FeatureCollection without a features array");
        }
        for (JsonNode feature : features) {
          collect(feature, into);
        }
      }
      case "Feature" -> {
        JsonNode geometry = node.path("geometry");
        if (!geometry.isObject()) {
          throw new InvalidGeoJson("Feature without a geometry");
        }
        collect(geometry, into);
      }
      case "Polygon" -> into.add(polygon(node.path("coordinates")));
      case "MultiPolygon" -> {
        JsonNode polygons = node.path("coordinates");
        if (!polygons.isArray() || polygons.isEmpty()) {
          throw new InvalidGeoJson("MultiPolygon without coordinates");
        }
        for (JsonNode polygon : polygons) {
          into.add(polygon(polygon));
        }
      }
      case "" -> throw new InvalidGeoJson("object without a type");
      default -> throw new InvalidGeoJson("unsupported type " + type
          + " (expected Polygon, MultiPolygon, Feature or FeatureCollection)");
    }
  }

  private static Polygon polygon(JsonNode rings) throws InvalidGeoJson {
    if (!rings.isArray() || rings.isEmpty()) {
      throw new InvalidGeoJson("Polygon without rings");
    }
    LinearRing shell = ring(rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(rings.get(i));
    }
    return ReferenceData.GEOMETRY.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions) throws InvalidGeoJson {
    if (!positions.isArray() || positions.size() < 4) {
      throw new InvalidGeoJson("a ring needs at least 4 positions");
    }
    Coordinate[] coordinates = new Coordinate[positions.size()];
    for (int i = 0; i < positions.size(); i++) {
      JsonNode position = positions.get(i);
      if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
        throw new InvalidGeoJson("a position must be [longitude, latitude]");
      }
      double lon = position.get(0).asDouble();
      double lat = position.get(1).asDouble();
      if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
        throw new InvalidGeoJson("position [" + lon + ", " + lat + "] is outside WGS84 longitude/latitude");
      }
      coordinates[i] = new Coordinate(lon, lat);
    }
    if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
      throw new InvalidGeoJson("a ring must end where it starts");
    }
    return ReferenceData.GEOMETRY.createLinearRing(coordinates);
  }

  /** True for a Polygon or MultiPolygon. */
  static boolean isPolygonal(Geometry geometry) {
    return geometry instanceof Polygon || geometry instanceof MultiPolygon;
  }
}
