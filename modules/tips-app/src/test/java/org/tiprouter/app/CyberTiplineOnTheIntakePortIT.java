package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeApp;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeConfig;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeServer;
import org.tiprouter.ingest.cybertipline.ImportSummary;
import org.tiprouter.ingest.web.WebIntakeApp;
import org.tiprouter.ingest.web.WebIntakeConfig;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The wiring the demo uses, on the real broker (registry-free serdes): the CyberTipline endpoints
 * answer on the web intake's port next to the JSON API, and the sample folder imports from a copy.
 */
class CyberTiplineOnTheIntakePortIT {

  private static final TopicNames TOPICS = new TopicNames("shared.port.it");

  @TempDir
  Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafka kafka;
  private CyberTiplineIntakeApp cybertipline;
  private WebIntakeApp web;

  @BeforeEach
  void start() {
    kafka = EmbeddedKafka.start();
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("shared-port-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TOPICS, TopicSettings.brokerDefaults()).pipelineTopics());
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put(TiprouterConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(TiprouterConfig.TOPICS_PREFIX, TOPICS.prefix());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 5000);
    ContractSerdes serdes = ContractSerdes.registryFree();
    cybertipline = new CyberTiplineIntakeApp(new CyberTiplineIntakeConfig(settings), serdes);
    web = new WebIntakeApp(new WebIntakeConfig(settings), serdes)
        .mount(CyberTiplineIntakeServer.PATH_PREFIX, cybertipline.handler()).start();
  }

  @AfterEach
  void stop() {
    web.close();
    cybertipline.close();
    kafka.close();
  }

  @Test
  void servesTheCyberTiplineEndpointsOnTheWebIntakePort() throws Exception {
    Path sample = DemoSamples.find().orElseThrow().resolve("report-cell-phone.xml");

    HttpResponse<String> report = post("/cybertipline/submit", "text/xml", Files.readString(sample));
    HttpResponse<String> tip = post("/api/v1/tips", "application/json",
        "{\"description\": \"A man in the park chat offered my son money for photos\"}");

    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body()).contains("<responseCode>0</responseCode>").contains("<reportId>");
    assertThat(tip.statusCode()).isEqualTo(202);
    assertThat(post("/cybertipline/status", "text/xml", "").statusCode()).isEqualTo(404);
  }

  @Test
  void importsTheSampleFolderFromACopyAndRecognisesItOnTheNextStart() throws Exception {
    Path samples = DemoSamples.find().orElseThrow();
    long originals = count(samples);

    ImportSummary first = DemoSamples.importSamples(samples, dataDir, cybertipline);
    ImportSummary second = DemoSamples.importSamples(samples, dataDir, cybertipline);

    assertThat(first.failed()).isZero();
    assertThat(first.stored()).isEqualTo(originals);
    assertThat(second.alreadyStored()).isEqualTo(originals);
    assertThat(second.stored()).isZero();
    assertThat(count(samples)).isEqualTo(originals);
    assertThat(count(dataDir.resolve(DemoSamples.WORK_FOLDER).resolve("done"))).isEqualTo(originals);
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long count(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(path -> path.toString().endsWith(".xml")).count();
    }
  }
}
