package org.tiprouter.ingest.web;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Refuses form posts that another site's page made a browser send (cross-site request forgery).
 * Browsers label every request: {@code Sec-Fetch-Site} (current browsers) says whether it came
 * from the same origin, and {@code Origin} (on every POST, older browsers too) says which origin
 * it came from. A post is allowed when its origin is in the allowed list, or
 * {@code Sec-Fetch-Site} is {@code same-origin} or {@code none} (typed by the user), or, without
 * that header, its {@code Origin} has the request's own host; a post with neither header did not
 * come from a browser page and is allowed. No cookie or session is needed, so the tipster's
 * browser keeps no trace of the report.
 */
final class CrossOriginCheck {

  private final Set<String> allowedOrigins;

  CrossOriginCheck(Iterable<String> allowedOrigins) {
    this.allowedOrigins = java.util.stream.StreamSupport.stream(allowedOrigins.spliterator(), false)
        .map(origin -> origin.trim().toLowerCase(Locale.ROOT)).filter(origin -> !origin.isEmpty())
        .map(origin -> origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin)
        .collect(Collectors.toUnmodifiableSet());
  }

  boolean allows(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
      return true;
    }
    String site = request.getHeaders().get("Sec-Fetch-Site");
    if (site != null) {
      return site.equalsIgnoreCase("same-origin") || site.equalsIgnoreCase("none");
    }
    if (origin == null) {
      return true;
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    return host != null && host.equalsIgnoreCase(authorityOf(origin));
  }

  private static String authorityOf(String origin) {
    try {
      URI uri = URI.create(origin.trim());
      return uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
