package org.tiprouter.ops.http;

import org.eclipse.jetty.server.Request;

/**
 * The address a request came from, used only as the input of the rate limiter's keyed hash:
 * never stored, logged or put into a tip.
 */
public final class ClientAddress {

  private ClientAddress() {}

  /**
   * The connection's peer address or, behind a trusted proxy, the last {@code X-Forwarded-For}
   * entry (the one the proxy added; earlier entries are whatever the client claimed).
   */
  public static String of(Request request, boolean trustForwardedFor) {
    if (trustForwardedFor) {
      String forwarded = request.getHeaders().get("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        if (!last.isEmpty()) {
          return last;
        }
      }
    }
    return Request.getRemoteAddr(request);
  }
}
