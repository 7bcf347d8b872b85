package org.tiprouter.formats.canonical;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * URLs in one form: scheme and host lower-case, default ports dropped, an empty path as "/". A URL
 * written without a scheme ({@code example.com/page}) is read as http. Nothing is fetched or looked up.
 */
public final class Urls {

  private static final int MAX_LENGTH = 4096;

  private Urls() {}

  /** The canonical URL, or empty when the text is not an http(s) or ftp URL. */
  public static Optional<String> canonical(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (!trimmed.contains("://")) {
      trimmed = "http://" + trimmed;
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost();
      if (scheme == null || host == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp"))) {
        return Optional.empty();
      }
      int port = uri.getPort();
      if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)
          || (scheme.equals("ftp") && port == 21)) {
        port = -1;
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      URI canonical = new URI(scheme, uri.getRawUserInfo() == null ? null : uri.getUserInfo(),
          host.toLowerCase(Locale.ROOT), port, null, null, null);
      StringBuilder result = new StringBuilder(canonical.toString()).append(path);
      if (uri.getRawQuery() != null) {
        result.append('?').append(uri.getRawQuery());
      }
      if (uri.getRawFragment() != null) {
        result.append('#').append(uri.getRawFragment());
      }
      return Optional.of(result.toString());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
