package org.tiprouter.classify.geo;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A USPS city name in one state, with the counties its ZIP codes lie in.
 *
 * @param name the city name as the ZIP table writes it
 * @param state the state
 * @param zips how many ZIP codes carry the name
 * @param zipsByCounty for each county FIPS, how many of those ZIPs lie (at least partly) in it
 */
public record City(String name, UsState state, int zips, SortedMap<String, Integer> zipsByCounty) {

  /** Share of a city's ZIPs one county must hold for the city to be placed in that county. */
  public static final double MAIN_COUNTY_SHARE = 0.75;

  public City {
    zipsByCounty = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(zipsByCounty));
  }

  /** The county holding at least 75% of the city's ZIPs (the lowest FIPS if two do), if any. */
  public Optional<String> mainCounty() {
    for (Map.Entry<String, Integer> entry : zipsByCounty.entrySet()) {
      if (entry.getValue() >= MAIN_COUNTY_SHARE * zips) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }
}
