package org.tiprouter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tiprouter.ops.metrics.OpsMetrics;
import org.tiprouter.ops.metrics.TipMetrics;

class MetricsAndDashboardTest {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsServesPrometheusTextWithTheProjectMetricsAndJvmMetrics() throws Exception {
    try (OpsMetrics metrics = new OpsMetrics();
        OpsServer server = new OpsServer("127.0.0.1", 0).metrics(metrics).start()) {
      TipMetrics tips = metrics.tips();
      tips.ingested("web");
      tips.rejected("web", "TOO_LARGE");
      tips.normalised("web");
      tips.routed("knoxville-pd", "primary");
      tips.urgent("knoxville-pd");
      tips.triaged("NO_LOCATION");
      tips.deadLettered("normalise", "TAMPERED");
      tips.related();
      tips.attached();
      tips.endToEnd(Duration.ofMillis(800));

      HttpResponse<String> response = get(server, "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(response.body())
          .contains("tips_ingested_total{channel=\"web\"} 1.0")
          .contains("tips_rejected_total{channel=\"web\",reason=\"too_large\"} 1.0")
          .contains("tips_normalised_total{channel=\"web\"} 1.0")
          .contains("tips_routed_total{agency=\"knoxville-pd\",role=\"primary\"} 1.0")
          .contains("tips_urgent_total{agency=\"knoxville-pd\"} 1.0")
          .contains("tips_triaged_total{reason=\"no_location\"} 1.0")
          .contains("tips_dlq_total{reason=\"tampered\",stage=\"normalise\"} 1.0")
          .contains("tips_related_total 1.0")
          .contains("tips_attached_total 1.0")
          .contains("tips_end_to_end_seconds_bucket{le=")
          .contains("tips_end_to_end_seconds_count 1")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void labelsAreBoundedAndCleaned() throws Exception {
    try (OpsMetrics metrics = new OpsMetrics()) {
      for (int i = 0; i < TipMetrics.MAX_AGENCIES + 50; i++) {
        metrics.tips().routed("agency-" + i, "primary");
      }
      metrics.tips().triaged("Free text with spaces <script>");
      String text = metrics.scrape();
      Matcher routed = Pattern.compile("(?m)^tips_routed_total\\{").matcher(text);
      int series = 0;
      while (routed.find()) {
        series++;
      }
      assertThat(series).isEqualTo(TipMetrics.MAX_AGENCIES + 1);
      assertThat(text).contains("tips_routed_total{agency=\"other\",role=\"primary\"} 50.0")
          .contains("tips_triaged_total{reason=\"other\"} 1.0")
          .doesNotContain("script");
    }
  }

  @Test
  void dashboardJsonHasTheShapeThePageReads() throws Exception {
    try (OpsServer server = new OpsServer("127.0.0.1", 0)
        .register(HealthCheck.of("normalise", () -> true, () -> "RUNNING"))
        .register(HealthCheck.of("route", () -> false, () -> "REBALANCING"))
        .dashboard(new Dashboard(null, null)).start()) {
      HttpResponse<String> response = get(server, "/dashboard.json");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode data = new ObjectMapper().readTree(response.body());
      assertThat(data.path("health").path("status").asText()).isEqualTo("DOWN");
      assertThat(data.path("health").path("checks")).hasSize(2);
      assertThat(data.path("health").path("checks").get(1).path("detail").asText()).isEqualTo("REBALANCING");
      assertThat(data.path("ingestedPerMinute")).hasSize(Dashboard.MINUTES);
      assertThat(data.path("ingestedPerMinute").get(0).path("channels").has("web")).isTrue();
      assertThat(data.path("channels")).isNotEmpty();
      assertThat(data.path("latency").has("p50Seconds")).isTrue();
      assertThat(data.path("latency").has("p99Seconds")).isTrue();
      assertThat(data.path("agencies").isArray()).isTrue();
      assertThat(data.path("triage").has("depth")).isTrue();
      assertThat(data.path("deadLetters").path("counts").isArray()).isTrue();
      assertThat(data.path("deadLetters").path("latest").isArray()).isTrue();
      assertThat(data.path("totals").has("ingested")).isTrue();
      assertThat(data.has("urgentUnconsumed")).isTrue();
    }
  }

  @Test
  void dashboardPageIsSelfContainedUnderAStrictPolicy() throws Exception {
    try (OpsServer server = new OpsServer("127.0.0.1", 0)
        .register(HealthCheck.of("classify", () -> true, () -> "RUNNING <b>")).start()) {
      HttpResponse<String> page = get(server, "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(OpsServer.CONTENT_SECURITY_POLICY);
      assertThat(page.body()).contains("src=\"/dashboard.js\"").contains("href=\"/dashboard.css\"")
          .contains("classify").contains("RUNNING &lt;b&gt;")
          .doesNotContainPattern("<script>[^<]")
          .doesNotContainPattern("(?i)\\sstyle=")
          .doesNotContainPattern("(?i)https?://")
          .doesNotContainPattern("(?i)src=\"//");
      for (String asset : new String[] {"/dashboard.js", "/dashboard.css"}) {
        HttpResponse<String> body = get(server, asset);
        assertThat(body.statusCode()).isEqualTo(200);
        // the only URL is the SVG namespace name, which is never fetched
        assertThat(body.body().replace("http://www.w3.org/2000/svg", "")).doesNotContainPattern("(?i)https?://")
            .doesNotContainPattern("(?i)url\\(|@import");
      }
      assertThat(get(server, "/dashboard.js").body()).doesNotContain("innerHTML");
    }
  }
}
