package org.tiprouter.ops.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty server on one host and port with a bounded thread pool, no request log (so no client
 * address is ever written), and a start that fails with a message naming the port and the option
 * that changes it. Every tiprouter HTTP endpoint (intakes, operations) is one of these.
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  /** Answers one request; return true when it was handled (it always should be). */
  @FunctionalInterface
  public interface RequestHandler {
    boolean handle(Request request, Response response, Callback callback) throws Exception;
  }

  private final String name;
  private final String portOption;
  private final Server server;
  private final ServerConnector connector;

  /**
   * @param name what this endpoint is, for messages ("Web intake", "Operations")
   * @param host interface to bind
   * @param port port; 0 picks a free one
   * @param portOption the option or setting that changes the port, named when it is taken
   * @param maxThreads request threads at most
   * @param handler the requests' handler
   */
  public HttpEndpoint(String name, String host, int port, String portOption, int maxThreads, RequestHandler handler) {
    this.name = name;
    this.portOption = portOption;
    QueuedThreadPool threads = new QueuedThreadPool(maxThreads, Math.min(2, maxThreads));
    threads.setName(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-http");
    this.server = new Server(threads);
    this.connector = new ServerConnector(server, 1, 1);
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return handler.handle(request, response, callback);
      }
    });
  }

  /** Starts listening; a taken port fails with a message naming it and its option. */
  public HttpEndpoint start() {
    try {
      server.start();
    } catch (Exception e) {
      close();
      throw new IllegalStateException(name + " port " + connector.getPort() + " on " + connector.getHost()
          + " is not available (" + e.getMessage() + "); choose another with " + portOption, e);
    }
    LOG.info("{} on http://{}:{}/", name, connector.getHost(), port());
    return this;
  }

  /** The port actually bound. */
  public int port() {
    return connector.getLocalPort();
  }

  public String host() {
    return connector.getHost();
  }

  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly: {}", name, e.getMessage());
    }
  }
}
