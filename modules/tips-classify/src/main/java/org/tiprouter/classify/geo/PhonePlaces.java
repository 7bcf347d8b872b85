package org.tiprouter.classify.geo;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a US telephone number's area code (and exchange, where libphonenumber knows it) is, using
 * libphonenumber's offline geocoder. A number says where it was issued, not where its holder is:
 * the weakest evidence the resolver uses.
 */
public final class PhonePlaces {

  /** What the geocoder said: a city (may be null) in a state. */
  public record PhonePlace(String number, String city, UsState state, String description) {}

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
  private final ReferenceData reference;

  public PhonePlaces(ReferenceData reference) {
    this.reference = reference;
  }

  /** The place of a number in E.164 (or US national form), when it is a US number the geocoder knows. */
  public Optional<PhonePlace> place(String number) {
    if (number == null || number.isBlank()) {
      return Optional.empty();
    }
    PhoneNumber parsed;
    try {
      parsed = util.parse(number, "US");
    } catch (NumberParseException e) {
      return Optional.empty();
    }
    if (parsed.getCountryCode() != 1) {
      return Optional.empty();
    }
    String description = geocoder.getDescriptionForNumber(parsed, Locale.ENGLISH);
    if (description == null || description.isBlank()) {
      return Optional.empty();
    }
    String e164 = util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
    int comma = description.lastIndexOf(',');
    if (comma > 0) {
      Optional<UsState> state = reference.state(description.substring(comma + 1).trim());
      if (state.isPresent()) {
        return Optional.of(new PhonePlace(e164, description.substring(0, comma).trim(), state.get(), description));
      }
    }
    return reference.state(description.trim()).map(state -> new PhonePlace(e164, null, state, description));
  }
}
