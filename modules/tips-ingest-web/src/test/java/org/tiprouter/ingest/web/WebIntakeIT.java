package org.tiprouter.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The web intake against a real broker: every answer of the JSON API and the form, success only
 * after the broker acknowledged, idempotency, rate limiting, nothing on the topic for any refused
 * request and exactly one dead letter for each (none for accepted tips, 429s, 404s and 405s).
 * Registry-free serdes: the registry is covered elsewhere.
 */
class WebIntakeIT {

  private static final ContractSerdes SERDES = ContractSerdes.registryFree();
  private static EmbeddedKafka kafka;
  private static RawWebTopic topic;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<WebIntakeApp> intakes = new ArrayList<>();
  private WebIntakeApp intake;
  private Map<TopicPartition, Long> mark;
  private Map<TopicPartition, Long> deadLetterMark;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
    topic = new RawWebTopic(kafka.bootstrapServers(), SERDES).create();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void start() {
    mark = topic.mark();
    deadLetterMark = topic.markDeadLetters();
    intake = intake(Map.of());
  }

  @AfterEach
  void stop() {
    intakes.forEach(WebIntakeApp::close);
  }

  private WebIntakeApp intake(Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(WebIntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(WebIntakeConfig.PORT, 0);
    settings.put(WebIntakeConfig.ACK_TIMEOUT_MS, 3000);
    settings.putAll(overrides);
    WebIntakeApp app = new WebIntakeApp(new WebIntakeConfig(settings), SERDES).start();
    intakes.add(app);
    return app;
  }

  @Test
  void storesTheExactBytesAndAnswers202WithTipIdAndReceipt() throws Exception {
    String body = "{\"description\": \"Saw a man offering a child money in the park chat\", \"incidentTypes\": "
        + "[\"ONLINE_ENTICEMENT\"], \"childInImmediateDanger\": true}";
    HttpResponse<String> response = postJson(body);

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/json"));
    JsonNode answer = json.readTree(response.body());
    UUID tipId = UUID.fromString(answer.get("tipId").asText());
    assertThat(answer.get("receipt").asText()).isEqualTo(Receipts.of(tipId))
        .matches("TIP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}");

    List<RawTip> stored = topic.since(mark);
    assertThat(stored).hasSize(1);
    RawTip raw = stored.get(0);
    assertThat(raw.getTipId()).isEqualTo(tipId);
    assertThat(raw.getChannel()).isEqualTo(Channel.WEB);
    assertThat(raw.getContentType()).isEqualTo("application/json");
    assertThat(raw.getPayload()).isEqualTo(ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(raw.getPayloadSha256()).isEqualTo(Sha256.hex(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(raw.getExternalId()).isNull();
    assertThat(raw.getSource()).isEqualTo("ingest-web");
    assertThat(raw.getAttributes()).isEmpty();
  }

  @Test
  void answers400WithCodeFieldAndMessageForEveryKindOfBadTipAndWritesNothing() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("{\"description\": ", "INVALID_JSON null");
    expected.put("[1, 2]", "INVALID_JSON null");
    expected.put("{} {}", "INVALID_JSON null");
    expected.put("{\"description\": \"x\", \"description\": \"y\"}", "DUPLICATE_FIELD description");
    expected.put("{\"descripton\": \"typo\"}", "UNKNOWN_FIELD descripton");
    expected.put("{}", "MISSING_FIELD description");
    expected.put("{\"description\": \"x\", \"suspects\": [{\"age\": \"40\"}]}", "WRONG_TYPE suspects[0].age");
    expected.put("{\"description\": \"" + "x".repeat(20_001) + "\"}", "TOO_LONG description");
    expected.put("{\"description\": \"x\", \"victims\": [" + "{},".repeat(10) + "{}]}", "TOO_MANY victims");
    expected.put("{\"description\": \"x\", \"location\": {\"zip\": \"123\"}}", "INVALID_FORMAT location.zip");
    expected.put("{\"description\": \"x\", \"incidentTypes\": [\"GROOMING\"]}", "UNKNOWN_VALUE incidentTypes[0]");
    expected.put("{\"description\": \"x\", \"victims\": [{\"age\": 18}]}", "OUT_OF_RANGE victims[0].age");
    expected.put("{\"description\": \"x\", \"occurredAt\": \"2999-01-01T00:00:00Z\"}", "IN_THE_FUTURE occurredAt");
    expected.put("{\"description\": \"x\", \"reporter\": {\"anonymous\": true, \"name\": \"Alex\"}}",
        "CONFLICTING_FIELDS reporter.anonymous");

    Map<String, String> actual = new LinkedHashMap<>();
    for (String body : expected.keySet()) {
      HttpResponse<String> response = postJson(body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      JsonNode error = json.readTree(response.body());
      List<String> keys = new ArrayList<>();
      error.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("error", "field", "message");
      assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Alex");
      actual.put(body, error.get("error").asText() + " " + (error.get("field").isNull() ? "null" : error.get("field").asText()));
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(topic.since(mark)).isEmpty();

    List<DeadLetter> letters = deadLetters(expected.size(), "Alex", "typo", "GROOMING", "2999-01-01", "xxxxxxxxxx");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.getContext()).containsEntry("endpoint", "api").containsEntry("status", "400");
      assertThat(letter.getOriginalValue()).isNotNull();
      assertThat(letter.getDetail()).startsWith(letter.getContext().get("code"));
    });
    assertThat(letters).extracting(letter -> new String(bytes(letter.getOriginalValue()), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(letters).extracting(letter -> letter.getReasonCode() + " " + letter.getContext().get("code") + " "
        + letter.getContext().getOrDefault("field", "null"))
        .containsExactlyInAnyOrderElementsOf(expected.values().stream()
            .map(v -> (v.startsWith("INVALID_JSON") ? "PARSE_REJECTED " : "VALIDATION_FAILED ") + v).toList());
  }

  @Test
  void refusesOtherMediaTypesOversizedBodiesAndOtherMethodsAndWritesNothing() throws Exception {
    assertThat(post("text/plain", "hello".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
    assertThat(post("application/json; charset=iso-8859-1", "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
        .isEqualTo(415);
    HttpResponse<String> form = post("application/x-www-form-urlencoded", "description=x".getBytes(StandardCharsets.UTF_8));
    assertThat(form.statusCode()).isEqualTo(415);
    assertThat(json.readTree(form.body()).get("error").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

    byte[] oversized = ("{\"description\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> declared = post("application/json", oversized);
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json.readTree(declared.body()).get("error").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/api/v1/tips"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);

    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/api/v1/tips")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/nothing")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

    assertThat(topic.since(mark)).isEmpty();
    List<DeadLetter> letters = deadLetters(5, "hello", "description=x");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.getOriginalValue()).as("a body refused unread or too large is not kept").isNull();
      assertThat(letter.getContext()).containsEntry("endpoint", "api");
    });
    assertThat(letters).filteredOn(letter -> letter.getContext().get("status").equals("415"))
        .extracting(letter -> letter.getReasonCode() + " " + letter.getContext().get("code") + " "
            + letter.getContext().get("contentType"))
        .containsExactlyInAnyOrder("PARSE_REJECTED UNSUPPORTED_MEDIA_TYPE text/plain",
            "PARSE_REJECTED UNSUPPORTED_MEDIA_TYPE application/json",
            "PARSE_REJECTED UNSUPPORTED_MEDIA_TYPE application/x-www-form-urlencoded");
    assertThat(letters).filteredOn(letter -> letter.getContext().get("status").equals("413"))
        .extracting(letter -> letter.getReasonCode() + " " + letter.getContext().get("declaredBytes") + " "
            + letter.getContext().get("maxBytes"))
        .containsExactlyInAnyOrder("PAYLOAD_TOO_LARGE " + oversized.length + " 65536",
            "PAYLOAD_TOO_LARGE none (sent without a length) 65536");
  }

  @Test
  void acceptedTipsAndTheirRepeatsWriteNoDeadLetter() throws Exception {
    String body = "{\"submissionId\": \"app-fine\", \"description\": \"a tip that is fine\"}";
    assertThat(postJson(body).statusCode()).isEqualTo(202);
    assertThat(postJson(body).statusCode()).isEqualTo(202);
    assertThat(postForm(form(Map.of("description", "a fine form tip", "reporter.anonymous", "true")))
        .statusCode()).isEqualTo(200);

    assertThat(post("text/plain", "the marker refusal".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);

    assertThat(deadLetters(1)).extracting(letter -> letter.getContext().get("code"))
        .containsExactly("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void theSameSubmissionIdAgainReturnsTheSameTipIdAndWritesNothingNew() throws Exception {
    String first = "{\"submissionId\": \"app-7f3a-0001\", \"description\": \"He asked for photos\", "
        + "\"suspects\": [{\"name\": \"Ray\"}]}";
    String retried = "{ \"suspects\": [ { \"name\": \"Ray\" } ],\n  \"description\": \"He asked for photos\",\n"
        + "  \"submissionId\": \"app-7f3a-0001\" }";

    JsonNode one = json.readTree(postJson(first).body());
    HttpResponse<String> again = postJson(retried);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json.readTree(again.body())).isEqualTo(one);
    List<RawTip> stored = topic.since(mark);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).getExternalId()).isEqualTo("app-7f3a-0001");
    assertThat(stored.get(0).getTipId().toString()).isEqualTo(one.get("tipId").asText());
  }

  @Test
  void aSubmissionIdReusedForADifferentTipIsRefusedWith409AndWritesNothing() throws Exception {
    JsonNode first = json.readTree(postJson("{\"submissionId\": \"app-reuse\", \"description\": \"first tip\"}").body());

    HttpResponse<String> reused = postJson("{\"submissionId\": \"app-reuse\", \"description\": \"another tip\"}");

    assertThat(reused.statusCode()).isEqualTo(409);
    JsonNode error = json.readTree(reused.body());
    assertThat(error.get("error").asText()).isEqualTo("SUBMISSION_ID_REUSED");
    assertThat(error.get("field").asText()).isEqualTo("submissionId");
    assertThat(error.get("message").asText()).contains(Receipts.of(UUID.fromString(first.get("tipId").asText())));
    assertThat(topic.since(mark)).hasSize(1);
    DeadLetter letter = deadLetters(1, "another tip").get(0);
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getContext()).containsEntry("code", "SUBMISSION_ID_REUSED").containsEntry("status", "409")
        .containsEntry("field", "submissionId");
    assertThat(new String(bytes(letter.getOriginalValue()), StandardCharsets.UTF_8)).contains("another tip");
  }

  @Test
  void concurrentRetriesOfOneSubmissionAreStoredOnce() throws Exception {
    String body = "{\"submissionId\": \"app-burst\", \"description\": \"pressed send many times\"}";
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sent.add(pool.submit(() -> postJson(body)));
      }
      List<String> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> response : sent) {
        assertThat(response.get().statusCode()).isEqualTo(202);
        answers.add(json.readTree(response.get().body()).get("tipId").asText());
      }
      assertThat(answers.stream().distinct()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(topic.since(mark)).hasSize(1);
  }

  @Test
  void remembersSubmissionIdsAcrossARestart() throws Exception {
    String body = "{\"submissionId\": \"app-restart\", \"description\": \"sent before the restart\"}";
    JsonNode before = json.readTree(postJson(body).body());
    intake.close();
    intakes.remove(intake);

    intake = intake(Map.of());
    HttpResponse<String> after = postJson(body);

    assertThat(after.statusCode()).isEqualTo(202);
    assertThat(json.readTree(after.body())).isEqualTo(before);
    assertThat(topic.since(mark)).hasSize(1);
  }

  @Test
  void limitsEachClientWith429AndRetryAfterAndStoresNothingForIt() throws Exception {
    intake = intake(Map.of(WebIntakeConfig.RATE_LIMIT_REQUESTS, 3, WebIntakeConfig.RATE_LIMIT_WINDOW_MS, 600_000L,
        WebIntakeConfig.TRUST_FORWARDED_FOR, true));
    for (int i = 0; i < 3; i++) {
      assertThat(postJson("{\"description\": \"tip " + i + "\"}", "X-Forwarded-For", "198.51.100.7").statusCode())
          .isEqualTo(202);
    }

    HttpResponse<String> limited = postJson("{\"description\": \"one too many\"}", "X-Forwarded-For", "198.51.100.7");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json.readTree(limited.body()).get("error").asText()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
    assertThat(postJson("{\"description\": \"another client\"}", "X-Forwarded-For", "198.51.100.8").statusCode())
        .isEqualTo(202);
    assertThat(topic.since(mark)).extracting(tip -> StandardCharsets.UTF_8.decode(tip.getPayload()).toString())
        .containsExactlyInAnyOrder("{\"description\": \"tip 0\"}", "{\"description\": \"tip 1\"}",
            "{\"description\": \"tip 2\"}", "{\"description\": \"another client\"}");

    assertThat(post("text/plain", "marker".getBytes(StandardCharsets.UTF_8), "X-Forwarded-For", "198.51.100.9")
        .statusCode()).isEqualTo(415);
    assertThat(deadLetters(1)).as("a 429 writes no dead letter").extracting(letter -> letter.getContext().get("code"))
        .containsExactly("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void theFormStoresItsExactBytesAndShowsTheReceipt() throws Exception {
    byte[] body = form(Map.of("submissionId", "form-0123456789abcdef", "description", "Un homme a écrit à ma fille",
        "incidentTypes", "ONLINE_ENTICEMENT", "reporter.anonymous", "true"));

    HttpResponse<String> page = postForm(body, "Origin", "http://127.0.0.1:" + intake.port());

    assertThat(page.statusCode()).isEqualTo(200);
    List<RawTip> stored = topic.since(mark);
    assertThat(stored).hasSize(1);
    RawTip raw = stored.get(0);
    assertThat(page.body()).contains(Receipts.of(raw.getTipId())).contains("Your report has been sent");
    assertThat(raw.getContentType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
    assertThat(raw.getPayload()).isEqualTo(ByteBuffer.wrap(body));
    assertThat(raw.getExternalId()).isEqualTo("form-0123456789abcdef");
  }

  @Test
  void anInvalidFormComesBackWithTheProblemNextToTheFieldAndTheTextKept() throws Exception {
    byte[] body = form(Map.of("description", "He wrote <b>\"come alone\"</b> & left", "victims[0].age", "30",
        "reporter.anonymous", "true"));

    HttpResponse<String> page = postForm(body);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body())
        .contains("He wrote &lt;b&gt;&quot;come alone&quot;&lt;/b&gt; &amp; left</textarea>")
        .doesNotContain("<b>\"come alone\"</b>")
        .contains("id=\"f-victims-0-age-error\"")
        .contains("This must be a whole number from 0 to 17.")
        .contains("<a href=\"#f-victims-0-age\">");
    assertThat(topic.since(mark)).isEmpty();
    DeadLetter letter = deadLetters(1, "come alone").get(0);
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getContext()).containsEntry("endpoint", "form").containsEntry("status", "400")
        .containsEntry("code", "OUT_OF_RANGE").containsEntry("field", "victims[0].age");
    assertThat(bytes(letter.getOriginalValue())).isEqualTo(body);
  }

  @Test
  void refusesFormPostsFromOtherSitesAndWritesNothing() throws Exception {
    byte[] body = form(Map.of("description", "forged", "reporter.anonymous", "true"));

    assertThat(postForm(body, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    assertThat(postForm(body, "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
    assertThat(postForm(body, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(postForm(body, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(topic.since(mark)).isEmpty();
    assertThat(deadLetters(4, "forged", "evil.example")).allSatisfy(letter -> {
      assertThat(letter.getReasonCode()).isEqualTo("NOT_AUTHENTIC");
      assertThat(letter.getContext()).containsEntry("endpoint", "form").containsEntry("status", "403")
          .containsEntry("code", "CROSS_ORIGIN");
      assertThat(letter.getOriginalValue()).isNull();
    });

    assertThat(postForm(body, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
    WebIntakeApp behindProxy = intake(Map.of(WebIntakeConfig.ALLOWED_ORIGINS, "https://tips.example.org"));
    assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + behindProxy.port() + "/"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://tips.example.org")
        .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(topic.since(mark)).hasSize(2);
  }

  @Test
  void servesTheFormWithStrictSecurityHeadersAndNothingFromElsewhere() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
        assertThat(csp).startsWith("default-src 'self'").contains("frame-ancestors 'none'", "form-action 'self'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(page.body()).doesNotContain("<script").doesNotContain("style=").doesNotContain("src=\"http")
        .doesNotContain("href=\"http").contains("call 911").contains("name=\"submissionId\"");
    HttpResponse<String> css = http.send(HttpRequest.newBuilder(uri(WebIntakeServer.STYLESHEET_PATH)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(css.body()).doesNotContain("url(").doesNotContain("@import");
  }

  @Test
  void neverRecordsTheTipstersAddressOrUserAgent() throws Exception {
    postJson("{\"description\": \"api tip\"}", "User-Agent", "TipsterBrowser/9.9", "X-Forwarded-For", "203.0.113.77");
    postForm(form(Map.of("description", "form tip", "reporter.anonymous", "true")), "User-Agent", "TipsterBrowser/9.9",
        "X-Forwarded-For", "203.0.113.77");

    List<byte[]> values = topic.rawValues(mark);
    assertThat(values).hasSize(2);
    for (byte[] value : values) {
      String text = new String(value, StandardCharsets.ISO_8859_1);
      assertThat(text).doesNotContain("TipsterBrowser").doesNotContain("203.0.113.77").doesNotContain("127.0.0.1");
    }
    assertThat(topic.since(mark)).allSatisfy(tip -> assertThat(tip.getAttributes()).isEmpty());
  }

  // ---- helpers

  /**
   * Exactly {@code count} dead letters written since the test began, each of stage ingest, channel
   * web, and with none of {@code personal} in its detail or context.
   */
  private List<DeadLetter> deadLetters(int count, String... personal) {
    List<DeadLetter> letters = topic.deadLettersSince(deadLetterMark, count);
    assertThat(letters).hasSize(count);
    for (DeadLetter letter : letters) {
      assertThat(letter.getStage()).isEqualTo("ingest");
      assertThat(letter.getSourceTopic()).isNull();
      assertThat(letter.getContext()).containsEntry("channel", "web").containsEntry("source", "ingest-web");
      String visible = letter.getDetail() + " " + letter.getContext();
      for (String value : personal) {
        assertThat(visible).doesNotContain(value);
      }
    }
    return letters;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  static byte[] form(Map<String, String> fields) {
    return new java.util.TreeMap<>(fields).entrySet().stream()
        .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> postJson(String body, String... headers) throws Exception {
    return post("application/json", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private HttpResponse<String> postForm(byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String contentType, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/tips")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + intake.port() + path);
  }
}
