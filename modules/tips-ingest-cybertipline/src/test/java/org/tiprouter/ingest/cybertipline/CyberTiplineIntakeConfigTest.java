package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class CyberTiplineIntakeConfigTest {

  @Test
  void defaultsMatchNcmecsLimitAndTheWebIntake() {
    CyberTiplineIntakeConfig config = new CyberTiplineIntakeConfig(Map.of());

    assertThat(config.maxDocumentBytes()).isEqualTo(5 * 1024 * 1024);
    assertThat(config.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
  }

  @Test
  void aDocumentLimitLargerThanATopicRecordFailsNamingTheKey() {
    assertThatThrownBy(() -> new CyberTiplineIntakeConfig(Map.of("cybertipline.max.document.bytes", 9_000_000)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cybertipline.max.document.bytes");
  }
}
