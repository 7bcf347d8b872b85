package org.tiprouter.classify.geo;

import java.util.List;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Point;

/**
 * Where a location was placed: always a state; the county when it is known (several counties
 * when the evidence, say a ZIP, crosses county lines); the ZIP and the point when the evidence
 * had them.
 *
 * @param state the state
 * @param counties the county, or every county the evidence may lie in (empty when unknown)
 * @param zip the ZIP code, or null
 * @param point the coordinates (x longitude, y latitude), or null
 */
public record Place(UsState state, List<County> counties, String zip, Point point) {

  public Place {
    counties = List.copyOf(counties);
  }

  /** The one county, or null when none or several. */
  public County county() {
    return counties.size() == 1 ? counties.get(0) : null;
  }

  /** {@code county 47093 (Knox, TN)}, {@code counties 47021 (...), 47037 (...)} or {@code state TN}. */
  public String label() {
    if (counties.size() == 1) {
      return "county " + counties.get(0).label();
    }
    if (counties.size() > 1) {
      return "counties " + counties.stream().map(County::label).collect(Collectors.joining(", "))
          + " -> state " + state.code();
    }
    return "state " + state.code();
  }
}
