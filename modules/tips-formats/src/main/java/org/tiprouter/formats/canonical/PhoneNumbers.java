package org.tiprouter.formats.canonical;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers in E.164 (+18655551234) with Google's libphonenumber; US is the default region. */
public final class PhoneNumbers {

  public static final String DEFAULT_REGION = "US";
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_LENGTH = 64;

  private PhoneNumbers() {}

  /** The number in E.164, or empty when the text is not a possible phone number. */
  public static Optional<String> e164(String text) {
    return parse(text).map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  /** The parsed number, or empty when the text is not a possible phone number. */
  public static Optional<PhoneNumber> parse(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(text.trim(), DEFAULT_REGION);
      // IS_POSSIBLE_LOCAL_ONLY (a 7-digit US number without area code) cannot be written in E.164.
      return UTIL.isPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE
          ? Optional.of(number) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
