package org.tiprouter.classify.directory;

import org.tiprouter.contract.AreaKind;

/**
 * An agency whose area contains a place, through its most specific matching area.
 *
 * @param agency the agency
 * @param area the area that matched
 * @param ref which part of the area: the state code, county FIPS, ZIP or GeoJSON reference
 */
public record AreaMatch(DirectoryAgency agency, Area area, String ref) implements Comparable<AreaMatch> {

  public AreaKind kind() {
    return area.kind();
  }

  /** Human form of the area kind: {@code zip area}, {@code polygon area}, ... */
  public String kindLabel() {
    return switch (area.kind()) {
      case GEOJSON -> "polygon area " + ref;
      case ZIP -> "zip area";
      case COUNTY -> "county area";
      case STATE -> "state area";
      default -> "area";
    };
  }

  /** Most specific first: polygon (smaller first) < ZIP < county < state; ties by agency id. */
  @Override
  public int compareTo(AreaMatch other) {
    int bySpecificity = Integer.compare(area.specificity(), other.area.specificity());
    if (bySpecificity != 0) {
      return bySpecificity;
    }
    if (area instanceof Area.Polygon mine && other.area instanceof Area.Polygon theirs) {
      int bySize = Double.compare(mine.size(), theirs.size());
      if (bySize != 0) {
        return bySize;
      }
    }
    return agency.id().compareTo(other.agency.id());
  }
}
