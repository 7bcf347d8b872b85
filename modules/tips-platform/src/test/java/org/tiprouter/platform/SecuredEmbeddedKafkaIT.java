package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secured broker: SCRAM logins only, deny by default, admin the only super user. */
class SecuredEmbeddedKafkaIT {

  private static final String ADMIN_PASSWORD = "admin-secret-for-tests-1";
  private static final String TOPIC = "tips.secured-test.v1";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withScram(ADMIN_PASSWORD));
    try (Admin admin = Admin.create(admin(kafka.adminClientSettings()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("nobody",
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "nobody-password-1"))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void adminLogsInAndIsSuperUser() throws Exception {
    assertThat(kafka.secured()).isTrue();
    try (Admin admin = Admin.create(admin(kafka.adminClientSettings()))) {
      assertThat(admin.listTopics().names().get()).contains(TOPIC);
      assertThat(admin.describeUserScramCredentials().all().get()).containsKeys("admin", "nobody");
    }
  }

  @Test
  void unauthenticatedClientIsRefused() {
    try (Admin admin = Admin.create(admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000)))) {
      // PLAINTEXT against a SASL listener: the broker closes the connection; the client never gets an answer.
      assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    try (Admin admin = Admin.create(admin(EmbeddedKafka.scramClientSettings("admin", "not-the-password")))) {
      assertThatThrownBy(() -> admin.listTopics().names().get())
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void userWithoutAclsIsDenied() {
    Map<String, Object> props = new HashMap<>(EmbeddedKafka.scramClientSettings("nobody", "nobody-password-1"));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void controllerPortRefusesAnyoneButTheAdmin() {
    Map<String, Object> props = new HashMap<>(EmbeddedKafka.scramClientSettings("nobody", "nobody-password-1"));
    props.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + kafka.controllerPort());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(props)) {
      // The controller listener offers SASL/PLAIN only, for the admin alone: a SCRAM login cannot even start.
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .isInstanceOf(ExecutionException.class);
    }
  }

  @Test
  void settingsNeverPrintThePassword() {
    assertThat(kafka.settings().toString()).doesNotContain(ADMIN_PASSWORD).contains("secured=true");
  }

  @Test
  void restartOnPersistentDirKeepsTheAdminCredential(@TempDir Path dir) throws Exception {
    EmbeddedKafkaSettings settings = EmbeddedKafkaSettings.defaults().withDataDir(dir).withScram(ADMIN_PASSWORD);
    try (EmbeddedKafka first = EmbeddedKafka.start(settings)) {
      try (Admin admin = Admin.create(admin(first.bootstrapServers(), first.adminClientSettings()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
    }
    try (EmbeddedKafka second = EmbeddedKafka.start(settings)) {
      try (Admin admin = Admin.create(admin(second.bootstrapServers(), second.adminClientSettings()))) {
        assertThat(admin.listTopics().names().get()).contains(TOPIC);
      }
    }
  }

  private static Map<String, Object> admin(Map<String, Object> extra) {
    return admin(kafka.bootstrapServers(), extra);
  }

  private static Map<String, Object> admin(String bootstrap, Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>(extra);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(20).toMillis());
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(15).toMillis());
    return props;
  }
}
