package org.tiprouter.ingest.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends the intake's HTML pages with the security headers they need: a content security policy
 * that allows only this origin's own files (no inline script or style, nothing from elsewhere,
 * no framing, forms post only here), no caching (nothing of a report stays on a shared device),
 * and a referrer policy that keeps the page's address from other sites while still letting the
 * browser name this origin on the form's own post (see {@link CrossOriginCheck}).
 */
final class HtmlPages {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'; object-src 'none'";

  private HtmlPages() {}

  static boolean send(Response response, Callback callback, int status, String html) {
    response.setStatus(status);
    securityHeaders(response);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, html, callback);
    return true;
  }

  static boolean sendStylesheet(Response response, Callback callback, String css) {
    response.setStatus(200);
    securityHeaders(response);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/css; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=3600");
    Content.Sink.write(response, true, css, callback);
    return true;
  }

  private static void securityHeaders(Response response) {
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put("Referrer-Policy", "same-origin");
    response.getHeaders().put("Cross-Origin-Opener-Policy", "same-origin");
    response.getHeaders().put("Cross-Origin-Resource-Policy", "same-origin");
    response.getHeaders().put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
  }

  /** Escapes text for HTML element content and double-quoted attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** A page with the shared head and the emergency banner around {@code main}. */
  static String page(String title, String main) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s</title>
        <link rel="stylesheet" href="%s">
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <div class="emergency" role="region" aria-label="Emergency">
        <p><strong>If a child is in danger right now, call 911.</strong></p>
        <p>This form is not for emergencies: a report can take time to reach the right police agency.</p>
        <p><a class="call" href="tel:911">Call 911</a></p>
        </div>
        <main id="main" tabindex="-1">
        %s
        </main>
        </body>
        </html>
        """.formatted(escape(title), WebIntakeServer.STYLESHEET_PATH, main);
  }

  /** A short page with a heading, a message and a way back to the form. */
  static String message(String title, String message) {
    return page(title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(message) + "</p>\n"
        + "<p><a href=\"/\">Go to the report form</a></p>");
  }
}
