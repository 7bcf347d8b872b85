package org.tiprouter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.Responses;

/**
 * The operations endpoint of a process: {@code /health/live} (the process answers),
 * {@code /health/ready} (every registered component is ready; 503 otherwise) and {@code /} (a
 * plain status page). Bound to one host and port; metrics and the dashboard join it later.
 */
public final class OpsServer implements AutoCloseable {

  /** The option that sets the operations port, named when the port is taken. */
  public static final String PORT_OPTION = "--ops-port";

  private final HttpEndpoint endpoint;
  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param host the interface to bind, normally 127.0.0.1
   * @param port the port; 0 picks a free one
   */
  public OpsServer(String host, int port) {
    this.endpoint = new HttpEndpoint("Operations", host, port, PORT_OPTION, 16, this::serve);
  }

  /** Adds a component whose readiness decides {@code /health/ready}. */
  public OpsServer register(HealthCheck check) {
    checks.add(check);
    return this;
  }

  /** Starts serving; fails with a message naming the port when it is taken. */
  public OpsServer start() {
    endpoint.start();
    return this;
  }

  public int port() {
    return endpoint.port();
  }

  /** Whether every registered component is ready. */
  public boolean ready() {
    return checks.stream().allMatch(check -> check.check().ready());
  }

  private boolean serve(Request request, Response response, Callback callback) {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return Responses.send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "method not allowed\n");
    }
    String path = Request.getPathInContext(request);
    switch (path) {
      case "/health/live":
        return Responses.send(response, callback, 200, "application/json", "{\"status\":\"UP\"}");
      case "/health/ready":
        ObjectNode body = readiness();
        boolean up = "UP".equals(body.get("status").asText());
        return Responses.send(response, callback, up ? 200 : 503, "application/json", body.toString());
      case "/":
        return Responses.send(response, callback, 200, "text/plain; charset=utf-8", statusPage());
      default:
        return Responses.send(response, callback, 404, "text/plain", "not found\n");
    }
  }

  private ObjectNode readiness() {
    ObjectNode body = json.createObjectNode();
    ArrayNode components = body.putArray("checks");
    boolean allUp = true;
    for (HealthCheck check : checks) {
      HealthCheck.Status status = check.check();
      allUp &= status.ready();
      components.addObject().put("name", check.name()).put("status", status.ready() ? "UP" : "DOWN")
          .put("detail", status.detail());
    }
    body.put("status", allUp ? "UP" : "DOWN");
    return body;
  }

  private String statusPage() {
    StringBuilder page = new StringBuilder("tiprouter operations\n\n");
    for (HealthCheck check : checks) {
      HealthCheck.Status status = check.check();
      page.append(String.format("%-24s %-5s %s%n", check.name(), status.ready() ? "UP" : "DOWN", status.detail()));
    }
    page.append("\nendpoints: /health/live /health/ready\n");
    return page.toString();
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
