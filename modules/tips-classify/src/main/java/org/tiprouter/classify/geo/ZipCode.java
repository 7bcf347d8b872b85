package org.tiprouter.classify.geo;

import java.util.List;

/**
 * A ZIP code and the counties it lies in (one for most ZIPs, several for a ZIP that crosses
 * county lines).
 *
 * @param zip five digits
 * @param counties the counties, sorted by FIPS
 * @param city the USPS city name, may be empty
 * @param state the state
 */
public record ZipCode(String zip, List<County> counties, String city, UsState state) {

  public ZipCode {
    counties = List.copyOf(counties);
  }
}
