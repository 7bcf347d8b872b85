package org.tiprouter.classify.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;

/**
 * A county (or county equivalent) with its boundary.
 *
 * @param fips five-digit county FIPS code, e.g. 47093
 * @param name name without the word County, e.g. Knox
 * @param state the state it lies in
 * @param boundary its Census cartographic boundary (1:10m), WGS84
 */
public record County(String fips, String name, UsState state, PreparedGeometry boundary) {

  /** Readable form used in decision reasons: {@code 47093 (Knox, TN)}. */
  public String label() {
    return fips + " (" + name + ", " + state.code() + ")";
  }

  public Geometry geometry() {
    return boundary.getGeometry();
  }
}
