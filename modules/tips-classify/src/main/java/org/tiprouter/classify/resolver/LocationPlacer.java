package org.tiprouter.classify.resolver;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.tiprouter.classify.geo.City;
import org.tiprouter.classify.geo.County;
import org.tiprouter.classify.geo.PhonePlaces;
import org.tiprouter.classify.geo.Place;
import org.tiprouter.classify.geo.ReferenceData;
import org.tiprouter.classify.geo.UsState;
import org.tiprouter.classify.geo.ZipCode;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;

/**
 * Places each location of a tip (and the caller's phone number) in a US state, county or point,
 * from its most precise part: coordinates, then ZIP or county, then city and state, then state.
 * Pure; uses only the bundled reference data.
 */
public final class LocationPlacer {

  /** US country codes: the states and the territories with their own ISO code. */
  private static final Set<String> US = Set.of("US", "USA", "PR", "GU", "VI", "AS", "MP");

  /**
   * What the tip's locations gave.
   *
   * @param placements every placed location, in the order they are tried
   * @param notes what could not be placed, and why, as text
   * @param ambiguousCity true when a city name without state matched several states
   * @param foreign true when a location lies outside the United States
   * @param anyLead true when the tip had any location or caller number at all
   */
  public record Placements(List<Placement> placements, List<String> notes, boolean ambiguousCity, boolean foreign,
      boolean anyLead) {
    public Placements {
      placements = List.copyOf(placements);
      notes = List.copyOf(notes);
    }
  }

  private final ReferenceData reference;
  private final PhonePlaces phones;

  public LocationPlacer(ReferenceData reference) {
    this.reference = reference;
    this.phones = new PhonePlaces(reference);
  }

  public Placements place(Tip tip) {
    List<Placement> placements = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean[] flags = new boolean[2];
    int index = 0;
    for (Location location : tip.getLocations()) {
      placeLocation(location, index++, notes, flags).ifPresent(placements::add);
    }
    Set<String> numbers = callerNumbers(tip);
    for (String number : numbers) {
      placePhone(number, tip.getChannel(), index++, notes).ifPresent(placements::add);
    }
    placements.sort(Placement::compare);
    boolean anyLead = !tip.getLocations().isEmpty() || !numbers.isEmpty();
    return new Placements(placements, notes, flags[0], flags[1], anyLead);
  }

  private Optional<Placement> placeLocation(Location location, int index,
      List<String> notes, boolean[] flags) {
    LocationRole role = location.getRole();
    String who = Placement.roleLabel(role);
    String country = trimmed(location.getCountry());
    if (country != null && !US.contains(country.toUpperCase(Locale.ROOT))) {
      notes.add(who + " location in " + country.toUpperCase(Locale.ROOT) + " is outside the United States");
      flags[1] = true;
      return Optional.empty();
    }
    boolean estimate = role == LocationRole.ESP_ESTIMATE || role == LocationRole.IP;
    boolean areaCode = location.getPrecision() == LocationPrecision.AREA_CODE;
    String zipText = zip(location.getZip());

    if (location.getLatitude() != null && location.getLongitude() != null) {
      double lat = location.getLatitude();
      double lon = location.getLongitude();
      String coordinates = String.format(Locale.ROOT, "%.4f,%.4f", lat, lon);
      Optional<County> county = Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? reference.countyAt(lat, lon) : Optional.empty();
      if (county.isPresent()) {
        Point point = ReferenceData.GEOMETRY.createPoint(new Coordinate(lon, lat));
        Place place = new Place(county.get().state(), List.of(county.get()), zipText, point);
        return Optional.of(placement(location, index, Evidence.COORDINATES, estimate, areaCode, place,
            who + " coordinates " + coordinates + " -> " + place.label()));
      }
      notes.add(who + " coordinates " + coordinates + " lie in no US county");
    }
    if (zipText != null) {
      Optional<ZipCode> zip = reference.zip(zipText);
      if (zip.isPresent()) {
        Place place = new Place(zip.get().state(), zip.get().counties(), zipText, null);
        return Optional.of(placement(location, index, Evidence.ZIP, estimate, areaCode, place,
            who + " ZIP " + zipText + " -> " + place.label()));
      }
      notes.add(who + " ZIP " + zipText + " is not a known US ZIP code");
    }
    Optional<UsState> state = reference.state(location.getState());
    Optional<County> county = reference.county(location.getCountyFips());
    if (county.isEmpty() && state.isPresent() && trimmed(location.getCounty()) != null) {
      List<County> named = reference.countiesNamed(location.getCounty(), state.get().code());
      county = named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
    if (county.isPresent()) {
      Place place = new Place(county.get().state(), List.of(county.get()), null, null);
      return Optional.of(placement(location, index, Evidence.COUNTY, estimate, areaCode, place,
          who + " county " + county.get().label()));
    }
    String city = trimmed(location.getCity());
    if (city != null) {
      Optional<Placement> byCity = placeCity(location, index, city, state, estimate, areaCode, notes, flags);
      if (byCity.isPresent()) {
        return byCity;
      }
    }
    if (state.isPresent()) {
      Place place = new Place(state.get(), List.of(), null, null);
      return Optional.of(placement(location, index, Evidence.STATE, estimate, areaCode, place,
          who + " state " + state.get().code()));
    }
    if (trimmed(location.getState()) != null) {
      notes.add(who + " state '" + location.getState() + "' is not a US state");
    } else if (city == null && zipText == null && location.getLatitude() == null) {
      notes.add(who + " location has no coordinates, ZIP, county, city or state");
    }
    return Optional.empty();
  }

  private Optional<Placement> placeCity(Location location, int index, String city, Optional<UsState> state,
      boolean estimate, boolean areaCode, List<String> notes, boolean[] flags) {
    String who = Placement.roleLabel(location.getRole());
    Map<String, City> byState = reference.cities(city);
    City found;
    if (state.isPresent()) {
      found = byState.get(state.get().code());
      if (found == null) {
        notes.add(who + " city " + city + ", " + state.get().code() + " is not a known city of " + state.get().code());
        return Optional.empty();
      }
    } else if (byState.size() > 1) {
      notes.add(who + " city " + city + " without a state is ambiguous: it exists in "
          + String.join(", ", byState.keySet()));
      flags[0] = true;
      return Optional.empty();
    } else if (byState.size() == 1) {
      found = byState.values().iterator().next();
    } else {
      notes.add(who + " city " + city + " is not a known US city");
      return Optional.empty();
    }
    Place place = cityPlace(found);
    return Optional.of(placement(location, index, Evidence.CITY, estimate, areaCode, place,
        who + " city " + city + ", " + found.state().code() + cityShare(found, place) + " -> " + place.label()));
  }

  /** The city's main county when it holds at least 75% of its ZIPs, else every county it touches. */
  private Place cityPlace(City city) {
    List<County> counties = city.mainCounty().map(List::of).orElse(List.copyOf(city.zipsByCounty().keySet()))
        .stream().map(reference::county).flatMap(Optional::stream).toList();
    return new Place(city.state(), counties, null, null);
  }

  private static String cityShare(City city, Place place) {
    return place.county() == null ? "" : " (" + city.zipsByCounty().get(place.county().fips()) + " of " + city.zips()
        + " ZIPs)";
  }

  private Optional<Placement> placePhone(String number, Channel channel, int index, List<String> notes) {
    LocationRole role = channel == Channel.PHONE ? LocationRole.CALLER : LocationRole.REPORTER;
    String who = Placement.roleLabel(role);
    Optional<PhonePlaces.PhonePlace> found = phones.place(number);
    String areaCode = number.startsWith("+1") && number.length() >= 5 ? number.substring(2, 5) : "?";
    if (found.isEmpty()) {
      notes.add(who + " phone number (area code " + areaCode + ") has no known US place");
      return Optional.empty();
    }
    PhonePlaces.PhonePlace phone = found.get();
    City city = phone.city() == null ? null : reference.cities(phone.city()).get(phone.state().code());
    Place place = city == null ? new Place(phone.state(), List.of(), null, null) : cityPlace(city);
    Location location = Location.newBuilder()
        .setRole(role)
        .setPrecision(LocationPrecision.AREA_CODE)
        .setCity(phone.city())
        .setCounty(place.county() == null ? null : place.county().name())
        .setCountyFips(place.county() == null ? null : place.county().fips())
        .setState(phone.state().code())
        .setCountry("US")
        .setSource("phone area code " + areaCode)
        .build();
    String text = who + " phone area code " + areaCode + " -> " + phone.description() + " -> " + place.label();
    return Optional.of(new Placement(role, null, Evidence.AREA_CODE, Evidence.AREA_CODE.tier(), place, location,
        text, index));
  }

  private static Placement placement(Location location, int index, Evidence evidence, boolean estimate,
      boolean areaCode, Place place, String text) {
    int tier = areaCode ? Evidence.AREA_CODE.tier() : estimate ? Math.max(evidence.tier(), Evidence.ESTIMATE.tier())
        : evidence.tier();
    Location.Builder enriched = Location.newBuilder(location).setState(place.state().code());
    if (place.county() != null) {
      enriched.setCountyFips(place.county().fips()).setCounty(place.county().name());
    }
    if (location.getCountry() == null) {
      enriched.setCountry("US");
    }
    return new Placement(location.getRole(), location.getSubjectIndex(), evidence, tier, place, enriched.build(),
        text, index);
  }

  /** The caller's or reporter's numbers: the reporter's phone and phone identifiers of the reporter. */
  private static Set<String> callerNumbers(Tip tip) {
    Set<String> numbers = new LinkedHashSet<>();
    Reporter reporter = tip.getReporter();
    if (reporter != null && !reporter.getAnonymous() && trimmed(reporter.getPhone()) != null) {
      numbers.add(reporter.getPhone().trim());
    }
    for (Identifier identifier : tip.getIdentifiers()) {
      if (identifier.getKind() == IdentifierKind.PHONE && identifier.getSubjectRole() == SubjectRole.REPORTER) {
        numbers.add(identifier.getValue().trim());
      }
    }
    return numbers.stream().filter(number -> !number.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static String zip(String zip) {
    String text = trimmed(zip);
    if (text == null) {
      return null;
    }
    return text.matches("\\d{5}(-\\d{4})?") ? text.substring(0, 5) : text;
  }

  private static String trimmed(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
