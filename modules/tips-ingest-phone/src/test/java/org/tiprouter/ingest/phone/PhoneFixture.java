package org.tiprouter.ingest.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;

/**
 * One isolated phone intake on a real broker: its own topic prefix (tests sharing a broker never
 * see each other's records), the phone raw topic and the ingest DLQ created, readers for both and
 * an HTTP client. Registry-free serdes: the registry is covered elsewhere.
 */
final class PhoneFixture {

  static final ContractSerdes SERDES = ContractSerdes.registryFree();
  static final String AUTH_TOKEN = "12345678901234567890123456789012";
  static final String PUBLIC_BASE_URL = "https://hotline.example.org";
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  final String bootstrapServers;
  final TopicNames topics;
  private final HttpClient http = HttpClient.newHttpClient();

  PhoneFixture(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.topics = new TopicNames("ph" + PREFIXES.incrementAndGet() + "-" + ProcessHandle.current().pid());
    try (Admin admin = Admin.create(clients().admin("phone-it"))) {
      List<String> needed = List.of(topics.raw(Channel.PHONE), topics.deadLetters(Stage.INGEST));
      new TopicProvisioner(admin, TopicSettings.brokerDefaults()).ensure(
          new TopicCatalogue(topics, TopicSettings.brokerDefaults()).pipelineTopics().stream()
              .filter(spec -> needed.contains(spec.name())).toList());
    }
  }

  PhoneIntakeConfig config(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(PhoneIntakeConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    settings.put(PhoneIntakeConfig.TOPICS_PREFIX, topics.prefix());
    settings.put(PhoneIntakeConfig.PORT, 0);
    settings.put(PhoneIntakeConfig.ACK_TIMEOUT_MS, 5000);
    settings.put(PhoneIntakeConfig.TWILIO_ENABLED, true);
    settings.put(PhoneIntakeConfig.TWILIO_AUTH_TOKEN, AUTH_TOKEN);
    settings.put(PhoneIntakeConfig.TWILIO_PUBLIC_BASE_URL, PUBLIC_BASE_URL + "/");
    settings.putAll(extra);
    return new PhoneIntakeConfig(settings);
  }

  PhoneIntakeApp app(Map<String, Object> extra) {
    return new PhoneIntakeApp(config(extra), SERDES);
  }

  KafkaClientConfigs clients() {
    return new KafkaClientConfigs(bootstrapServers, Map.of());
  }

  List<RawTip> rawTips() throws TimeoutException {
    return TopicSnapshot.read(clients(), topics.raw(Channel.PHONE), new StringDeserializer(),
        SERDES.value(RawTip.class).deserializer(), Duration.ofSeconds(60)).stream().map(ConsumerRecord::value).toList();
  }

  List<DeadLetter> deadLetters() throws TimeoutException {
    return TopicSnapshot.read(clients(), topics.deadLetters(Stage.INGEST), new ByteArrayDeserializer(),
        SERDES.value(DeadLetter.class).deserializer(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value).toList();
  }

  /**
   * The dead letters, once there are at least {@code expected} (an HTTP refusal's dead letter is
   * written after the answer), each checked to be an ingest dead letter of channel phone whose
   * detail and context hold none of {@code personal}.
   */
  List<DeadLetter> deadLetters(int expected, String... personal) {
    List<DeadLetter> letters = await().atMost(Duration.ofSeconds(60)).until(this::deadLetters,
        found -> found.size() >= expected);
    assertThat(letters).hasSize(expected);
    for (DeadLetter letter : letters) {
      assertThat(letter.getStage()).isEqualTo("ingest");
      assertThat(letter.getContext()).containsEntry("channel", "phone").containsEntry("source", "ingest-phone");
      String visible = letter.getDetail() + " " + letter.getContext();
      for (String value : personal) {
        assertThat(visible).doesNotContain(value);
      }
    }
    return letters;
  }

  HttpResponse<String> post(int port, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Posts with {@code Expect: 100-continue}, so a body the intake refuses by its declared length is
   * never written (which could reset the connection before the answer arrives).
   */
  HttpResponse<String> postOversized(int port, String path, String contentType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", contentType).expectContinue(true).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static byte[] resource(String name) {
    try (InputStream in = PhoneFixture.class.getResourceAsStream("/phone/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource phone/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
