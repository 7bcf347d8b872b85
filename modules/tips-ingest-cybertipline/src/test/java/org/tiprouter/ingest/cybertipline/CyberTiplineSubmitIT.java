package org.tiprouter.ingest.cybertipline;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.w3c.dom.Document;

/**
 * The HTTP endpoints against a real broker: every answer NCMEC's service gives (success with the
 * report id, 4100, 4110), 413 and the tiprouter codes, exactly one raw record per document however
 * often it is sent (also across a restart), and fileDetails for known and unknown reports.
 */
class CyberTiplineSubmitIT {

  private static EmbeddedKafka kafka;

  private final HttpClient http = HttpClient.newHttpClient();
  private IntakeFixture fixture;
  private CyberTiplineIntakeApp intake;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void startIntake() {
    fixture = new IntakeFixture(kafka.bootstrapServers());
    intake = fixture.app(Map.of()).start();
  }

  @AfterEach
  void stopIntake() {
    intake.close();
  }

  @Test
  void storesTheExactBytesAndAnswersSuccessWithTheReportId() throws Exception {
    byte[] report = IntakeFixture.document("report-chat-sextortion.xml");

    HttpResponse<String> response = post("/cybertipline/submit", "text/xml; charset=UTF-8", report);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    Document answer = xml(response.body());
    assertThat(text(answer, "responseCode")).isEqualTo("0");
    assertThat(text(answer, "responseDescription")).isEqualTo("Success");
    String reportId = text(answer, "reportId");
    assertThat(reportId).matches("[1-9][0-9]{0,15}");

    List<ConsumerRecord<String, RawTip>> stored = fixture.rawTips();
    assertThat(stored).hasSize(1);
    RawTip raw = stored.get(0).value();
    assertThat(stored.get(0).key()).isEqualTo(raw.getTipId().toString());
    assertThat(raw.getChannel()).isEqualTo(Channel.CYBERTIPLINE);
    assertThat(raw.getPayload()).isEqualTo(ByteBuffer.wrap(report));
    assertThat(raw.getPayloadSha256()).isEqualTo(Sha256.hex(report));
    assertThat(raw.getExternalId()).isEqualTo(reportId);
    assertThat(raw.getSource()).isEqualTo("ingest-cybertipline");
    assertThat(raw.getContentType()).isEqualTo("text/xml; charset=utf-8");
    assertThat(raw.getAttributes()).containsEntry("document", "report").containsEntry("endpoint", "submit");
  }

  @Test
  void theSameDocumentSentTwiceGetsTheSameReportIdAndOneRecordEvenAfterARestart() throws Exception {
    byte[] report = IntakeFixture.document("report-cell-phone.xml");

    String first = text(xml(post("/cybertipline/submit", "text/xml", report).body()), "reportId");
    String second = text(xml(post("/cybertipline/submit", "application/xml", report).body()), "reportId");
    intake.close();
    intake = fixture.app(Map.of()).start();
    HttpResponse<String> afterRestart = post("/cybertipline/submit", "text/xml", report);

    assertThat(afterRestart.statusCode()).isEqualTo(200);
    assertThat(text(xml(afterRestart.body()), "reportId")).isEqualTo(first).isEqualTo(second);
    assertThat(fixture.rawTips()).hasSize(1);
    String other = text(xml(post("/cybertipline/submit", "text/xml", IntakeFixture.document("report-non-internet.xml"))
        .body()), "reportId");
    assertThat(other).isNotEqualTo(first);
    assertThat(fixture.rawTips()).hasSize(2);
  }

  @Test
  void refusesAnInvalidReportWith4100NamingTheElementAndDeadLettersItsBytes() throws Exception {
    byte[] report = IntakeFixture.document("report-bad-incident-type.xml");

    HttpResponse<String> response = post("/cybertipline/submit", "text/xml", report);

    assertThat(response.statusCode()).isEqualTo(400);
    Document answer = xml(response.body());
    assertThat(text(answer, "responseCode")).isEqualTo("4100");
    assertThat(text(answer, "responseDescription")).contains("/report/incidentSummary/incidentType")
        .doesNotContain("Child Abuse");
    assertThat(answer.getElementsByTagName("reportId").getLength()).isZero();
    DeadLetter letter = awaitOneDeadLetter();
    assertThat(letter.getStage()).isEqualTo("ingest");
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getDetail()).startsWith("4100 /report/incidentSummary/incidentType");
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(report));
    assertThat(letter.getContext()).containsEntry("responseCode", "4100").containsEntry("source", "ingest-cybertipline");
    assertThat(fixture.rawTips()).isEmpty();
  }

  @Test
  void refusesXmlThatIsNotWellFormedWith4110() throws Exception {
    byte[] report = IntakeFixture.document("report-not-well-formed.xml");

    HttpResponse<String> response = post("/cybertipline/submit", "text/xml", report);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(xml(response.body()), "responseCode")).isEqualTo("4110");
    DeadLetter letter = awaitOneDeadLetter();
    assertThat(letter.getReasonCode()).isEqualTo("PARSE_REJECTED");
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(report));
    assertThat(fixture.rawTips()).isEmpty();
  }

  @Test
  void refusesHostileXmlWithoutReachingOut() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>"
        + "<report><incidentSummary><incidentType>Child Sex Tourism</incidentType><platform>&xxe;</platform>"
        + "<incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime></incidentSummary>"
        + "<reporter><reportingPerson/></reporter></report>";

    HttpResponse<String> response = post("/cybertipline/submit", "text/xml", xxe.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(text(xml(response.body()), "responseDescription")).contains("DOCTYPE");
    assertThat(awaitOneDeadLetter().getReasonCode()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void refusesAnOversizeDocumentWith413AndDeadLettersItWithoutItsBytes() throws Exception {
    intake.close();
    intake = fixture.app(Map.of(CyberTiplineIntakeConfig.MAX_DOCUMENT_BYTES, 2048)).start();
    byte[] report = IntakeFixture.document("report-chat-sextortion.xml");
    assertThat(report.length).isGreaterThan(2048);

    HttpResponse<String> response = post("/cybertipline/submit", "text/xml", report);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(text(xml(response.body()), "responseCode")).isEqualTo("9413");
    DeadLetter letter = awaitOneDeadLetter();
    assertThat(letter.getReasonCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getDetail()).contains(Integer.toString(report.length)).contains("2048");
    assertThat(fixture.rawTips()).isEmpty();
  }

  @Test
  void storesFileDetailsOfAKnownReportAsItsOwnRecordOnTheReportsTip() throws Exception {
    String reportId = text(xml(post("/cybertipline/submit", "text/xml",
        IntakeFixture.document("report-chat-sextortion.xml")).body()), "reportId");
    byte[] details = IntakeFixture.fileDetails(reportId);

    HttpResponse<String> response = post("/cybertipline/fileinfo", "text/xml", details);
    HttpResponse<String> again = post("/cybertipline/fileinfo", "text/xml", details);

    assertThat(response.statusCode()).isEqualTo(200);
    Document answer = xml(response.body());
    assertThat(text(answer, "responseCode")).isEqualTo("0");
    assertThat(text(answer, "reportId")).isEqualTo(reportId);
    assertThat(text(answer, "fileId")).isEqualTo("f-0001");
    assertThat(again.body()).isEqualTo(response.body());
    List<ConsumerRecord<String, RawTip>> stored = fixture.rawTips();
    assertThat(stored).hasSize(2);
    RawTip report = stored.stream().map(ConsumerRecord::value)
        .filter(raw -> "report".equals(raw.getAttributes().get("document"))).findFirst().orElseThrow();
    ConsumerRecord<String, RawTip> file = stored.stream()
        .filter(record -> "fileDetails".equals(record.value().getAttributes().get("document"))).findFirst().orElseThrow();
    assertThat(file.key()).isEqualTo(report.getTipId().toString());
    assertThat(file.value().getTipId()).isEqualTo(report.getTipId());
    assertThat(file.value().getChannel()).isEqualTo(Channel.CYBERTIPLINE);
    assertThat(file.value().getExternalId()).isEqualTo(reportId);
    assertThat(file.value().getPayload()).isEqualTo(ByteBuffer.wrap(details));
    assertThat(file.value().getAttributes()).containsEntry("fileId", "f-0001").containsEntry("endpoint", "fileinfo");
  }

  @Test
  void refusesFileDetailsOfAnUnknownReport() throws Exception {
    byte[] details = IntakeFixture.fileDetails("4242424242");

    HttpResponse<String> response = post("/cybertipline/fileinfo", "text/xml", details);

    assertThat(response.statusCode()).isEqualTo(422);
    Document answer = xml(response.body());
    assertThat(text(answer, "responseCode")).isEqualTo("9422");
    assertThat(text(answer, "reportId")).isEqualTo("4242424242");
    DeadLetter letter = awaitOneDeadLetter();
    assertThat(letter.getReasonCode()).isEqualTo("VALIDATION_FAILED");
    assertThat(letter.getDetail()).contains("4242424242");
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(details));
    assertThat(fixture.rawTips()).isEmpty();
  }

  @Test
  void refusesAReportOnTheFileinfoEndpointAndFileDetailsOnSubmit() throws Exception {
    HttpResponse<String> report = post("/cybertipline/fileinfo", "text/xml", IntakeFixture.document("report-cell-phone.xml"));
    HttpResponse<String> details = post("/cybertipline/submit", "text/xml", IntakeFixture.fileDetails("1"));

    assertThat(report.statusCode()).isEqualTo(400);
    assertThat(text(xml(report.body()), "responseCode")).isEqualTo("4100");
    assertThat(details.statusCode()).isEqualTo(400);
    assertThat(text(xml(details.body()), "responseCode")).isEqualTo("4100");
  }

  @Test
  void answersWrongMethodsMediaTypesAndPathsWithoutStoringAnything() throws Exception {
    byte[] report = IntakeFixture.document("report-cell-phone.xml");

    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/cybertipline/submit")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> json = post("/cybertipline/submit", "application/json", report);
    HttpResponse<String> missing = post("/cybertipline/upload", "text/xml", report);

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(text(xml(get.body()), "responseCode")).isEqualTo("9405");
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(text(xml(json.body()), "responseCode")).isEqualTo("9415");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(text(xml(missing.body()), "responseCode")).isEqualTo("9404");
    assertThat(fixture.rawTips()).isEmpty();
    // the refused media type is outside input too: one dead letter, without the bytes
    DeadLetter refused = awaitOneDeadLetter();
    assertThat(refused.getReasonCode()).isEqualTo("PARSE_REJECTED");
    assertThat(refused.getOriginalValue()).isNull();
    assertThat(refused.getContext()).containsEntry("channel", "cybertipline").containsEntry("endpoint", "submit")
        .containsEntry("responseCode", "9415");
    assertThat(refused.getDetail()).contains("application/json");
  }

  private DeadLetter awaitOneDeadLetter() {
    return await().atMost(ofSeconds(30)).until(fixture::deadLetters, letters -> letters.size() == 1).get(0);
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + intake.port() + path);
  }

  static Document xml(String body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  static String text(Document document, String element) {
    return document.getElementsByTagName(element).item(0).getTextContent();
  }
}
