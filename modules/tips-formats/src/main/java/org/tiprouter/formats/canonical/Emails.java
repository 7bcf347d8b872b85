package org.tiprouter.formats.canonical;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Email addresses trimmed and lower-cased, so the same mailbox compares equal across tips. */
public final class Emails {

  private static final Pattern SHAPE = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,255}");

  private Emails() {}

  /** The canonical address, or empty when the text is not shaped like one. */
  public static Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("mailto:")) {
      trimmed = trimmed.substring("mailto:".length());
    }
    return SHAPE.matcher(trimmed).matches() && trimmed.indexOf('.', trimmed.indexOf('@')) > 0
        ? Optional.of(trimmed.toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
