package org.tiprouter.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

  @TempDir
  Path dir;

  @Test
  void writesAnOwnerOnlyFileWithOneSectionPerUserAndReadsEachSectionBack() throws Exception {
    Path file = dir.resolve("credentials.properties");
    CredentialsFile.write(file, Map.of("agency-a1", "pw-a1-000000000000", "normalise", "pw-normalise-00000"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    Map<String, String> entries = CredentialsFile.read(file);
    assertThat(CredentialsFile.passwords(entries))
        .containsExactlyInAnyOrderEntriesOf(Map.of("agency-a1", "pw-a1-000000000000", "normalise", "pw-normalise-00000"));
    Map<String, Object> client = CredentialsFile.clientSettings(file, "agency-a1");
    assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat((String) client.get("sasl.jaas.config")).contains("username=\"agency-a1\"")
        .contains("password=\"pw-a1-000000000000\"");
  }

  @Test
  void aSectionedFileWithoutTheUsersSectionIsAnError() {
    Path file = dir.resolve("c.properties");
    CredentialsFile.write(file, Map.of("agency-a1", "x".repeat(20)));
    assertThatThrownBy(() -> CredentialsFile.clientSettings(file, "agency-b2"))
        .hasMessageContaining("no section for user agency-b2").hasMessageNotContaining("xxxx");
  }

  @Test
  void addingAUserKeepsEveryOtherEntryOfTheFile() throws Exception {
    Path file = dir.resolve("admin.properties");
    Files.writeString(file, "sasl.jaas.config=ScramLoginModule required username=\"admin\" password=\"p=1\";\n"
        + "security.protocol=SASL_SSL\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> entries = new java.util.TreeMap<>(CredentialsFile.read(file));
    CredentialsFile.withUser(entries, "agency-a1", "pw-a1-000000000000");
    CredentialsFile.writeEntries(file, entries);

    Map<String, String> reread = CredentialsFile.read(file);
    assertThat(reread).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "ScramLoginModule required username=\"admin\" password=\"p=1\";")
        .containsEntry("agency-a1.password", "pw-a1-000000000000");
    assertThat(CredentialsFile.section(reread, "agency-a1")).containsOnlyKeys("username", "password");
    assertThat(CredentialsFile.withoutUser(entries, "agency-a1")).isTrue();
    assertThat(entries).doesNotContainKeys("agency-a1.username", "agency-a1.password");
  }

  @Test
  void aOneUserFileIsUsedWhole() {
    Map<String, String> entries = Map.of("username", "agency-a1", "password", "p");
    assertThat(CredentialsFile.section(entries, "agency-a1")).isEqualTo(entries);
  }

  @Test
  void refusesAFileOthersCanRead() throws Exception {
    Path file = dir.resolve("open.properties");
    Files.writeString(file, "username=a\npassword=b\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> CredentialsFile.read(file)).hasMessageContaining("chmod 600");
  }

  @Test
  void newPasswordsAreLongAndDifferent() {
    String a = CredentialsFile.newPassword();
    assertThat(a).hasSize(32).matches("[A-Za-z0-9_-]+").isNotEqualTo(CredentialsFile.newPassword());
  }
}
