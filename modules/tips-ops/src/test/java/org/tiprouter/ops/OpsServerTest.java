package org.tiprouter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyOnlyWhenEveryComponentIsReady() throws Exception {
    AtomicBoolean normaliseUp = new AtomicBoolean(false);
    try (OpsServer server = new OpsServer("127.0.0.1", 0)
        .register(HealthCheck.of("broker", () -> true, () -> "reachable"))
        .register(HealthCheck.of("normalise", normaliseUp::get, () -> normaliseUp.get() ? "RUNNING" : "REBALANCING"))
        .start()) {
      HttpResponse<String> down = get(server, "/health/ready");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("REBALANCING");

      normaliseUp.set(true);
      HttpResponse<String> up = get(server, "/health/ready");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void livenessAndStatusPageAnswerWhileComponentsAreDown() throws Exception {
    try (OpsServer server = new OpsServer("127.0.0.1", 0)
        .register(HealthCheck.of("route", () -> false, () -> "ERROR")).start()) {
      assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> page = get(server, "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("route").contains("DOWN");
      assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aTakenPortFailsNamingThePort() {
    try (OpsServer first = new OpsServer("127.0.0.1", 0).start()) {
      int port = first.port();
      assertThatThrownBy(() -> new OpsServer("127.0.0.1", port).start())
          .hasMessageContaining(Integer.toString(port));
    }
  }
}
