package org.tiprouter.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

  static final class SampleConfig extends TiprouterConfig {
    SampleConfig(Map<?, ?> originals) {
      super(TiprouterConfig.baseConfigDef(), originals);
    }
  }

  private static final ConfigDef DEF = TiprouterConfig.baseConfigDef();

  @TempDir
  Path dir;

  @Test
  void environmentNamesFollowTheKey() {
    assertThat(ConfigSources.environmentName("bootstrap.servers")).isEqualTo("TIPROUTER_BOOTSTRAP_SERVERS");
    assertThat(ConfigSources.environmentName("topics.min.insync.replicas"))
        .isEqualTo("TIPROUTER_TOPICS_MIN_INSYNC_REPLICAS");
  }

  @Test
  void defaultsThenFileThenEnvironmentThenOverrides() throws IOException {
    Path file = dir.resolve("stage.properties");
    Files.writeString(file, "bootstrap.servers=file:9092\nregistry.url=http://file:8085\ntopics.partitions=6\n");
    Map<String, String> env = Map.of("TIPROUTER_REGISTRY_URL", "http://env:8085",
        "TIPROUTER_TOPICS_PARTITIONS", "8");
    SampleConfig config = new SampleConfig(ConfigSources.resolve(DEF, Optional.of(file), env,
        Map.of("topics.partitions", "12")));

    assertThat(config.bootstrapServers()).isEqualTo("file:9092");
    assertThat(config.registryUrl()).isEqualTo("http://env:8085");
    assertThat(config.topicSettings().partitions()).isEqualTo(12);
    assertThat(config.topicNames().prefix()).isEqualTo("tips");
  }

  @Test
  void kafkaClientSettingsPassThroughFromFileAndEnvironment() throws IOException {
    Path file = dir.resolve("stage.properties");
    Files.writeString(file, "kafka.linger.ms=5\n");
    SampleConfig config = new SampleConfig(ConfigSources.resolve(DEF, Optional.of(file),
        Map.of("TIPROUTER_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"), Map.of()));
    assertThat(config.kafkaOverrides()).containsEntry("linger.ms", "5")
        .containsEntry("security.protocol", "SASL_PLAINTEXT");
  }

  @Test
  void aBadValueFailsNamingTheKey() {
    assertThatThrownBy(() -> new SampleConfig(ConfigSources.resolve(DEF, Optional.empty(),
        Map.of("TIPROUTER_TOPICS_PARTITIONS", "zero"), Map.of())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topics.partitions");
    assertThatThrownBy(() -> new SampleConfig(Map.of("registry.url", "ftp://x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("registry.url");
    assertThatThrownBy(() -> new SampleConfig(Map.of("topics.prefix", "Bad Prefix")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("topics.prefix");
  }

  @Test
  void aMissingFileFailsNamingTheFile() {
    Path missing = dir.resolve("missing.properties");
    assertThatThrownBy(() -> ConfigSources.resolve(DEF, Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.properties");
  }
}
