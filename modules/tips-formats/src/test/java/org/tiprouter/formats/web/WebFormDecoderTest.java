package org.tiprouter.formats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.web.WebFormDecoder.DecodedForm;
import org.tiprouter.formats.web.WebFormDecoder.FormSpot;

class WebFormDecoderTest {

  private final WebSubmissionParser parser =
      new WebSubmissionParser(Clock.fixed(WebSubmissionParserTest.NOW, ZoneOffset.UTC));

  private static byte[] form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> fields(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("description", "Someone asked my daughter for photos");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  @Test
  void decodesTheWholeFormIntoTheJsonContract() throws IOException {
    DecodedForm form = WebFormDecoder.decode(WebSubmissionParserTest.fixture("full-form.txt"));
    WebSubmissionParser.Checked checked = parser.checkForm(form);

    assertThat(checked.violations()).isEmpty();
    WebSubmission tip = checked.submission();
    assertThat(tip.submissionId()).isEqualTo("form-abc123");
    assertThat(tip.description()).isEqualTo("Someone in the \"Maple\" chat asked my son for pictures.\r\nHe said he was 14.");
    assertThat(tip.incidentTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT,
        IncidentType.CHILD_SEXUAL_ABUSE_MATERIAL);
    assertThat(tip.occurredAt()).isEqualTo("2025-03-14T16:30-05:00");
    assertThat(tip.childInImmediateDanger()).isTrue();
    assertThat(tip.location()).isEqualTo(new WebSubmission.WebAddress(null, "Austin", "TX", "78701", null, null, null));
    assertThat(tip.suspects()).hasSize(1);
    WebSubmission.WebSuspect sam = tip.suspects().get(0);
    assertThat(sam.name()).isEqualTo("Sam Example");
    assertThat(sam.age()).isEqualTo(30);
    assertThat(sam.emails()).containsExactly("sam@example.com", "sam2@example.com");
    assertThat(sam.usernames()).containsExactly(new WebSubmission.WebUsername("Maple", "@sam_demo"),
        new WebSubmission.WebUsername(null, "plainhandle"));
    assertThat(sam.urls()).containsExactly("https://example.com/sam");
    assertThat(sam.address().city()).isEqualTo("Dallas");
    assertThat(tip.victims()).containsExactly(new WebSubmission.WebVictim(null, 13, null));
    assertThat(tip.reporter()).isEqualTo(new WebSubmission.WebReporter(true, null, null, null,
        WebSubmission.WebRelationship.PARENT));
    assertThat(form.value("suspects[1].usernames")).isEqualTo("Maple: @sam_demo\r\nplainhandle");
  }

  @Test
  void theSameTipThroughTheFormAndTheApiHasTheSameFingerprint() {
    WebSubmission fromForm = parser.checkForm(WebFormDecoder.decode(form(fields("suspects[1].name", "Ray",
        "suspects[1].emails", "ray@example.com\n", "reporter.anonymous", "true")))).submission();
    WebSubmission fromJson = ((Parsed.Accepted<WebSubmission>) parser.parseJson(("{\"description\": "
        + "\"Someone asked my daughter for photos\", \"suspects\": [{\"name\": \"Ray\", \"emails\": "
        + "[\"ray@example.com\"]}], \"reporter\": {\"anonymous\": true}}").getBytes(StandardCharsets.UTF_8))).value();

    assertThat(parser.fingerprint(fromForm)).isEqualTo(parser.fingerprint(fromJson));
  }

  @Test
  void anEmptyFormAsksForTheDescription() {
    WebSubmissionParser.Checked checked = parser.checkForm(WebFormDecoder.decode(new byte[0]));

    assertThat(checked.violations()).extracting(WebViolation::code, WebViolation::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(WebErrorCode.MISSING_FIELD, "description"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"description=%zz", "description=%C3%28", "description=%E2%82", "description=abc%"})
  void refusesBrokenEncoding(String body) {
    WebSubmissionParser.Checked checked = parser.checkForm(WebFormDecoder.decode(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(checked.violations()).extracting(WebViolation::code).containsExactly(WebErrorCode.INVALID_FORM_ENCODING);
  }

  @Test
  void refusesUnknownAndRepeatedFields() {
    byte[] body = "description=a&description=b&colour=red&suspects%5B10%5D.name=x".getBytes(StandardCharsets.UTF_8);

    assertThat(parser.checkForm(WebFormDecoder.decode(body)).violations())
        .extracting(WebViolation::code, WebViolation::field)
        .contains(org.assertj.core.groups.Tuple.tuple(WebErrorCode.DUPLICATE_FIELD, "description"),
            org.assertj.core.groups.Tuple.tuple(WebErrorCode.UNKNOWN_FIELD, "colour"),
            org.assertj.core.groups.Tuple.tuple(WebErrorCode.UNKNOWN_FIELD, "suspects[10].name"));
  }

  @Test
  void turnsALocalTimeAndZoneIntoATimeWithOffset() {
    WebSubmission winter = parser.checkForm(WebFormDecoder.decode(form(fields("occurredAt", "2025-01-10T08:05",
        "occurredAtZone", "America/New_York")))).submission();
    WebSubmission typed = parser.checkForm(WebFormDecoder.decode(form(fields("occurredAt", "2025-01-10 08:05",
        "occurredAtZone", "America/Los_Angeles")))).submission();

    assertThat(winter.occurredAt()).isEqualTo("2025-01-10T08:05-05:00");
    assertThat(typed.occurredAt()).isEqualTo("2025-01-10T08:05-08:00");
  }

  @Test
  void namesTheFormFieldOfEveryTimeProblem() {
    assertThat(problems(fields("occurredAt", "2025-01-10T08:05"))).containsEntry("occurredAtZone",
        WebErrorCode.MISSING_FIELD);
    assertThat(problems(fields("occurredAt", "2025-01-10T08:05", "occurredAtZone", "Mars/Olympus")))
        .containsEntry("occurredAtZone", WebErrorCode.UNKNOWN_VALUE);
    assertThat(problems(fields("occurredAt", "next tuesday", "occurredAtZone", "UTC")))
        .containsEntry("occurredAt", WebErrorCode.INVALID_FORMAT);
    assertThat(problems(fields("occurredAt", "2031-01-10T08:05", "occurredAtZone", "UTC")))
        .containsEntry("occurredAt", WebErrorCode.IN_THE_FUTURE);
  }

  @Test
  void pointsEachProblemAtTheFieldAndLineItCameFrom() {
    DecodedForm form = WebFormDecoder.decode(form(fields(
        "suspects[0].name", "",
        "suspects[1].age", "forty",
        "suspects[1].emails", "ok@example.com\r\n\r\nnot-an-email",
        "suspects[1].usernames", "Snapchat:",
        "victims[1].age", "19",
        "location.latitude", "35.96",
        "reporter.anonymous", "true",
        "reporter.name", "Alex",
        "incidentTypes", "GROOMING")));
    WebSubmissionParser.Checked checked = parser.checkForm(form);

    Map<String, FormSpot> spots = checked.violations().stream()
        .collect(Collectors.toMap(v -> v.code() + " " + v.field(), v -> form.locate(v.field())));
    assertThat(spots).containsEntry("WRONG_TYPE suspects[0].age", new FormSpot("suspects[1].age", 0))
        .containsEntry("INVALID_FORMAT suspects[0].emails[1]", new FormSpot("suspects[1].emails", 3))
        .containsEntry("MISSING_FIELD suspects[0].usernames[0].handle", new FormSpot("suspects[1].usernames", 1))
        .containsEntry("OUT_OF_RANGE victims[0].age", new FormSpot("victims[1].age", 0))
        .containsEntry("MISSING_FIELD location.longitude", new FormSpot("location.longitude", 0))
        .containsEntry("CONFLICTING_FIELDS reporter.anonymous", new FormSpot("reporter.anonymous", 0))
        .containsEntry("UNKNOWN_VALUE incidentTypes[0]", new FormSpot("incidentTypes", 0));
  }

  @Test
  void knowsItsFields() {
    assertThat(WebFormDecoder.isFormField("suspects[9].address.zip")).isTrue();
    assertThat(WebFormDecoder.isFormField("victims[0].emails")).isFalse();
    assertThat(WebFormDecoder.isFormField("suspects[10].name")).isFalse();
    assertThat(WebFormDecoder.isFormField("reporter.relationship")).isTrue();
    assertThat(WebFormDecoder.isFormField("location")).isFalse();
    assertThat(WebFormDecoder.isFormField("occurredAtZone")).isTrue();
  }

  private Map<String, WebErrorCode> problems(Map<String, String> fields) {
    DecodedForm form = WebFormDecoder.decode(form(fields));
    return parser.checkForm(form).violations().stream()
        .collect(Collectors.toMap(v -> form.locate(v.field()).field(), WebViolation::code, (a, b) -> a));
  }
}
