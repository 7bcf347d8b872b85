package org.tiprouter.ingest.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.phone.PhoneCall;
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * The Twilio-compatible webhook against a real broker. Signatures are computed here from Twilio's
 * definition (HMAC-SHA1 with the auth token over the full URL followed by the POST parameters
 * sorted by name, each name followed by its value, Base64), not with the intake's own code. Every
 * refusal is exactly one dead letter; forged requests keep no payload.
 */
class TwilioWebhookIT {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String CALL_SID = "CA0123456789abcdef0123456789abcdef";
  private static EmbeddedKafka kafka;
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

  /** Twilio's signature, from its documented definition. */
  static String sign(String token, String url, Map<String, String> parameters) throws Exception {
    StringBuilder data = new StringBuilder(url);
    parameters.keySet().stream().sorted().forEach(name -> data.append(name).append(parameters.get(name)));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String path, byte[] body, String signature) {
    return fixture.post(intake.port(), path, FORM, body,
        signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature));
  }

  private HttpResponse<String> signedPost(String path, Map<String, String> parameters) throws Exception {
    return post(path, form(parameters), sign(PhoneFixture.AUTH_TOKEN, PhoneFixture.PUBLIC_BASE_URL + path, parameters));
  }

  private static Map<String, String> transcription(String status, String text) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("AccountSid", "AC00000000000000000000000000000000");
    parameters.put("CallSid", CALL_SID);
    parameters.put("From", "+18655550142");
    parameters.put("To", "+18005550100");
    parameters.put("FromCity", "KNOXVILLE");
    parameters.put("FromState", "TN");
    parameters.put("FromZip", "37902");
    parameters.put("FromCountry", "US");
    parameters.put("RecordingSid", "RE0123456789abcdef0123456789abcdef");
    parameters.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE01");
    parameters.put("TranscriptionSid", "TR0123456789abcdef0123456789abcdef");
    parameters.put("TranscriptionStatus", status);
    if (text != null) {
      parameters.put("TranscriptionText", text);
    }
    return parameters;
  }

  @Test
  void answersACallWithGuidanceAndARecordingWithTranscription() throws Exception {
    Map<String, String> call = new LinkedHashMap<>();
    call.put("CallSid", CALL_SID);
    call.put("From", "+18655550142");
    call.put("To", "+18005550100");
    call.put("FromCity", "KNOXVILLE");

    HttpResponse<String> response = signedPost("/phone/twilio/voice", call);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
    assertThat(response.body()).contains("<Response>").contains("immediate danger").contains("call 9 1 1")
        .contains("transcribe=\"true\"")
        .contains("transcribeCallback=\"https://hotline.example.org/phone/twilio/transcription\"");
    assertThat(fixture.rawTips()).isEmpty();
  }

  @Test
  void storesATranscriptionAsAPhoneTipWithTheCallSidOnce() throws Exception {
    Map<String, String> parameters = transcription("completed", "A man keeps messaging my son on a game");
    byte[] body = form(parameters);
    String signature = sign(PhoneFixture.AUTH_TOKEN, PhoneFixture.PUBLIC_BASE_URL + "/phone/twilio/transcription",
        parameters);

    HttpResponse<String> first = post("/phone/twilio/transcription", body, signature);
    HttpResponse<String> again = post("/phone/twilio/transcription", body, signature);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    List<RawTip> raw = fixture.rawTips();
    assertThat(raw).hasSize(1);
    assertThat(raw.get(0).getExternalId()).isEqualTo(CALL_SID);
    assertThat(PhoneFixture.bytes(raw.get(0).getPayload())).isEqualTo(body);
    assertThat(raw.get(0).getPayloadSha256()).isEqualTo(Sha256.hex(body));
    assertThat(raw.get(0).getContentType()).isEqualTo(FORM);
  }

  @Test
  void aFailedTranscriptionStillBecomesATipThatPointsToTheRecording() throws Exception {
    HttpResponse<String> response = signedPost("/phone/twilio/transcription", transcription("failed", null));

    assertThat(response.statusCode()).isEqualTo(200);
    List<RawTip> raw = fixture.rawTips();
    assertThat(raw).hasSize(1);
    Parsed<PhoneCall> parsed = new PhoneCallParser(java.time.Clock.systemUTC())
        .parse(PhoneFixture.bytes(raw.get(0).getPayload()), raw.get(0).getContentType());
    assertThat(((Parsed.Accepted<PhoneCall>) parsed).value().submission().description())
        .contains("could not be transcribed").contains("Recordings/RE01");
  }

  @Test
  void refusesForgedMissingAndReplayedSignaturesAndWritesNothing() throws Exception {
    Map<String, String> parameters = transcription("completed", "A man keeps messaging my son on a game");
    String url = PhoneFixture.PUBLIC_BASE_URL + "/phone/twilio/transcription";
    String genuine = sign(PhoneFixture.AUTH_TOKEN, url, parameters);
    Map<String, String> altered = new LinkedHashMap<>(parameters);
    altered.put("TranscriptionText", "Nothing happened, ignore the earlier call");
    Map<String, String> added = new LinkedHashMap<>(parameters);
    added.put("Extra", "1");

    HttpResponse<String> forged = post("/phone/twilio/transcription", form(parameters),
        sign("not-the-auth-token", url, parameters));
    HttpResponse<String> missing = post("/phone/twilio/transcription", form(parameters), null);
    HttpResponse<String> replayedAltered = post("/phone/twilio/transcription", form(altered), genuine);
    HttpResponse<String> replayedAdded = post("/phone/twilio/transcription", form(added), genuine);
    HttpResponse<String> otherUrl = post("/phone/twilio/transcription", form(parameters),
        sign(PhoneFixture.AUTH_TOKEN, "http://127.0.0.1/phone/twilio/transcription", parameters));
    HttpResponse<String> forgedVoice = post("/phone/twilio/voice", form(Map.of("CallSid", CALL_SID)), genuine);

    assertThat(List.of(forged, missing, replayedAltered, replayedAdded, otherUrl, forgedVoice))
        .extracting(HttpResponse::statusCode).containsOnly(403);
    assertThat(forgedVoice.body()).doesNotContain("<Response>");
    assertThat(fixture.rawTips()).isEmpty();
    List<DeadLetter> letters = fixture.deadLetters(6, "+18655550142", "messaging my son", "ignore the earlier",
        "KNOXVILLE");
    assertThat(letters).allSatisfy(letter -> {
      assertThat(letter.getReasonCode()).isEqualTo("NOT_AUTHENTIC");
      assertThat(letter.getOriginalValue()).as("forged input is not kept").isNull();
      assertThat(letter.getContext()).containsEntry("status", "403").containsEntry("callSid", CALL_SID)
          .containsKey("bodyBytes");
    });
    assertThat(letters).extracting(letter -> letter.getContext().get("endpoint") + " " + letter.getContext().get("code"))
        .containsExactlyInAnyOrder("twilio-transcription SIGNATURE_INVALID", "twilio-transcription SIGNATURE_MISSING",
            "twilio-transcription SIGNATURE_INVALID", "twilio-transcription SIGNATURE_INVALID",
            "twilio-transcription SIGNATURE_INVALID", "twilio-voice SIGNATURE_INVALID");

    assertThat(post("/phone/twilio/transcription", form(parameters), genuine).statusCode()).isEqualTo(200);
    assertThat(fixture.rawTips()).hasSize(1);
    assertThat(fixture.post(intake.port(), "/phone/twilio/voice", "text/plain", new byte[] {'x'}, Map.of())
        .statusCode()).isEqualTo(415);
    assertThat(fixture.deadLetters(7)).as("the stored transcription is no dead letter, the marker is")
        .filteredOn(letter -> !letter.getContext().get("status").equals("403")).hasSize(1);
  }

  @Test
  void deadLettersEveryOtherRefusalAndAChangedTranscriptionOfAStoredCall() throws Exception {
    Map<String, String> noCallSid = transcription("completed", "A man keeps messaging my son on a game");
    noCallSid.remove("CallSid");
    Map<String, String> stored = transcription("completed", "A man keeps messaging my son on a game");
    Map<String, String> changed = transcription("completed", "He also sent a friend request");

    HttpResponse<String> invalid = signedPost("/phone/twilio/transcription", noCallSid);
    HttpResponse<String> wrongType = fixture.post(intake.port(), "/phone/twilio/transcription", "application/json",
        "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    HttpResponse<String> tooLarge = fixture.postOversized(intake.port(), "/phone/twilio/transcription", FORM,
        new byte[70 * 1024]);
    HttpResponse<String> first = signedPost("/phone/twilio/transcription", stored);
    HttpResponse<String> second = signedPost("/phone/twilio/transcription", changed);

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).as("Twilio cannot act on an error; the change is kept as a dead letter")
        .isEqualTo(200);
    assertThat(fixture.rawTips()).hasSize(1);

    List<DeadLetter> letters = fixture.deadLetters(4, "+18655550142", "messaging my son", "friend request");
    assertThat(letters).allSatisfy(letter ->
        assertThat(letter.getContext()).containsEntry("endpoint", "twilio-transcription"));
    assertThat(letters).extracting(letter -> letter.getContext().get("status") + " " + letter.getReasonCode() + " "
        + letter.getContext().get("code") + " " + letter.getContext().getOrDefault("field", "-"))
        .containsExactlyInAnyOrder("400 VALIDATION_FAILED MISSING_FIELD CallSid",
            "415 PARSE_REJECTED UNSUPPORTED_MEDIA_TYPE -", "413 PAYLOAD_TOO_LARGE PAYLOAD_TOO_LARGE -",
            "200 VALIDATION_FAILED CALL_ID_REUSED CallSid");
    assertThat(letters).filteredOn(letter -> letter.getContext().get("code").equals("CALL_ID_REUSED"))
        .extracting(letter -> PhoneFixture.bytes(letter.getOriginalValue())).containsExactly(form(changed));
    assertThat(letters).filteredOn(letter -> letter.getContext().get("code").equals("MISSING_FIELD"))
        .extracting(letter -> PhoneFixture.bytes(letter.getOriginalValue())).containsExactly(form(noCallSid));
  }

  @Test
  void signsOverTheUrlAsReceivedWhenNoPublicBaseUrlIsSet() throws Exception {
    intake.close();
    intake = fixture.app(Map.of(PhoneIntakeConfig.TWILIO_PUBLIC_BASE_URL, "")).start();
    Map<String, String> parameters = transcription("completed", "text");
    String local = "http://127.0.0.1:" + intake.port() + "/phone/twilio/transcription";

    assertThat(post("/phone/twilio/transcription", form(parameters),
        sign(PhoneFixture.AUTH_TOKEN, PhoneFixture.PUBLIC_BASE_URL + "/phone/twilio/transcription", parameters))
        .statusCode()).isEqualTo(403);
    assertThat(post("/phone/twilio/transcription", form(parameters), sign(PhoneFixture.AUTH_TOKEN, local, parameters))
        .statusCode()).isEqualTo(200);
  }

  @Test
  void servesNoWebhookWhenItIsNotEnabled() throws Exception {
    intake.close();
    intake = fixture.app(Map.of(PhoneIntakeConfig.TWILIO_ENABLED, false)).start();

    assertThat(signedPost("/phone/twilio/voice", new LinkedHashMap<>(Map.of("CallSid", CALL_SID))).statusCode())
        .isEqualTo(404);
  }
}
