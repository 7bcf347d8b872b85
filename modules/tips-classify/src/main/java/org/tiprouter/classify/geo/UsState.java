package org.tiprouter.classify.geo;

/**
 * A US state, the District of Columbia or a territory.
 *
 * @param fips two-digit state FIPS code, e.g. 47
 * @param code two-letter postal code, e.g. TN
 * @param name name, e.g. Tennessee
 */
public record UsState(String fips, String code, String name) {}
