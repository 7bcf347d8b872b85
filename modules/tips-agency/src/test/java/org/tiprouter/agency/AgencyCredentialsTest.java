package org.tiprouter.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyCredentialsTest {

  @TempDir
  Path dir;

  @Test
  void aFileReadableByItsOwnerAloneGivesAScramLogin() throws Exception {
    Path file = dir.resolve("knoxville-pd.properties");
    Files.writeString(file, "username=agency-knoxville-pd\npassword=s3cr\"et\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    Map<String, Object> settings = AgencyCredentials.fromFile(file);

    assertThat(settings).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .doesNotContainKeys("username", "password");
    assertThat(settings.get("sasl.jaas.config").toString())
        .contains("ScramLoginModule required", "username=\"agency-knoxville-pd\"", "password=\"s3cr\\\"et\"");
  }

  @Test
  void aFileOthersCanReadIsRefusedWithoutShowingItsContent() throws Exception {
    Path file = dir.resolve("open.properties");
    Files.writeString(file, "username=a\npassword=hunter2\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AgencyCredentials.fromFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rw-r--r--").hasMessageContaining("chmod 600")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theEnvironmentGivesClientSettingsAndKafkaKeysPassThrough() {
    Map<String, Object> settings = AgencyCredentials.fromEnvironment(Map.of(
        "TIPROUTER_KAFKA_USERNAME", "u", "TIPROUTER_KAFKA_PASSWORD", "p",
        "TIPROUTER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "HOME", "/root"));

    assertThat(settings).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").hasSize(3);
    assertThat(AgencyCredentials.clientSettings(Map.of("kafka.ssl.truststore.location", "/t")))
        .containsExactly(Map.entry("ssl.truststore.location", "/t"));
  }

  @Test
  void aUsernameWithoutPasswordIsRefused() {
    assertThatThrownBy(() -> AgencyCredentials.clientSettings(Map.of("username", "u")))
        .hasMessageContaining("both username and password");
  }

  @Test
  void secretKeysAreRecognised() {
    assertThat(AgencyCredentials.isSecret("sasl.jaas.config")).isTrue();
    assertThat(AgencyCredentials.isSecret("ssl.key.password")).isTrue();
    assertThat(AgencyCredentials.isSecret("password")).isTrue();
    assertThat(AgencyCredentials.isSecret("security.protocol")).isFalse();
  }
}
