package org.tiprouter.ops.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Reads request bodies with a size limit enforced before anything is parsed: a declared length
 * over the limit is refused without reading, and an undeclared (chunked) body is never read past
 * the limit. An oversized body up to {@link #DRAIN_LIMIT} is read and discarded so the client still
 * receives its 413; beyond that the connection is closed.
 */
public final class RequestBodies {

  /** How much of an oversized body is read and thrown away so the sender still gets its answer. */
  public static final long DRAIN_LIMIT = 1024 * 1024;

  private RequestBodies() {}

  /**
   * The body, or empty when it is larger than {@code limit} (the caller answers 413; the oversized
   * body has been drained or the connection marked for closing).
   *
   * @throws IOException when the body cannot be read
   */
  public static Optional<byte[]> readAtMost(Request request, Response response, int limit) throws IOException {
    InputStream in = Content.Source.asInputStream(request);
    if (request.getLength() > limit) {
      drain(in, response);
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] chunk = new byte[8192];
    int total = 0;
    for (int n; (n = in.read(chunk)) != -1; ) {
      total += n;
      if (total > limit) {
        drain(in, response);
        return Optional.empty();
      }
      out.write(chunk, 0, n);
    }
    return Optional.of(out.toByteArray());
  }

  /**
   * Reads and discards the body of a request that is refused before its body is read (403, 415,
   * 429, ...), up to {@link #DRAIN_LIMIT}, so that the client receives the refusal instead of a
   * reset connection; beyond the limit the connection is marked for closing.
   */
  public static void discard(Request request, Response response) {
    drain(Content.Source.asInputStream(request), response);
  }

  private static void drain(InputStream in, Response response) {
    try {
      long skipped = 0;
      byte[] sink = new byte[8192];
      for (int n; skipped <= DRAIN_LIMIT && (n = in.read(sink)) != -1; ) {
        skipped += n;
      }
      if (skipped > DRAIN_LIMIT) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
    } catch (IOException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }
}
