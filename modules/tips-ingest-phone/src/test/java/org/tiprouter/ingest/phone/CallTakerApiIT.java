package org.tiprouter.ingest.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code POST /api/v1/phone/calls} against a real broker: the exact bytes stored once per call id,
 * across restarts too, and the web API's answers for everything else, each refusal also exactly one
 * dead letter (none for accepted calls, repeats and 429s).
 */
class CallTakerApiIT {

  private static final String JSON = "application/json";
  private static EmbeddedKafka kafka;
  private final ObjectMapper json = new ObjectMapper();
  private PhoneFixture fixture;
  private PhoneIntakeApp intake;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void createIntake() {
    fixture = new PhoneFixture(kafka.bootstrapServers());
    intake = fixture.app(Map.of()).start();
  }

  @AfterEach
  void closeIntake() {
    intake.close();
  }

  private HttpResponse<String> post(String contentType, byte[] body) {
    return fixture.post(intake.port(), "/api/v1/phone/calls", contentType, body, Map.of());
  }

  /**
   * Sent with {@code Expect: 100-continue}: the intake answers 413 from the declared length without
   * reading, so the client never writes a body the server will not read (which could reset the
   * connection before the answer arrives).
   */
  private HttpResponse<String> oversized(byte[] body) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + intake.port() + "/api/v1/phone/calls"))
        .header("Content-Type", JSON).expectContinue(true).timeout(java.time.Duration.ofSeconds(30))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode body(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void storesTheExactBytesOfACallAsARawPhoneTip() throws Exception {
    byte[] call = PhoneFixture.resource("call.json");

    HttpResponse<String> response = post(JSON, call);

    assertThat(response.statusCode()).isEqualTo(202);
    String tipId = body(response).get("tipId").asText();
    List<RawTip> raw = fixture.rawTips();
    assertThat(raw).hasSize(1);
    RawTip tip = raw.get(0);
    assertThat(tip.getTipId().toString()).isEqualTo(tipId);
    assertThat(tip.getChannel()).isEqualTo(Channel.PHONE);
    assertThat(PhoneFixture.bytes(tip.getPayload())).isEqualTo(call);
    assertThat(tip.getPayloadSha256()).isEqualTo(Sha256.hex(call));
    assertThat(tip.getExternalId()).isEqualTo("KX-2025-03-14-0042");
    assertThat(tip.getSource()).isEqualTo("ingest-phone");
    assertThat(tip.getContentType()).isEqualTo(JSON);

    assertThat(post(JSON, call).statusCode()).as("the same call again").isEqualTo(202);
    assertThat(post("text/plain", "marker".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
    assertThat(fixture.deadLetters(1)).as("only the marker refusal is a dead letter")
        .extracting(letter -> letter.getContext().get("code")).containsExactly("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void answers429WithRetryAfterWhenOneClientSendsTooManyCallsAndWritesNothingForIt() throws Exception {
    intake.close();
    intake = fixture.app(Map.of(PhoneIntakeConfig.RATE_LIMIT_REQUESTS, 1)).start();
    byte[] call = PhoneFixture.resource("call.json");
    assertThat(post(JSON, call).statusCode()).isEqualTo(202);

    String other = new String(call, java.nio.charset.StandardCharsets.UTF_8).replace("KX-2025-03-14-0042", "KX-2025-03-14-0043");
    HttpResponse<String> limited = post(JSON, other.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(body(limited).get("error").asText()).isEqualTo("RATE_LIMITED");
    assertThat(fixture.rawTips()).hasSize(1);
    assertThat(fixture.deadLetters()).as("a 429 writes no dead letter").isEmpty();
  }

  @Test
  void answersTheSameCallWithTheSameTipIdAndWritesNothingNewEvenAfterARestart() throws Exception {
    byte[] call = PhoneFixture.resource("call.json");
    String tipId = body(post(JSON, call)).get("tipId").asText();

    HttpResponse<String> again = post(JSON, call);
    intake.close();
    intake = fixture.app(Map.of()).start();
    HttpResponse<String> afterRestart = post(JSON, call);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(body(again).get("tipId").asText()).isEqualTo(tipId);
    assertThat(body(again).get("repeat").asBoolean()).isTrue();
    assertThat(afterRestart.statusCode()).isEqualTo(202);
    assertThat(body(afterRestart).get("tipId").asText()).isEqualTo(tipId);
    assertThat(fixture.rawTips()).hasSize(1);
  }

  @Test
  void refusesACallIdReusedForOtherContent() throws Exception {
    byte[] call = PhoneFixture.resource("call.json");
    post(JSON, call);
    byte[] other = new String(call, StandardCharsets.UTF_8).replace("op-117", "op-118").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(JSON, other);

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(body(response).get("error").asText()).isEqualTo("CALL_ID_REUSED");
    assertThat(fixture.rawTips()).hasSize(1);
    DeadLetter letter = fixture.deadLetters(1, "op-118").get(0);
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getContext()).containsEntry("endpoint", "calls").containsEntry("status", "409")
        .containsEntry("code", "CALL_ID_REUSED").containsEntry("field", "call.callId");
    assertThat(PhoneFixture.bytes(letter.getOriginalValue())).isEqualTo(other);
  }

  @Test
  void answersLikeTheWebApiForEverythingItRefuses() throws Exception {
    HttpResponse<String> noCall = post(JSON, "{\"description\":\"a tip\"}".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> badTime = post(JSON, ("{\"description\":\"a tip\",\"call\":{\"callId\":\"c1\","
        + "\"callStartedAt\":\"yesterday\"}}").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> webRule = post(JSON, ("{\"description\":\"a tip\",\"victims\":[{\"age\":40}],"
        + "\"call\":{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11Z\"}}").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> wrongType = post("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> tooLarge = oversized(new byte[70 * 1024]);
    HttpResponse<String> broken = post(JSON, "{\"description\":\"my neighbour".getBytes(StandardCharsets.UTF_8));

    assertThat(noCall.statusCode()).isEqualTo(400);
    assertThat(body(noCall).get("error").asText()).isEqualTo("MISSING_FIELD");
    assertThat(body(noCall).get("field").asText()).isEqualTo("call");
    assertThat(body(badTime).get("field").asText()).isEqualTo("call.callStartedAt");
    assertThat(body(badTime).get("error").asText()).isEqualTo("INVALID_FORMAT");
    assertThat(body(webRule).get("error").asText()).isEqualTo("OUT_OF_RANGE");
    assertThat(body(webRule).get("field").asText()).isEqualTo("victims[0].age");
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(fixture.rawTips()).isEmpty();

    List<DeadLetter> letters = fixture.deadLetters(6, "yesterday", "hello", "my neighbour");
    assertThat(letters).allSatisfy(letter -> assertThat(letter.getContext()).containsEntry("endpoint", "calls"));
    assertThat(letters).extracting(letter -> letter.getContext().get("status") + " " + letter.getReasonCode() + " "
        + letter.getContext().get("code") + " " + letter.getContext().getOrDefault("field", "-") + " "
        + (letter.getOriginalValue() == null ? "no bytes" : "bytes"))
        .containsExactlyInAnyOrder(
            "400 VALIDATION_FAILED MISSING_FIELD call bytes",
            "400 VALIDATION_FAILED INVALID_FORMAT call.callStartedAt bytes",
            "400 VALIDATION_FAILED OUT_OF_RANGE victims[0].age bytes",
            "400 PARSE_REJECTED INVALID_JSON - bytes",
            "415 PARSE_REJECTED UNSUPPORTED_MEDIA_TYPE - no bytes",
            "413 PAYLOAD_TOO_LARGE PAYLOAD_TOO_LARGE - no bytes");
    assertThat(letters).filteredOn(letter -> letter.getContext().get("status").equals("413"))
        .extracting(letter -> letter.getContext().get("declaredBytes")).containsExactly(Integer.toString(70 * 1024));
  }
}
