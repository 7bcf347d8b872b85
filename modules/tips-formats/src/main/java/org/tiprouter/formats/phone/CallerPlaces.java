package org.tiprouter.formats.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.formats.canonical.PhoneNumbers;
import org.tiprouter.formats.canonical.UsStates;

/**
 * Where a caller probably is, as low-precision {@code CALLER} locations kept apart from the
 * incident's: from the number's area code (libphonenumber's offline geocoder; a number says where
 * it was issued, not where its holder is) and from what a telephony provider says
 * ({@code FromCity}, {@code FromState}, {@code FromZip}, which it derives the same way).
 */
public final class CallerPlaces {

  private static final PhoneNumberOfflineGeocoder GEOCODER = PhoneNumberOfflineGeocoder.getInstance();
  private static final Pattern ZIP = Pattern.compile("([0-9]{5})(-?[0-9]{4})?");
  private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");

  private CallerPlaces() {}

  /**
   * The place of the caller's number: precision {@code AREA_CODE}, the state and, where the
   * geocoder knows it, the city; empty for numbers outside the US and numbers it cannot place.
   *
   * @param source the input field it came from, e.g. {@code call.callerNumber}
   */
  public static Optional<Location> ofNumber(String number, String source) {
    Optional<PhoneNumber> parsed = PhoneNumbers.parse(number);
    if (parsed.isEmpty() || parsed.get().getCountryCode() != 1
        || !"US".equals(PhoneNumberUtil.getInstance().getRegionCodeForNumber(parsed.get()))) {
      return Optional.empty();
    }
    String description = GEOCODER.getDescriptionForNumber(parsed.get(), Locale.ENGLISH);
    if (description == null || description.isBlank()) {
      return Optional.empty();
    }
    String city = null;
    Optional<String> state;
    int comma = description.lastIndexOf(',');
    if (comma > 0) {
      city = description.substring(0, comma).trim();
      state = UsStates.code(description.substring(comma + 1).trim());
    } else {
      state = UsStates.code(description.trim());
    }
    if (state.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Location.newBuilder()
        .setRole(LocationRole.CALLER)
        .setPrecision(LocationPrecision.AREA_CODE)
        .setCity(city)
        .setState(state.get())
        .setCountry("US")
        .setOriginal(description)
        .setSource(source)
        .build());
  }

  /**
   * The caller's place as a telephony provider gave it: precision {@code ZIP} with a ZIP,
   * {@code CITY} with a city, else {@code STATE}; empty when it gave none of them.
   *
   * @param prefix the source prefix, e.g. {@code twilio.} (the source names the most precise part)
   */
  public static Optional<Location> ofProvider(String city, String state, String zip, String country, String prefix) {
    String countryCode = country != null && COUNTRY.matcher(country.trim()).matches()
        ? country.trim().toUpperCase(Locale.ROOT) : null;
    boolean inUs = countryCode == null || countryCode.equals("US");
    String stateCode = state == null ? null : inUs ? UsStates.code(state.trim()).orElse(null) : null;
    String region = state != null && stateCode == null ? state.trim() : null;
    var zipMatch = zip == null ? null : ZIP.matcher(zip.trim());
    String zip5 = zipMatch != null && zipMatch.matches() && inUs ? zipMatch.group(1) : null;
    String cityName = city == null || city.isBlank() ? null : city.trim();
    LocationPrecision precision = zip5 != null ? LocationPrecision.ZIP : cityName != null ? LocationPrecision.CITY
        : stateCode != null || region != null ? LocationPrecision.STATE : LocationPrecision.UNKNOWN;
    if (precision == LocationPrecision.UNKNOWN) {
      return Optional.empty();
    }
    String part = zip5 != null ? "FromZip" : cityName != null ? "FromCity" : "FromState";
    return Optional.of(Location.newBuilder()
        .setRole(LocationRole.CALLER)
        .setPrecision(precision)
        .setCity(cityName)
        .setState(stateCode)
        .setRegion(region)
        .setZip(zip5)
        .setCountry(countryCode)
        .setSource(prefix + part)
        .build());
  }
}
