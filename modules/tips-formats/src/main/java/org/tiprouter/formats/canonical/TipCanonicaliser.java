package org.tiprouter.formats.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.Tip;

/**
 * The last step of every channel's mapping: writes identifiers and locations one way, whatever
 * channel they came from, so tips can be compared and correlated. Phones to E.164, emails trimmed
 * and lower-case, URLs canonical, IP addresses validated and canonical, US states as two-letter
 * codes, ZIPs as five digits. What the source wrote stays in {@code original}; a value that cannot
 * be canonicalised is kept as written (trimmed), never dropped. Channel mappers may already have
 * prepared a value (a username without its leading "@"): the canonical form is computed from the
 * value, not from the original.
 */
public final class TipCanonicaliser {

  /** Hex digests (MD5, SHA-1, SHA-256) compare case-insensitively; other hashes (base64) do not. */
  private static final java.util.regex.Pattern HEX = java.util.regex.Pattern.compile("[0-9a-fA-F]+");

  /** A copy of {@code tip} with canonical identifiers and locations. */
  public Tip canonicalise(Tip tip) {
    Tip.Builder builder = Tip.newBuilder(tip);
    builder.setIdentifiers(canonicalIdentifiers(tip.getIdentifiers()));
    builder.setLocations(canonicalLocations(tip.getLocations()));
    return builder.build();
  }

  List<Identifier> canonicalIdentifiers(List<Identifier> identifiers) {
    List<Identifier> result = new ArrayList<>(identifiers.size());
    for (Identifier identifier : identifiers) {
      String value = identifier.getValue();
      Optional<String> canonical = canonicalValue(identifier.getKind(), value);
      result.add(Identifier.newBuilder(identifier)
          .setOriginal(identifier.getOriginal() != null ? identifier.getOriginal() : value)
          .setValue(canonical.orElse(value == null ? "" : value.strip()))
          .build());
    }
    return result;
  }

  /** The canonical form of one identifier value of {@code kind}. */
  public static Optional<String> canonicalValue(IdentifierKind kind, String text) {
    return switch (kind) {
      case PHONE -> PhoneNumbers.e164(text);
      case EMAIL -> Emails.canonical(text);
      case URL -> Urls.canonical(text);
      case IP -> IpAddresses.canonical(text);
      case FILE_HASH -> Optional.ofNullable(text).map(String::strip)
          .map(value -> HEX.matcher(value).matches() ? value.toLowerCase(java.util.Locale.ROOT) : value);
      default -> Optional.ofNullable(text).map(String::strip);
    };
  }

  List<Location> canonicalLocations(List<Location> locations) {
    List<Location> result = new ArrayList<>(locations.size());
    for (Location location : locations) {
      Location.Builder builder = Location.newBuilder(location);
      if (location.getState() != null) {
        UsStates.code(location.getState()).ifPresent(builder::setState);
      }
      if (location.getZip() != null) {
        ZipCodes.five(location.getZip()).ifPresent(builder::setZip);
      }
      if (location.getCountry() != null) {
        builder.setCountry(location.getCountry().strip().toUpperCase(java.util.Locale.ROOT));
      }
      result.add(builder.build());
    }
    return result;
  }
}
