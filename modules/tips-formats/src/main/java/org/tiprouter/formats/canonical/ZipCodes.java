package org.tiprouter.formats.canonical;

import java.util.Optional;
import java.util.regex.Pattern;

/** US ZIP codes as five digits: "37902-1234" and "379021234" become "37902". */
public final class ZipCodes {

  private static final Pattern ZIP = Pattern.compile("(\\d{5})(?:[-\\s]?\\d{4})?");

  private ZipCodes() {}

  /** The five-digit ZIP, or empty when the text is not a ZIP or ZIP+4. */
  public static Optional<String> five(String text) {
    if (text == null) {
      return Optional.empty();
    }
    var matcher = ZIP.matcher(text.strip());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
