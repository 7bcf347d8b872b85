package org.tiprouter.formats.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.formats.Parsed;

class PhoneCallParserTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final String ROW = "KX-0042,2025-03-14T18:02:11-04:00,(865) 555-0142,false,op-117,"
      + "ONLINE_ENTICEMENT;SEXTORTION,\"He said \"\"send a photo\"\", then\nthreatened her\",2025-03-14T16:30:00-04:00,"
      + "1500 Cumberland Ave,Knoxville,TN,37916-1234,35.9606,-83.9207,12,Ray,(865) 555-0199,ray@example.com,"
      + "@coachray,ChatNow,true";

  private final PhoneCallParser parser = new PhoneCallParser(Clock.fixed(NOW, ZoneOffset.UTC));

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = PhoneCallParserTest.class.getResourceAsStream("/phone/" + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String call(String callJson) {
    return "{\"description\":\"a tip by phone\",\"call\":" + callJson + "}";
  }

  private PhoneViolation firstJson(String json) {
    PhoneCallParser.Checked checked = parser.checkJson(utf8(json));
    assertThat(checked.valid()).isFalse();
    return checked.violations().get(0);
  }

  private PhoneViolation firstCsv(String row) {
    return firstCsv(utf8(row));
  }

  private PhoneViolation firstCsv(byte[] row) {
    PhoneCallParser.Checked checked = parser.checkCsvRow(row);
    assertThat(checked.valid()).isFalse();
    return checked.violations().get(0);
  }

  @Test
  void acceptsTheWebContractWithACallObject() throws IOException {
    PhoneCallParser.Checked checked = parser.checkJson(fixture("call.json"));

    assertThat(checked.violations()).isEmpty();
    PhoneCall call = checked.call();
    assertThat(call.kind()).isEqualTo(PhoneCall.Kind.CALL_TAKER);
    assertThat(call.callId()).isEqualTo("KX-2025-03-14-0042");
    assertThat(call.callerNumber()).isEqualTo("(865) 555-0142");
    assertThat(call.callStartedAt()).isEqualTo("2025-03-14T18:02:11-04:00");
    assertThat(call.callEndedAt()).isEqualTo("2025-03-14T18:09:40-04:00");
    assertThat(call.callTaker()).isEqualTo("op-117");
    assertThat(call.callbackConsent()).isTrue();
    assertThat(call.submission().incidentTypes()).containsExactly(IncidentType.ONLINE_ENTICEMENT);
    assertThat(call.submission().victims()).hasSize(1);
  }

  @Test
  void refusesACallWithoutTheCallObject() {
    assertThat(firstJson("{\"description\":\"a tip by phone\"}"))
        .extracting(PhoneViolation::code, PhoneViolation::field).containsExactly("MISSING_FIELD", "call");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"callStartedAt\":\"2025-03-14T18:02:11-04:00\"}|MISSING_FIELD|call.callId",
      "{\"callId\":\"has space\",\"callStartedAt\":\"2025-03-14T18:02:11-04:00\"}|INVALID_FORMAT|call.callId",
      "{\"callId\":\"c1\"}|MISSING_FIELD|call.callStartedAt",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11\"}|INVALID_FORMAT|call.callStartedAt",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-02-30T18:02:11Z\"}|INVALID_FORMAT|call.callStartedAt",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2030-01-01T00:00:00Z\"}|IN_THE_FUTURE|call.callStartedAt",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11Z\",\"callEndedAt\":\"2025-03-14T18:00:00Z\"}|CONFLICTING_FIELDS|call.callEndedAt",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11Z\",\"callerNumber\":\"call me\"}|INVALID_FORMAT|call.callerNumber",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11Z\",\"callbackConsent\":\"yes\"}|WRONG_TYPE|call.callbackConsent",
      "{\"callId\":\"c1\",\"callStartedAt\":\"2025-03-14T18:02:11Z\",\"line\":2}|UNKNOWN_FIELD|call.line",
      "{\"callId\":7,\"callStartedAt\":\"2025-03-14T18:02:11Z\"}|WRONG_TYPE|call.callId",
  })
  void refusesABrokenCallObject(String callJson, String code, String field) {
    assertThat(firstJson(call(callJson))).extracting(PhoneViolation::code, PhoneViolation::field)
        .containsExactly(code, field);
  }

  @Test
  void checksTheRestWithTheWebRules() {
    String json = "{\"description\":\" \",\"location\":{\"zip\":\"ABCDE\"},\"call\":{\"callId\":\"c1\","
        + "\"callStartedAt\":\"2025-03-14T18:02:11Z\"}}";
    PhoneCallParser.Checked checked = parser.checkJson(utf8(json));

    assertThat(checked.violations()).extracting(PhoneViolation::code, PhoneViolation::field)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("MISSING_FIELD", "description"),
            org.assertj.core.groups.Tuple.tuple("INVALID_FORMAT", "location.zip"));
  }

  @Test
  void refusesJsonThatIsNotOneObjectOrHasAFieldTwice() {
    assertThat(firstJson("[1]").code()).isEqualTo("INVALID_JSON");
    assertThat(firstJson("{\"description\":\"a\",\"description\":\"b\"}").code()).isEqualTo("DUPLICATE_FIELD");
  }

  @Test
  void parsesACallSheetRowWithQuotedNewlinesAndEscapedQuotes() {
    PhoneCallParser.Checked checked = parser.checkCsvRow(utf8(ROW));

    assertThat(checked.violations()).isEmpty();
    PhoneCall call = checked.call();
    assertThat(call.kind()).isEqualTo(PhoneCall.Kind.CALL_SHEET);
    assertThat(call.callId()).isEqualTo("KX-0042");
    assertThat(call.callerAnonymous()).isFalse();
    assertThat(call.submission().description()).isEqualTo("He said \"send a photo\", then\nthreatened her");
    assertThat(call.submission().incidentTypes())
        .containsExactly(IncidentType.ONLINE_ENTICEMENT, IncidentType.SEXTORTION);
    assertThat(call.submission().location().latitude()).isEqualTo(35.9606);
    assertThat(call.submission().victims().get(0).age()).isEqualTo(12);
    assertThat(call.submission().suspects().get(0).usernames().get(0).handle()).isEqualTo("@coachray");
    assertThat(call.submission().childInImmediateDanger()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2025-03-14 18:02|INVALID_FORMAT|call_started_at",
      "14/03/2025|INVALID_FORMAT|call_started_at",
      "2025-13-01T10:00:00Z|INVALID_FORMAT|call_started_at",
      "''|MISSING_FIELD|call_started_at",
  })
  void refusesARowWithABadCallTime(String started, String code, String column) {
    String row = ROW.replace("2025-03-14T18:02:11-04:00", started);
    assertThat(firstCsv(row)).extracting(PhoneViolation::code, PhoneViolation::field).containsExactly(code, column);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2025-03-14T16:30:00-04:00|March 14th|INVALID_FORMAT|occurred_at",
      "37916-1234|3791|INVALID_FORMAT|location_zip",
      ",TN,|,XX,|UNKNOWN_VALUE|location_state",
      "ONLINE_ENTICEMENT;SEXTORTION|ENTICEMENT|UNKNOWN_VALUE|incident_types",
      "35.9606|north|INVALID_FORMAT|location_latitude",
      ",12,|,twelve,|INVALID_FORMAT|victim_age",
      ",12,|,18,|OUT_OF_RANGE|victim_age",
      "ray@example.com|ray-at-example|INVALID_FORMAT|suspect_email",
      ",true|,maybe|INVALID_FORMAT|child_in_immediate_danger",
      "KX-0042,|,|MISSING_FIELD|call_id",
  })
  void namesTheColumnOfEveryBrokenRule(String from, String to, String code, String column) {
    String row = ROW.replace(from, to);
    assertThat(firstCsv(row)).extracting(PhoneViolation::code, PhoneViolation::field).containsExactly(code, column);
  }

  @Test
  void refusesRowsWithBrokenQuotingOrAnotherNumberOfFields() {
    assertThat(firstCsv(ROW.replace("\"He said", "\"He\" said")).code()).isEqualTo(PhoneCodes.CSV_MALFORMED);
    assertThat(firstCsv(ROW.replace("then\nthreatened her\"", "then threatened her")).code())
        .isEqualTo(PhoneCodes.CSV_MALFORMED);
    assertThat(firstCsv(ROW + ",extra").code()).isEqualTo(PhoneCodes.CSV_FIELD_COUNT);
    assertThat(firstCsv("KX-1,2025-03-14T18:02:11Z").code()).isEqualTo(PhoneCodes.CSV_FIELD_COUNT);
  }

  @Test
  void refusesARowThatIsNotUtf8() {
    byte[] latin1 = ROW.replace("Ray", "Ren\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(firstCsv(latin1).code()).isEqualTo(PhoneCodes.CSV_NOT_UTF8);
    byte[] utf16 = ROW.getBytes(StandardCharsets.UTF_16);
    assertThat(firstCsv(utf16).code()).isEqualTo(PhoneCodes.CSV_NOT_UTF8);
  }

  @Test
  void anAnonymousCallerBecomesAnAnonymousReporter() {
    PhoneCall call = parser.checkCsvRow(utf8(ROW.replace("(865) 555-0142,false", "(865) 555-0142,yes"))).call();
    assertThat(call.callerAnonymous()).isTrue();
    assertThat(call.submission().reporter().anonymous()).isTrue();
  }

  @Test
  void parsesATwilioTranscription() {
    byte[] body = utf8("CallSid=CA0123456789abcdef0123456789abcdef&TranscriptionText=He+keeps+messaging+my+son"
        + "&TranscriptionStatus=completed&RecordingSid=RE42&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Frec%2FRE42"
        + "&From=%2B18655550142&FromCity=KNOXVILLE&FromState=TN&FromZip=37902&FromCountry=US");
    PhoneCall call = ((Parsed.Accepted<PhoneCall>) parser.parse(body, "application/x-www-form-urlencoded")).value();

    assertThat(call.kind()).isEqualTo(PhoneCall.Kind.TWILIO);
    assertThat(call.callId()).isEqualTo("CA0123456789abcdef0123456789abcdef");
    assertThat(call.submission().description()).isEqualTo("He keeps messaging my son");
    assertThat(call.callerNumber()).isEqualTo("+18655550142");
    assertThat(call.twilio().transcribed()).isTrue();
    assertThat(call.twilio().recordingUrl()).isEqualTo("https://api.twilio.com/rec/RE42");
  }

  @Test
  void aFailedTranscriptionStillBecomesACallThatPointsToTheRecording() {
    byte[] body = utf8("CallSid=CA99&TranscriptionStatus=failed&RecordingSid=RE9"
        + "&RecordingUrl=https%3A%2F%2Fapi.twilio.com%2Frec%2FRE9");
    PhoneCall call = ((Parsed.Accepted<PhoneCall>) parser.parseTwilioTranscription(body)).value();

    assertThat(call.twilio().transcribed()).isFalse();
    assertThat(call.submission().description()).contains("could not be transcribed")
        .contains("https://api.twilio.com/rec/RE9");
  }

  @Test
  void refusesATwilioCallbackWithoutCallSidOrWithBrokenEncoding() {
    assertThat(((Parsed.Rejected<PhoneCall>) parser.parseTwilioTranscription(utf8("TranscriptionText=hi"))).field())
        .isEqualTo("CallSid");
    assertThat(((Parsed.Rejected<PhoneCall>) parser.parseTwilioTranscription(utf8("CallSid=CA1&x=%E9"))).code())
        .isEqualTo(PhoneCodes.FORM_MALFORMED);
    assertThat(((Parsed.Rejected<PhoneCall>) parser.parseTwilioTranscription(utf8("CallSid=CA1&x=%2"))).code())
        .isEqualTo(PhoneCodes.FORM_MALFORMED);
  }

  @Test
  void dispatchesOnTheMediaType() throws IOException {
    assertThat(parser.parse(fixture("call.json"), "application/json; charset=utf-8")).isInstanceOf(Parsed.Accepted.class);
    assertThat(parser.parse(utf8(ROW), CallSheet.CONTENT_TYPE)).isInstanceOf(Parsed.Accepted.class);
    assertThat(((Parsed.Rejected<PhoneCall>) parser.parse(utf8(ROW), "text/plain")).code())
        .isEqualTo(PhoneCodes.UNSUPPORTED_MEDIA_TYPE);
  }
}
