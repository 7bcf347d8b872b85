package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.ingest.phone.PhoneIntakeApp;
import org.tiprouter.ingest.phone.PhoneIntakeConfig;
import org.tiprouter.ingest.web.WebIntakeApp;
import org.tiprouter.ingest.web.WebIntakeConfig;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The wiring the demo uses, on the real broker (registry-free serdes): the phone intake's
 * call-taker API and Twilio webhook answer on the web intake's port next to the JSON API.
 */
class PhoneOnTheIntakePortIT {

  private static final TopicNames TOPICS = new TopicNames("phone.port.it");

  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedKafka kafka;
  private PhoneIntakeApp phone;
  private WebIntakeApp web;

  @BeforeEach
  void start() {
    kafka = EmbeddedKafka.start();
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("phone-port-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TOPICS, TopicSettings.brokerDefaults()).pipelineTopics());
    }
    Map<String, Object> settings = new HashMap<>();
    settings.put(TiprouterConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(TiprouterConfig.TOPICS_PREFIX, TOPICS.prefix());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 5000);
    settings.put(PhoneIntakeConfig.TWILIO_ENABLED, true);
    settings.put(PhoneIntakeConfig.TWILIO_AUTH_TOKEN, "a-test-token");
    ContractSerdes serdes = ContractSerdes.registryFree();
    phone = new PhoneIntakeApp(new PhoneIntakeConfig(settings), serdes);
    web = new WebIntakeApp(new WebIntakeConfig(settings), serdes);
    PhoneIntakeApp.pathPrefixes().forEach(prefix -> web.mount(prefix, phone.handler()));
    web.start();
  }

  @AfterEach
  void stop() {
    web.close();
    phone.close();
    kafka.close();
  }

  @Test
  void servesThePhoneEndpointsOnTheWebIntakePort() throws Exception {
    HttpResponse<String> call = post("/api/v1/phone/calls", "application/json",
        "{\"description\":\"Caller reports a man offering children rides\",\"call\":{\"callId\":\"demo-1\","
            + "\"callStartedAt\":\"2025-03-14T18:02:11-04:00\"}}");
    HttpResponse<String> tip = post("/api/v1/tips", "application/json", "{\"description\":\"a web tip\"}");
    HttpResponse<String> unsigned = post("/phone/twilio/voice", "application/x-www-form-urlencoded", "CallSid=CA1");

    assertThat(call.statusCode()).isEqualTo(202);
    assertThat(call.body()).contains("\"tipId\"");
    assertThat(tip.statusCode()).isEqualTo(202);
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(post("/api/v1/phone/other", "application/json", "{}").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
