package org.tiprouter.classify.resolver;

/**
 * What a placement rests on, from the most to the least precise. ESP estimates and IP locations
 * rank below city and state whatever they contain, and a caller's area code below them.
 */
public enum Evidence {
  COORDINATES(1, "coordinates"),
  ZIP(2, "ZIP"),
  COUNTY(2, "county"),
  CITY(3, "city"),
  ESTIMATE(4, "estimate"),
  AREA_CODE(5, "area code"),
  STATE(6, "state");

  private final int tier;
  private final String label;

  Evidence(int tier, String label) {
    this.tier = tier;
    this.label = label;
  }

  /** 1 (coordinates) to 6 (state only): lower is tried first. */
  public int tier() {
    return tier;
  }

  public String label() {
    return label;
  }
}
