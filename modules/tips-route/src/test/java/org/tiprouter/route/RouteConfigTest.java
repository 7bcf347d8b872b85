package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.config.ConfigSources;

/** Route's settings: the correlation key is required, validated and never shown. */
class RouteConfigTest {

  private static final String KEY = "a correlation key for this test only, long enough";

  @Test
  void refusesToStartWithoutACorrelationKeyNamingTheKey() {
    assertThatThrownBy(() -> new RouteConfig(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RouteConfig.CORRELATION_KEY);
  }

  @Test
  void refusesAShortCorrelationKeyWithoutShowingIt() {
    assertThatThrownBy(() -> new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, "short-secret")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RouteConfig.CORRELATION_KEY)
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void takesTheCorrelationKeyFromTheEnvironmentAndNeverPrintsIt() {
    Map<String, Object> settings = ConfigSources.resolve(RouteConfig.DEFINITION, Optional.empty(),
        Map.of("TIPROUTER_ROUTE_CORRELATION_KEY", KEY), Map.of());
    RouteConfig config = new RouteConfig(settings);

    assertThat(config.correlation().key()).isEqualTo(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(config.correlation().toString()).doesNotContain(KEY);
    assertThat(config.toString()).doesNotContain(KEY);
    assertThat(config.values().toString()).doesNotContain(KEY);
  }

  @Test
  void defaultsToTheIssuesCorrelationRules() {
    RouteConfig config = new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, KEY));

    assertThat(config.correlation().window()).isEqualTo(Duration.ofDays(180));
    assertThat(config.correlation().ipWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(config.correlation().maxRelated()).isEqualTo(50);
    assertThat(config.queueCheckInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.triageAgency()).isEqualTo("national-triage");
  }

  @Test
  void refusesAFallbackTriageAgencyThatIsNotAnAgencyId() {
    assertThatThrownBy(() -> new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, KEY,
        RouteConfig.TRIAGE_AGENCY, "National Triage")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RouteConfig.TRIAGE_AGENCY);
  }

  @Test
  void holdsAttachmentsAWeekAndKeepsCustodyLongerThanTheRawTopics() {
    AttachmentSettings defaults = new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, KEY)).attachments();
    assertThat(defaults.holdFor()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.custodyRetention()).isEqualTo(Duration.ofDays(400));
    assertThat(defaults.checkInterval()).isEqualTo(Duration.ofMinutes(1));

    AttachmentSettings set = new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, KEY,
        RouteConfig.ATTACHMENT_WAIT_MS, "30000", RouteConfig.ATTACHMENT_CUSTODY_DAYS, "30")).attachments();
    assertThat(set.holdFor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(set.custodyRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(set.checkInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> new RouteConfig(Map.of(RouteConfig.CORRELATION_KEY, KEY,
        RouteConfig.ATTACHMENT_WAIT_MS, "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RouteConfig.ATTACHMENT_WAIT_MS);
  }
}
