package org.tiprouter.classify.resolver;

import org.tiprouter.classify.geo.Place;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationRole;

/**
 * One location of a tip, placed.
 *
 * @param role whose location it is
 * @param subjectIndex which victim, suspect or recipient; null otherwise
 * @param evidence what the placement rests on
 * @param tier rank of the evidence (1 coordinates .. 6 state only), estimates at 4, area codes at 5
 * @param place where it was placed
 * @param location the tip's location with the county and state the placement derived
 * @param text how it was placed, e.g. {@code incident ZIP 37902 -> county 47093 (Knox, TN)}
 * @param index position of the location in the tip (phones after the locations), the last tie-break
 */
public record Placement(LocationRole role, Integer subjectIndex, Evidence evidence, int tier, Place place,
    Location location, String text, int index) {

  /** Incident and victim locations outrank every other role. */
  int roleGroup() {
    return role == LocationRole.INCIDENT || role == LocationRole.VICTIM ? 0 : 1;
  }

  int roleRank() {
    return switch (role) {
      case INCIDENT -> 0;
      case VICTIM -> 1;
      case SUSPECT -> 2;
      case ESP_ESTIMATE -> 3;
      case IP -> 4;
      case RECIPIENT -> 5;
      case REPORTER -> 6;
      case CALLER -> 7;
      default -> 8;
    };
  }

  /** The key placements are tried in: role group, evidence tier, role, position in the tip. */
  static int compare(Placement a, Placement b) {
    int c = Integer.compare(a.roleGroup(), b.roleGroup());
    if (c == 0) {
      c = Integer.compare(a.tier, b.tier);
    }
    if (c == 0) {
      c = Integer.compare(a.roleRank(), b.roleRank());
    }
    return c != 0 ? c : Integer.compare(a.index, b.index);
  }

  /** Human label of a role: {@code incident}, {@code ESP estimate}, ... */
  static String roleLabel(LocationRole role) {
    return switch (role) {
      case INCIDENT -> "incident";
      case VICTIM -> "victim";
      case SUSPECT -> "suspect";
      case REPORTER -> "reporter";
      case CALLER -> "caller";
      case RECIPIENT -> "recipient";
      case IP -> "IP location";
      case ESP_ESTIMATE -> "ESP estimate";
      default -> "other location";
    };
  }
}
