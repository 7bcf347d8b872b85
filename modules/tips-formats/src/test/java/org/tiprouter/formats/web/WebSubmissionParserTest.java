package org.tiprouter.formats.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.web.WebSubmission.WebRelationship;

class WebSubmissionParserTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private final WebSubmissionParser parser = new WebSubmissionParser(Clock.fixed(NOW, ZoneOffset.UTC));

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = WebSubmissionParserTest.class.getResourceAsStream("/web/" + name)) {
      return in.readAllBytes();
    }
  }

  private Parsed<WebSubmission> json(String json) {
    return parser.parseJson(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String tip(String extra) {
    return "{\"description\": \"A man offered my son money in a game chat\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  @Test
  void acceptsEveryFieldOfTheContract() throws IOException {
    Parsed<WebSubmission> parsed = parser.parseJson(fixture("full-submission.json"));

    assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
    WebSubmission tip = ((Parsed.Accepted<WebSubmission>) parsed).value();
    assertThat(tip.submissionId()).isEqualTo("form-2025.03.14_0001");
    assertThat(tip.description()).startsWith("A man calling himself Coach Ray");
    assertThat(tip.incidentTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION,
        IncidentType.ONLINE_ENTICEMENT);
    assertThat(tip.occurredAtInstant()).isEqualTo(Instant.parse("2025-03-14T20:30:00Z"));
    assertThat(tip.location().zip()).isEqualTo("37902-1234");
    assertThat(tip.location().latitude()).isEqualTo(35.9606);
    assertThat(tip.suspects()).hasSize(1);
    assertThat(tip.suspects().get(0).usernames()).hasSize(2);
    assertThat(tip.suspects().get(0).usernames().get(1).service()).isNull();
    assertThat(tip.suspects().get(0).address().city()).isEqualTo("Maryville");
    assertThat(tip.victims().get(0).age()).isEqualTo(12);
    assertThat(tip.childInImmediateDanger()).isTrue();
    assertThat(tip.reporter().relationship()).isEqualTo(WebRelationship.PARENT);
    assertThat(tip.reporter().anonymous()).isFalse();
  }

  @Test
  void acceptsADescriptionAlone() {
    Parsed<WebSubmission> parsed = json("{\"description\": \"x\"}");

    WebSubmission tip = ((Parsed.Accepted<WebSubmission>) parsed).value();
    assertThat(tip.incidentTypes()).isEmpty();
    assertThat(tip.suspects()).isEmpty();
    assertThat(tip.reporter()).isNull();
    assertThat(tip.childInImmediateDanger()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"submissionId\": \"bcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-\"",
      "\"occurredAt\": \"2025-06-01T12:04:59Z\"",
      "\"occurredAt\": \"2025-06-01T08:00:00-04:00\"",
      "\"occurredAt\": \"2025-03-14T16:30:00.250+05:30\"",
      "\"incidentTypes\": []",
      "\"incidentTypes\": null",
      "\"location\": {\"state\": \"on\", \"country\": \"CA\"}",
      "\"location\": {\"state\": \"pr\"}",
      "\"location\": {\"zip\": \"37902-1234\"}",
      "\"location\": {\"latitude\": 90, \"longitude\": -180}",
      "\"location\": {\"latitude\": -90.0, \"longitude\": 180.0}",
      "\"location\": {\"address\": \"\", \"city\": \"  \", \"zip\": null}",
      "\"suspects\": [{\"age\": 0}, {\"age\": 120}, {}]",
      "\"suspects\": [{\"phones\": [\"+1 (865) 555-0142 ext. 12\", \"865.555.0142\", \"0044 20 7946 0958\"]}]",
      "\"suspects\": [{\"emails\": [\"first.last+tag@sub.example.co.uk\"]}]",
      "\"suspects\": [{\"urls\": [\"example.com/profile\", \"https://example.com/a?b=c\"]}]",
      "\"victims\": [{\"age\": 17}, {\"name\": \"Jo\"}]",
      "\"childInImmediateDanger\": false",
      "\"reporter\": {\"anonymous\": true, \"relationship\": \"EDUCATOR\"}",
      "\"reporter\": {\"anonymous\": true, \"name\": \"\", \"email\": null}",
      "\"reporter\": {\"anonymous\": false}",
      "\"reporter\": {}",
  })
  void acceptsValidEdgeCases(String extra) {
    assertThat(json(tip(extra))).isInstanceOf(Parsed.Accepted.class);
  }

  @Test
  void acceptsADescriptionOfExactly20000CharactersCountingEmojiOnce() {
    String description = "\uD83D\uDE22".repeat(20_000);
    assertThat(json("{\"description\": \"" + description + "\"}")).isInstanceOf(Parsed.Accepted.class);
    assertThat(json("{\"description\": \"" + description + "x\"}"))
        .isEqualTo(Parsed.rejected("TOO_LONG", "description", "This is too long: at most 20000 characters."));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("", WebErrorCode.INVALID_JSON, null),
        Arguments.of("{\"description\": ", WebErrorCode.INVALID_JSON, null),
        Arguments.of("[1, 2]", WebErrorCode.INVALID_JSON, null),
        Arguments.of("\"a tip\"", WebErrorCode.INVALID_JSON, null),
        Arguments.of("null", WebErrorCode.INVALID_JSON, null),
        Arguments.of("{} {}", WebErrorCode.INVALID_JSON, null),
        Arguments.of("{\"description\": \"x\",}", WebErrorCode.INVALID_JSON, null),
        Arguments.of("{'description': 'x'}", WebErrorCode.INVALID_JSON, null),
        Arguments.of("{\"description\": \"x\", \"location\": " + "[".repeat(20) + "]".repeat(20) + "}",
            WebErrorCode.INVALID_JSON, null),
        Arguments.of("{\"description\": \"x\", \"description\": \"y\"}", WebErrorCode.DUPLICATE_FIELD, "description"),
        Arguments.of(tip("\"suspects\": [{\"name\": \"a\", \"name\": \"b\"}]"), WebErrorCode.DUPLICATE_FIELD,
            "suspects[0].name"),
        Arguments.of(tip("\"descripton\": \"typo\""), WebErrorCode.UNKNOWN_FIELD, "descripton"),
        Arguments.of(tip("\"location\": {\"zipcode\": \"37902\"}"), WebErrorCode.UNKNOWN_FIELD, "location.zipcode"),
        Arguments.of(tip("\"suspects\": [{\"usernames\": [{\"handle\": \"a\", \"site\": \"b\"}]}]"),
            WebErrorCode.UNKNOWN_FIELD, "suspects[0].usernames[0].site"),
        Arguments.of(tip("\"victims\": [{\"emails\": [\"a@example.com\"]}]"), WebErrorCode.UNKNOWN_FIELD,
            "victims[0].emails"),
        Arguments.of(tip("\"reporter\": {\"anon\": true}"), WebErrorCode.UNKNOWN_FIELD, "reporter.anon"),
        Arguments.of("{}", WebErrorCode.MISSING_FIELD, "description"),
        Arguments.of("{\"description\": null}", WebErrorCode.MISSING_FIELD, "description"),
        Arguments.of("{\"description\": \" \\n\\t \"}", WebErrorCode.MISSING_FIELD, "description"),
        Arguments.of(tip("\"location\": {\"latitude\": 35.96}"), WebErrorCode.MISSING_FIELD, "location.longitude"),
        Arguments.of(tip("\"location\": {\"longitude\": -83.92}"), WebErrorCode.MISSING_FIELD, "location.latitude"),
        Arguments.of(tip("\"suspects\": [{\"usernames\": [{\"service\": \"Discord\"}]}]"), WebErrorCode.MISSING_FIELD,
            "suspects[0].usernames[0].handle"),
        Arguments.of(tip("\"suspects\": [{\"emails\": [\"\"]}]"), WebErrorCode.MISSING_FIELD, "suspects[0].emails[0]"),
        Arguments.of("{\"description\": 5}", WebErrorCode.WRONG_TYPE, "description"),
        Arguments.of(tip("\"submissionId\": 42"), WebErrorCode.WRONG_TYPE, "submissionId"),
        Arguments.of(tip("\"childInImmediateDanger\": \"yes\""), WebErrorCode.WRONG_TYPE, "childInImmediateDanger"),
        Arguments.of(tip("\"childInImmediateDanger\": 1"), WebErrorCode.WRONG_TYPE, "childInImmediateDanger"),
        Arguments.of(tip("\"suspects\": [{\"age\": \"12\"}]"), WebErrorCode.WRONG_TYPE, "suspects[0].age"),
        Arguments.of(tip("\"suspects\": [{\"age\": 12.5}]"), WebErrorCode.WRONG_TYPE, "suspects[0].age"),
        Arguments.of(tip("\"suspects\": [{\"age\": 12.0}]"), WebErrorCode.WRONG_TYPE, "suspects[0].age"),
        Arguments.of(tip("\"suspects\": {\"name\": \"a\"}"), WebErrorCode.WRONG_TYPE, "suspects"),
        Arguments.of(tip("\"suspects\": [\"Ray\"]"), WebErrorCode.WRONG_TYPE, "suspects[0]"),
        Arguments.of(tip("\"suspects\": [{\"emails\": [null]}]"), WebErrorCode.WRONG_TYPE, "suspects[0].emails[0]"),
        Arguments.of(tip("\"suspects\": [{\"emails\": \"a@example.com\"}]"), WebErrorCode.WRONG_TYPE,
            "suspects[0].emails"),
        Arguments.of(tip("\"suspects\": [{\"usernames\": [\"ray\"]}]"), WebErrorCode.WRONG_TYPE,
            "suspects[0].usernames[0]"),
        Arguments.of(tip("\"suspects\": [{\"name\": [\"Ray\"]}]"), WebErrorCode.WRONG_TYPE, "suspects[0].name"),
        Arguments.of(tip("\"location\": {\"latitude\": \"35.9\", \"longitude\": -83}"), WebErrorCode.WRONG_TYPE,
            "location.latitude"),
        Arguments.of(tip("\"location\": \"Knoxville\""), WebErrorCode.WRONG_TYPE, "location"),
        Arguments.of(tip("\"incidentTypes\": \"OTHER\""), WebErrorCode.WRONG_TYPE, "incidentTypes"),
        Arguments.of(tip("\"incidentTypes\": [1]"), WebErrorCode.WRONG_TYPE, "incidentTypes[0]"),
        Arguments.of(tip("\"reporter\": {\"anonymous\": \"true\"}"), WebErrorCode.WRONG_TYPE, "reporter.anonymous"),
        Arguments.of(tip("\"reporter\": true"), WebErrorCode.WRONG_TYPE, "reporter"),
        Arguments.of(tip("\"occurredAt\": 1741970000"), WebErrorCode.WRONG_TYPE, "occurredAt"),
        Arguments.of(tip("\"suspects\": [{\"name\": \"" + "n".repeat(201) + "\"}]"), WebErrorCode.TOO_LONG,
            "suspects[0].name"),
        Arguments.of(tip("\"submissionId\": \"" + "a".repeat(65) + "\""), WebErrorCode.TOO_LONG, "submissionId"),
        Arguments.of(tip("\"suspects\": [{\"urls\": [\"https://example.com/" + "p".repeat(2048) + "\"]}]"),
            WebErrorCode.TOO_LONG, "suspects[0].urls[0]"),
        Arguments.of(tip("\"location\": {\"city\": \"" + "c".repeat(101) + "\"}"), WebErrorCode.TOO_LONG,
            "location.city"),
        Arguments.of(tip("\"suspects\": [" + "{},".repeat(10) + "{}]"), WebErrorCode.TOO_MANY, "suspects"),
        Arguments.of(tip("\"victims\": [" + "{},".repeat(10) + "{}]"), WebErrorCode.TOO_MANY, "victims"),
        Arguments.of(tip("\"suspects\": [{\"emails\": [" + "\"a@example.com\",".repeat(20) + "\"b@example.com\"]}]"),
            WebErrorCode.TOO_MANY, "suspects[0].emails"),
        Arguments.of(tip("\"incidentTypes\": [" + "\"OTHER\",".repeat(10) + "\"OTHER\"]"), WebErrorCode.TOO_MANY,
            "incidentTypes"),
        Arguments.of(tip("\"submissionId\": \"has space\""), WebErrorCode.INVALID_FORMAT, "submissionId"),
        Arguments.of(tip("\"submissionId\": \"caf\u00e9\""), WebErrorCode.INVALID_FORMAT, "submissionId"),
        Arguments.of(tip("\"occurredAt\": \"2025-03-14T16:30:00\""), WebErrorCode.INVALID_FORMAT, "occurredAt"),
        Arguments.of(tip("\"occurredAt\": \"2025-03-14\""), WebErrorCode.INVALID_FORMAT, "occurredAt"),
        Arguments.of(tip("\"occurredAt\": \"yesterday\""), WebErrorCode.INVALID_FORMAT, "occurredAt"),
        Arguments.of(tip("\"location\": {\"zip\": \"3790\"}"), WebErrorCode.INVALID_FORMAT, "location.zip"),
        Arguments.of(tip("\"location\": {\"zip\": \"37902-12\"}"), WebErrorCode.INVALID_FORMAT, "location.zip"),
        Arguments.of(tip("\"location\": {\"state\": \"Tennessee\"}"), WebErrorCode.INVALID_FORMAT, "location.state"),
        Arguments.of(tip("\"location\": {\"state\": \"T1\"}"), WebErrorCode.INVALID_FORMAT, "location.state"),
        Arguments.of(tip("\"location\": {\"country\": \"USA\"}"), WebErrorCode.INVALID_FORMAT, "location.country"),
        Arguments.of(tip("\"location\": {\"country\": \"XX\"}"), WebErrorCode.INVALID_FORMAT, "location.country"),
        Arguments.of(tip("\"victims\": [{\"address\": {\"zip\": \"1\"}}]"), WebErrorCode.INVALID_FORMAT,
            "victims[0].address.zip"),
        Arguments.of(tip("\"suspects\": [{\"emails\": [\"ray\"]}]"), WebErrorCode.INVALID_FORMAT,
            "suspects[0].emails[0]"),
        Arguments.of(tip("\"suspects\": [{\"emails\": [\"ray @example.com\"]}]"), WebErrorCode.INVALID_FORMAT,
            "suspects[0].emails[0]"),
        Arguments.of(tip("\"suspects\": [{\"phones\": [\"call me\"]}]"), WebErrorCode.INVALID_FORMAT,
            "suspects[0].phones[0]"),
        Arguments.of(tip("\"suspects\": [{\"phones\": [\"12\"]}]"), WebErrorCode.INVALID_FORMAT,
            "suspects[0].phones[0]"),
        Arguments.of(tip("\"suspects\": [{\"urls\": [\"http://example.com/a b\"]}]"), WebErrorCode.INVALID_FORMAT,
            "suspects[0].urls[0]"),
        Arguments.of(tip("\"reporter\": {\"anonymous\": false, \"email\": \"x@\"}"), WebErrorCode.INVALID_FORMAT,
            "reporter.email"),
        Arguments.of(tip("\"reporter\": {\"anonymous\": false, \"phone\": \"nope\"}"), WebErrorCode.INVALID_FORMAT,
            "reporter.phone"),
        Arguments.of(tip("\"incidentTypes\": [\"GROOMING\"]"), WebErrorCode.UNKNOWN_VALUE, "incidentTypes[0]"),
        Arguments.of(tip("\"incidentTypes\": [\"OTHER\", \"online_enticement\"]"), WebErrorCode.UNKNOWN_VALUE,
            "incidentTypes[1]"),
        Arguments.of(tip("\"reporter\": {\"relationship\": \"FRIEND\"}"), WebErrorCode.UNKNOWN_VALUE,
            "reporter.relationship"),
        Arguments.of(tip("\"location\": {\"state\": \"ZZ\"}"), WebErrorCode.UNKNOWN_VALUE, "location.state"),
        Arguments.of(tip("\"location\": {\"state\": \"ON\", \"country\": \"US\"}"), WebErrorCode.UNKNOWN_VALUE,
            "location.state"),
        Arguments.of(tip("\"suspects\": [{\"age\": 121}]"), WebErrorCode.OUT_OF_RANGE, "suspects[0].age"),
        Arguments.of(tip("\"suspects\": [{\"age\": -1}]"), WebErrorCode.OUT_OF_RANGE, "suspects[0].age"),
        Arguments.of(tip("\"suspects\": [{\"age\": 99999999999}]"), WebErrorCode.OUT_OF_RANGE, "suspects[0].age"),
        Arguments.of(tip("\"victims\": [{\"age\": 18}]"), WebErrorCode.OUT_OF_RANGE, "victims[0].age"),
        Arguments.of(tip("\"location\": {\"latitude\": 90.5, \"longitude\": 0}"), WebErrorCode.OUT_OF_RANGE,
            "location.latitude"),
        Arguments.of(tip("\"location\": {\"latitude\": 0, \"longitude\": -180.01}"), WebErrorCode.OUT_OF_RANGE,
            "location.longitude"),
        Arguments.of(tip("\"occurredAt\": \"2025-06-01T12:05:01Z\""), WebErrorCode.IN_THE_FUTURE, "occurredAt"),
        Arguments.of(tip("\"occurredAt\": \"2030-01-01T00:00:00+14:00\""), WebErrorCode.IN_THE_FUTURE, "occurredAt"),
        Arguments.of(tip("\"reporter\": {\"anonymous\": true, \"name\": \"Alex\"}"), WebErrorCode.CONFLICTING_FIELDS,
            "reporter.anonymous"),
        Arguments.of(tip("\"reporter\": {\"anonymous\": true, \"phone\": \"865-555-0100\"}"),
            WebErrorCode.CONFLICTING_FIELDS, "reporter.anonymous"));
  }

  @ParameterizedTest(name = "{1} at {2}: {0}")
  @MethodSource("invalid")
  void refusesEveryBrokenRuleWithItsCodeAndPath(String json, WebErrorCode code, String field) {
    Parsed<WebSubmission> parsed = json(json);

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    Parsed.Rejected<WebSubmission> rejected = (Parsed.Rejected<WebSubmission>) parsed;
    assertThat(rejected.code()).isEqualTo(code.name());
    assertThat(rejected.field()).isEqualTo(field);
    assertThat(rejected.detail()).isNotBlank().doesNotContain("Ray").doesNotContain("Alex");
  }

  @Test
  void everyErrorCodeIsCoveredByAVector() {
    assertThat(invalid().map(arguments -> (WebErrorCode) arguments.get()[1]).distinct())
        .containsAll(Stream.of(WebErrorCode.values()).filter(code -> code != WebErrorCode.INVALID_FORM_ENCODING)
            .toList());
  }

  @Test
  void reportsEveryViolationInDocumentOrder() {
    WebSubmissionParser.Checked checked = parser.checkJson(tip("\"submissionId\": \"no spaces\", "
        + "\"location\": {\"zip\": \"1\"}, \"victims\": [{\"age\": 30}], \"surprise\": 1")
        .getBytes(StandardCharsets.UTF_8));

    assertThat(checked.valid()).isFalse();
    assertThat(checked.violations()).extracting(WebViolation::field)
        .containsExactly("surprise", "submissionId", "location.zip", "victims[0].age");
  }

  @Test
  void parsesByMediaTypeAndRefusesOthers() throws IOException {
    byte[] json = "{\"description\": \"x\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(json, "application/json")).isInstanceOf(Parsed.Accepted.class);
    assertThat(parser.parse(json, "Application/JSON; charset=utf-8")).isInstanceOf(Parsed.Accepted.class);
    assertThat(parser.parse(fixture("full-form.txt"), "application/x-www-form-urlencoded; charset=utf-8"))
        .isInstanceOf(Parsed.Accepted.class);
    assertThat(parser.parse(json, "text/plain")).isInstanceOf(Parsed.Rejected.class);
    assertThat(parser.parse(json, null)).isInstanceOf(Parsed.Rejected.class);
  }

  @Test
  void fingerprintsWhatASubmissionSaysNotHowItIsSpelled() {
    WebSubmission compact = accepted("{\"description\":\"x\",\"suspects\":[{\"name\":\"Ray\",\"age\":40}]}");
    WebSubmission spaced = accepted("{ \"suspects\" : [ { \"age\" : 40 , \"name\" : \"Ray\", \"urls\": [] } ],\n"
        + " \"description\" : \"x\", \"childInImmediateDanger\": false, \"location\": {\"city\": \"\"} }");
    WebSubmission other = accepted("{\"description\":\"x\",\"suspects\":[{\"name\":\"Ray\",\"age\":41}]}");

    assertThat(parser.fingerprint(compact)).isEqualTo(parser.fingerprint(spaced)).hasSize(64);
    assertThat(parser.fingerprint(compact)).isNotEqualTo(parser.fingerprint(other));
  }

  private WebSubmission accepted(String json) {
    return ((Parsed.Accepted<WebSubmission>) json(json)).value();
  }
}
