package org.tiprouter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.Responses;
import org.tiprouter.ops.metrics.OpsMetrics;

/**
 * The operations endpoint of a process: {@code /health/live} (the process answers),
 * {@code /health/ready} (every registered component is ready; 503 otherwise), {@code /metrics}
 * (Prometheus text, once {@link #metrics(OpsMetrics)} is set), {@code /} (the operator's dashboard:
 * a self-contained page with its script {@code /dashboard.js} and style sheet
 * {@code /dashboard.css}, polling {@code /dashboard.json}). Bound to one host and port.
 */
public final class OpsServer implements AutoCloseable {

  /** The option that sets the operations port, named when the port is taken. */
  public static final String PORT_OPTION = "--ops-port";

  private final HttpEndpoint endpoint;
  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  /** No external origin, no inline script or style: everything comes from this server. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private volatile OpsMetrics metrics;
  private volatile Dashboard dashboard = new Dashboard(null, null);

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

  /** Serves {@code metrics} on {@code /metrics}. */
  public OpsServer metrics(OpsMetrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Shows {@code dashboard}'s data on {@code /} and {@code /dashboard.json}. */
  public OpsServer dashboard(Dashboard dashboard) {
    this.dashboard = dashboard;
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
      case "/metrics":
        OpsMetrics registry = metrics;
        if (registry == null) {
          return Responses.send(response, callback, 404, "text/plain", "no metrics in this process\n");
        }
        return Responses.send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
      case "/dashboard.json":
        return Responses.send(response, callback, 200, "application/json",
            dashboard.data(checks, Instant.now()).toString());
      case "/dashboard.js":
        return Responses.send(response, callback, 200, "text/javascript; charset=utf-8", Dashboard.resource("dashboard.js"));
      case "/dashboard.css":
        return Responses.send(response, callback, 200, "text/css; charset=utf-8", Dashboard.resource("dashboard.css"));
      case "/":
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.getHeaders().put("X-Frame-Options", "DENY");
        return Responses.send(response, callback, 200, "text/html; charset=utf-8", statusPage());
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

  /** The dashboard page, with the health of every component rendered in (the script keeps it current). */
  private String statusPage() {
    StringBuilder rows = new StringBuilder();
    for (HealthCheck check : checks) {
      HealthCheck.Status status = check.check();
      String state = status.ready() ? "UP" : "DOWN";
      rows.append("<li class=\"").append(state.toLowerCase(java.util.Locale.ROOT)).append("\"><b>")
          .append(html(check.name())).append("</b> <span>").append(state).append("</span> <small>")
          .append(html(status.detail())).append("</small></li>\n");
    }
    return Dashboard.resource("index.html").replace("<!--HEALTH-->", rows.toString());
  }

  private static String html(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Override
  public void close() {
    endpoint.close();
  }
}
