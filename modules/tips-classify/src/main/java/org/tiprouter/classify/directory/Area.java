package org.tiprouter.classify.directory;

import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.tiprouter.contract.AreaKind;

/**
 * One area an agency covers. Areas rank from the most specific (a polygon, the smaller the more
 * specific) to the least (a state): the most specific matching area wins a tip.
 */
public sealed interface Area permits Area.States, Area.Counties, Area.Zips, Area.Polygon {

  AreaKind kind();

  /** 0 polygon, 1 ZIP, 2 county, 3 state: lower is more specific. */
  int specificity();

  /** Two-letter state codes. */
  record States(Set<String> codes) implements Area {
    public States {
      codes = Set.copyOf(new TreeSet<>(codes));
    }

    @Override
    public AreaKind kind() {
      return AreaKind.STATE;
    }

    @Override
    public int specificity() {
      return 3;
    }
  }

  /** Five-digit county FIPS codes. */
  record Counties(Set<String> fips) implements Area {
    public Counties {
      fips = Set.copyOf(fips);
    }

    @Override
    public AreaKind kind() {
      return AreaKind.COUNTY;
    }

    @Override
    public int specificity() {
      return 2;
    }
  }

  /** Five-digit ZIP codes. */
  record Zips(Set<String> zips) implements Area {
    public Zips {
      zips = Set.copyOf(zips);
    }

    @Override
    public AreaKind kind() {
      return AreaKind.ZIP;
    }

    @Override
    public int specificity() {
      return 1;
    }
  }

  /**
   * A polygon from a GeoJSON file.
   *
   * @param ref where it came from, e.g. {@code areas/knoxville.geojson}
   * @param geoJson the GeoJSON text, as published to the directory topic
   * @param geometry the polygon, prepared for fast point tests
   * @param size its area in square degrees, to rank polygons (smaller first)
   */
  record Polygon(String ref, String geoJson, PreparedGeometry geometry, double size) implements Area {

    @Override
    public AreaKind kind() {
      return AreaKind.GEOJSON;
    }

    @Override
    public int specificity() {
      return 0;
    }
  }
}
