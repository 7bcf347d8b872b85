package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code tiprouter run route} refuses to start without a usable correlation key, naming the setting. */
class RunRouteCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Tiprouter.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void refusesToRunRouteWithoutACorrelationKeyNamingTheSetting() {
    assumeTrue(System.getenv("TIPROUTER_ROUTE_CORRELATION_KEY") == null, "the environment sets a key");

    assertThat(run("run", "route", "--bootstrap-server", "127.0.0.1:1")).isNotZero();

    assertThat(err.toString()).startsWith("tiprouter: ").contains("route.correlation.key");
  }

  @Test
  void refusesAShortCorrelationKeyWithoutPrintingIt() {
    assertThat(run("run", "route", "--bootstrap-server", "127.0.0.1:1", "--set",
        "route.correlation.key=too-short-secret")).isNotZero();

    assertThat(err.toString()).contains("route.correlation.key").doesNotContain("too-short-secret");
    assertThat(out.toString()).doesNotContain("too-short-secret");
  }
}
