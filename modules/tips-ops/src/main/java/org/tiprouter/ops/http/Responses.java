package org.tiprouter.ops.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes complete responses with the headers every tiprouter endpoint sends. */
public final class Responses {

  private Responses() {}

  /** Sends {@code body} with {@code status}; always returns true (the request was handled). */
  public static boolean send(Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    Content.Sink.write(response, true, body, callback);
    return true;
  }
}
