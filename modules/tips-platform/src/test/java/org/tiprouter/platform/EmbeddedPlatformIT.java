package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPlatformIT {

  private static final String TOPIC = "tips.platform-it.v1";
  private static final String SUBJECT = TOPIC + "-value";
  private static final String SCHEMA = """
      {"type":"record","name":"Probe","namespace":"org.tiprouter.test","fields":[
       {"name":"id","type":"string"}]}""";

  @TempDir
  Path tempDir;

  @Test
  void keepsBothServicesDataAcrossRestartAndFreshWipesThemTogether() throws Exception {
    PlatformSettings settings = PlatformSettings.defaults().withDataDir(tempDir);
    int schemaId;

    try (EmbeddedPlatform platform = EmbeddedPlatform.start(settings)) {
      assertThat(platform.kafka().dataDir()).isEqualTo(tempDir.resolve(EmbeddedPlatform.KAFKA_DIR));
      assertThat(platform.registry().dataDir()).isEqualTo(tempDir.resolve(EmbeddedPlatform.REGISTRY_DIR));
      createTopic(platform.bootstrapServers());
      schemaId = CcompatClient.idOf(new CcompatClient(platform.ccompatUrl()).register(SUBJECT, SCHEMA));
    }

    try (EmbeddedPlatform restarted = EmbeddedPlatform.start(settings)) {
      assertThat(topics(restarted.bootstrapServers())).contains(TOPIC);
      assertThat(new CcompatClient(restarted.ccompatUrl()).schemaById(schemaId).statusCode()).isEqualTo(200);
    }

    try (EmbeddedPlatform fresh = EmbeddedPlatform.start(settings.withFresh(true))) {
      assertThat(topics(fresh.bootstrapServers())).doesNotContain(TOPIC);
      assertThat(new CcompatClient(fresh.ccompatUrl()).subjects().body()).doesNotContain(SUBJECT);
    }
  }

  @Test
  void temporaryPlatformLeavesNoProcessPortOrDataBehind() {
    EmbeddedPlatform platform = EmbeddedPlatform.start();
    Path dataDir = platform.dataDir();
    long registryPid = platform.registry().pid();
    int kafkaPort = platform.kafka().port();
    int registryPort = platform.registry().port();
    try {
      assertThat(platform.bootstrapServers()).startsWith("127.0.0.1:");
      assertThat(platform.registryUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/registry/v3");
      assertThat(platform.registry().isReady()).isTrue();
      assertThat(dataDir.resolve(EmbeddedPlatform.KAFKA_DIR).resolve("meta.properties")).exists();
    } finally {
      platform.close();
    }

    assertThat(ProcessHandle.of(registryPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(LoopbackPorts.isListening(kafkaPort)).isFalse();
    assertThat(LoopbackPorts.isListening(registryPort)).isFalse();
    assertThat(dataDir).doesNotExist();
  }

  private static void createTopic(String bootstrapServers) throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
    }
  }

  private static Set<String> topics(String bootstrapServers) throws Exception {
    try (Admin admin = admin(bootstrapServers)) {
      return admin.listTopics().names().get();
    }
  }

  private static Admin admin(String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }
}
