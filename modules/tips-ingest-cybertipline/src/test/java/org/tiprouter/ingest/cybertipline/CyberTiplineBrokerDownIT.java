package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.ingest.cybertipline.CyberTiplineSubmitIT.text;
import static org.tiprouter.ingest.cybertipline.CyberTiplineSubmitIT.xml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.platform.EmbeddedKafka;

/** With the broker gone nothing is promised: 503 over HTTP, and the import leaves its files in place. */
class CyberTiplineBrokerDownIT {

  private EmbeddedKafka kafka;
  private CyberTiplineIntakeApp intake;

  @TempDir
  Path folder;

  @BeforeEach
  void startThenStopTheBroker() {
    kafka = EmbeddedKafka.start();
    intake = new IntakeFixture(kafka.bootstrapServers()).app(Map.of()).start();
    kafka.close();
  }

  @AfterEach
  void stopIntake() {
    intake.close();
  }

  @Test
  void answers503AndPromisesNothing() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/cybertipline/submit"))
            .header("Content-Type", "text/xml").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(IntakeFixture.document("report-cell-phone.xml"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(text(xml(response.body()), "responseCode")).isEqualTo("9503");
    assertThat(xml(response.body()).getElementsByTagName("reportId").getLength()).isZero();
  }

  @Test
  void theImportStopsAndLeavesTheFilesForTheNextRun() throws Exception {
    Files.write(folder.resolve("a.xml"), IntakeFixture.document("report-cell-phone.xml"));
    Files.write(folder.resolve("b.xml"), IntakeFixture.document("report-chat-sextortion.xml"));

    ImportSummary summary = intake.importFolder(folder);

    assertThat(summary.notStored()).isEqualTo(1);
    assertThat(summary.stored()).isZero();
    assertThat(summary.exitCode()).isNotZero();
    assertThat(summary.line()).contains("1 not stored");
    assertThat(folder.resolve("a.xml")).exists();
    assertThat(folder.resolve("b.xml")).exists();
    assertThat(folder.resolve("done")).doesNotExist();
    assertThat(folder.resolve("failed")).doesNotExist();
  }
}
