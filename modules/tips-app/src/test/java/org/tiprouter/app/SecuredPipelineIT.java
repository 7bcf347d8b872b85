package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.agency.AgencyClient;
import org.tiprouter.agency.AgencyCredentials;
import org.tiprouter.core.security.CredentialsFile;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * The whole pipeline on a secured broker, as {@code tiprouter demo} runs it: every stage, intake and
 * the observer log in as their own user; a tip posted to the web intake reaches its agency, which
 * reads it with its own credentials.
 */
class SecuredPipelineIT {

  private static final String AGENCY = "county-a-so";
  private static final String TRIAGE = "test-triage";

  @TempDir
  static Path dir;

  private static EmbeddedPlatform platform;
  private static Pipeline pipeline;
  private static Path credentials;

  @BeforeAll
  static void start() throws Exception {
    String adminPassword = CredentialsFile.newPassword();
    PlatformSettings settings = PlatformSettings.defaults();
    platform = EmbeddedPlatform.start(settings.withKafka(settings.kafka().withScram(adminPassword)));
    credentials = dir.resolve("credentials.properties");
    CredentialsFile.write(credentials, Map.of("admin", adminPassword));
    Path directory = Path.of(SecuredPipelineIT.class.getResource("/security/two-agencies.yaml").toURI());
    pipeline = Pipeline.start(new Pipeline.Settings(platform.bootstrapServers(), platform.registryUrl(),
        dir.resolve("streams"), "127.0.0.1", 0, 0, List.of(TRIAGE), TRIAGE, Map.of())
        .withDirectoryFile(directory).withCredentials(credentials));
    await().atMost(Duration.ofSeconds(90)).until(pipeline::isRunning);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aTipPostedToTheIntakeReachesItsAgencyWhichReadsItWithItsOwnCredentials() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    assertThat(CredentialsFile.passwords(CredentialsFile.read(credentials)))
        .containsKeys("admin", "normalise", "classify", "route", "intake-web", "ops", "agency-" + AGENCY);
    assertThat(pipeline.provisioned()).hasValueSatisfying(report ->
        assertThat(report.changes()).contains("created user agency-" + AGENCY, "created user route"));

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipeline.intakePort() + "/api/v1/tips"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"description\":\"secured pipeline test\",\"location\":{\"zip\":\"37901\",\"state\":\"TN\"}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    UUID tipId = UUID.fromString(response.body().replaceAll(".*\"tipId\":\"([0-9a-f-]{36})\".*", "$1"));

    Set<UUID> read = ConcurrentHashMap.newKeySet();
    AgencyClient client = AgencyClient.builder(AGENCY, "secured-pipeline-it")
        .bootstrapServers(platform.bootstrapServers())
        .serdes(ContractSerdes.registry(platform.registryUrl(), Map.of()))
        .settings(AgencyCredentials.fromFile(credentials, AGENCY)).build();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> client.run(delivery -> {
      read.add(delivery.routedTip().getTipId());
      if (read.contains(tipId)) {
        client.stop();
      }
    }));
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> read.contains(tipId) || running.isDone());
    } finally {
      client.stop();
    }
    assertThat(read).contains(tipId);
  }
}
