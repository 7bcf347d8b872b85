package org.tiprouter.formats.canonical;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * US states, DC and the territories as their two-letter USPS codes, from a code or a name in any
 * case ("tn", "Tennessee", "District of Columbia").
 */
public final class UsStates {

  private static final String[][] STATES = {
      {"AL", "Alabama"}, {"AK", "Alaska"}, {"AZ", "Arizona"}, {"AR", "Arkansas"}, {"CA", "California"},
      {"CO", "Colorado"}, {"CT", "Connecticut"}, {"DE", "Delaware"}, {"DC", "District of Columbia"},
      {"FL", "Florida"}, {"GA", "Georgia"}, {"HI", "Hawaii"}, {"ID", "Idaho"}, {"IL", "Illinois"},
      {"IN", "Indiana"}, {"IA", "Iowa"}, {"KS", "Kansas"}, {"KY", "Kentucky"}, {"LA", "Louisiana"},
      {"ME", "Maine"}, {"MD", "Maryland"}, {"MA", "Massachusetts"}, {"MI", "Michigan"}, {"MN", "Minnesota"},
      {"MS", "Mississippi"}, {"MO", "Missouri"}, {"MT", "Montana"}, {"NE", "Nebraska"}, {"NV", "Nevada"},
      {"NH", "New Hampshire"}, {"NJ", "New Jersey"}, {"NM", "New Mexico"}, {"NY", "New York"},
      {"NC", "North Carolina"}, {"ND", "North Dakota"}, {"OH", "Ohio"}, {"OK", "Oklahoma"}, {"OR", "Oregon"},
      {"PA", "Pennsylvania"}, {"RI", "Rhode Island"}, {"SC", "South Carolina"}, {"SD", "South Dakota"},
      {"TN", "Tennessee"}, {"TX", "Texas"}, {"UT", "Utah"}, {"VT", "Vermont"}, {"VA", "Virginia"},
      {"WA", "Washington"}, {"WV", "West Virginia"}, {"WI", "Wisconsin"}, {"WY", "Wyoming"},
      {"PR", "Puerto Rico"}, {"GU", "Guam"}, {"VI", "U.S. Virgin Islands"}, {"AS", "American Samoa"},
      {"MP", "Northern Mariana Islands"}};

  private static final Map<String, String> BY_TEXT = new HashMap<>();

  static {
    for (String[] state : STATES) {
      BY_TEXT.put(key(state[0]), state[0]);
      BY_TEXT.put(key(state[1]), state[0]);
    }
    BY_TEXT.put(key("Washington DC"), "DC");
    BY_TEXT.put(key("Washington D.C."), "DC");
    BY_TEXT.put(key("Virgin Islands"), "VI");
  }

  private UsStates() {}

  /** The two-letter code, or empty when the text names no US state or territory. */
  public static Optional<String> code(String text) {
    return text == null ? Optional.empty() : Optional.ofNullable(BY_TEXT.get(key(text)));
  }

  /** Every code: the 50 states, DC, PR and the other territories. */
  public static Set<String> codes() {
    return Set.copyOf(BY_TEXT.values());
  }

  private static String key(String text) {
    return text.strip().replace(".", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
