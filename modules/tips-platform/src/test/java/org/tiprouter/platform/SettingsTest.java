package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void kafkaDefaultsAreTemporaryOnAFreePort() {
    EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.defaults();

    assertThat(settings.dataDir()).isNull();
    assertThat(settings.persistent()).isFalse();
    assertThat(settings.port()).isZero();
    assertThat(settings.extraProperties()).isEmpty();
  }

  @Test
  void namingADataDirMakesItPersistentUnlessToldOtherwise() {
    EmbeddedKafkaSettings kept = EmbeddedKafkaSettings.defaults().withDataDir(Path.of("data/kafka"));
    EmbeddedKafkaSettings dropped = kept.withPersistent(false);

    assertThat(kept.persistent()).isTrue();
    assertThat(kept.dataDir()).isAbsolute();
    assertThat(kept.dataDir().endsWith(Path.of("data/kafka"))).isTrue();
    assertThat(dropped.persistent()).isFalse();
    assertThat(SchemaRegistrySettings.defaults().withDataDir(Path.of("r")).persistent()).isTrue();
  }

  @Test
  void persistentWithoutDataDirIsRejected() {
    assertThatThrownBy(() -> EmbeddedKafkaSettings.defaults().withPersistent(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataDir");
    assertThatThrownBy(() -> SchemaRegistrySettings.defaults().withPersistent(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataDir");
  }

  @Test
  void portsOutsideTheTcpRangeAreRejected() {
    assertThatThrownBy(() -> EmbeddedKafkaSettings.defaults().withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
    assertThatThrownBy(() -> SchemaRegistrySettings.defaults().withManagementPort(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("managementPort");
    assertThatThrownBy(() -> SchemaRegistrySettings.defaults().withPort(8081).withManagementPort(8081))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
  }

  @Test
  void extraPropertiesAccumulateAndCannotBeChangedFromOutside() {
    EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.defaults()
        .withExtraProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .withExtraProperty("super.users", "User:admin");

    assertThat(settings.extraProperties()).containsOnlyKeys("authorizer.class.name", "super.users");
    assertThatThrownBy(() -> settings.extraProperties().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void registryDefaultsMatchTheSmallFastChild() {
    SchemaRegistrySettings settings = SchemaRegistrySettings.defaults();

    assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.defaultCompatibility()).isEqualTo("BACKWARD");
    assertThat(settings.jvmOptions()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx160m",
        "-Xss512k");
    assertThat(settings.classDataSharing()).isTrue();
    assertThatThrownBy(() -> settings.withStartTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void platformSettingsChangePortsOfTheServices() {
    PlatformSettings settings = PlatformSettings.defaults()
        .withKafkaPort(19092)
        .withRegistryPort(18081)
        .withKafka(EmbeddedKafkaSettings.defaults().withPort(29092).withExtraProperties(Map.of("a", "b")))
        .withFresh(true);

    assertThat(settings.kafka().port()).isEqualTo(29092);
    assertThat(settings.registry().port()).isEqualTo(18081);
    assertThat(settings.fresh()).isTrue();
    assertThat(settings.dataDir()).isNull();
  }

  @Test
  void portInUseMessageNamesPortAndOption() {
    assertThat(LoopbackPorts.portInUseMessage(9092, "Kafka", "--kafka-port"))
        .isEqualTo("Kafka port 9092 is already in use on 127.0.0.1; choose another with --kafka-port");
    assertThat(LoopbackPorts.portInUseMessage(8081, "Schema registry", null))
        .isEqualTo("Schema registry port 8081 is already in use on 127.0.0.1; choose another port");
  }
}
