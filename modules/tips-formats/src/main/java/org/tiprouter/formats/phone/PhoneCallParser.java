package org.tiprouter.formats.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;
import org.tiprouter.formats.phone.PhoneCall.TwilioCall;
import org.tiprouter.formats.web.WebErrorCode;
import org.tiprouter.formats.web.WebSubmission;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.formats.web.WebViolation;

/**
 * Parses the three phone payloads into a {@link PhoneCall}, on top of the web contract: the
 * call-taker JSON (the web JSON plus a required {@code call} object), one call-sheet CSV row, and
 * a Twilio transcription callback. What the caller reported is always checked by the web rules
 * ({@link WebSubmissionParser#check}); only the call's own facts are checked here. Pure Java; the
 * intake calls it before storing, normalise calls {@link #parse} again on the stored bytes.
 */
public final class PhoneCallParser {

  /** Media type of the call-taker API. */
  public static final String JSON = WebSubmissionParser.JSON;
  /** Media type of a Twilio callback. */
  public static final String FORM = WebSubmissionParser.FORM;
  /** Media type (without parameters) of a call-sheet row. */
  public static final String CSV = "text/csv";

  static final int MAX_CALL_TAKER = 64;
  static final int MAX_CALLER_NUMBER = 40;
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final Pattern CALL_ID = Pattern.compile("[\\x21-\\x7E]{1,64}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]+((x|ext\\.?)\\s*[0-9]{1,6})?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,3}(\\.[0-9]{1,15})?");
  private static final Pattern AGE = Pattern.compile("[0-9]{1,3}");
  private static final Set<String> CALL_FIELDS = Set.of("callId", "callerNumber", "callStartedAt", "callEndedAt",
      "callTaker", "callbackConsent");
  /** A web contract path (prefix) and the call-sheet column it comes from. */
  private static final Map<String, String> COLUMN_OF = columns();

  private final Clock clock;
  private final WebSubmissionParser web;

  /** @param clock decides what "in the future" means */
  public PhoneCallParser(Clock clock) {
    this.clock = clock;
    this.web = new WebSubmissionParser(clock);
  }

  /** What checking a payload found: the call when it broke no rule, and every violation. */
  public record Checked(PhoneCall call, List<PhoneViolation> violations) {
    public Checked {
      violations = List.copyOf(violations);
    }

    public boolean valid() {
      return violations.isEmpty();
    }

    public Parsed<PhoneCall> toParsed() {
      if (valid()) {
        return Parsed.accepted(call);
      }
      PhoneViolation first = violations.get(0);
      return Parsed.rejected(first.code(), first.field(), first.message());
    }
  }

  /**
   * Parses a stored or received payload by its media type: {@value #JSON} (call-taker API),
   * {@value #CSV} (a call-sheet row) or {@value #FORM} (a Twilio transcription callback).
   */
  public Parsed<PhoneCall> parse(byte[] payload, String contentType) {
    String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case JSON -> checkJson(payload).toParsed();
      case CSV -> parseCsvRow(payload);
      case FORM -> parseTwilioTranscription(payload);
      default -> Parsed.rejected(PhoneCodes.UNSUPPORTED_MEDIA_TYPE, null,
          "Phone payloads are " + JSON + ", " + CSV + " or " + FORM + ", not " + mime + ".");
    };
  }

  // ---------------------------------------------------------------- call-taker JSON

  /** Checks a call-taker API body; returns every violation (the call's first, then the web contract's). */
  public Checked checkJson(byte[] json) {
    WebSubmissionParser.JsonObject read = web.readJsonObject(json);
    if (read.problem() != null) {
      return new Checked(null, phone(List.of(read.problem()), f -> f));
    }
    ObjectNode tree = read.tree();
    JsonNode callNode = tree.remove("call");
    List<WebViolation> violations = new ArrayList<>();
    CallFacts facts = null;
    if (callNode == null || callNode.isNull()) {
      violations.add(new WebViolation(WebErrorCode.MISSING_FIELD, "call",
          "The call object is missing; give at least call.callId and call.callStartedAt."));
    } else if (!callNode.isObject()) {
      violations.add(new WebViolation(WebErrorCode.WRONG_TYPE, "call", "This must be an object with fields."));
    } else {
      facts = callFacts((ObjectNode) callNode, violations);
    }
    WebSubmissionParser.Checked rest = web.check(tree);
    violations.addAll(rest.violations());
    if (!violations.isEmpty()) {
      return new Checked(null, phone(violations, f -> f));
    }
    return new Checked(new PhoneCall(PhoneCall.Kind.CALL_TAKER, facts.callId(), rest.submission(),
        facts.callerNumber(), null, facts.callStartedAt(), facts.callEndedAt(), facts.callTaker(),
        facts.callbackConsent(), null), List.of());
  }

  private record CallFacts(String callId, String callerNumber, String callStartedAt, String callEndedAt,
      String callTaker, Boolean callbackConsent) {}

  private CallFacts callFacts(ObjectNode call, List<WebViolation> violations) {
    for (Iterator<String> names = call.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CALL_FIELDS.contains(name)) {
        violations.add(new WebViolation(WebErrorCode.UNKNOWN_FIELD, "call." + name,
            "The call object has no field of this name; it has " + String.join(", ", CALL_FIELDS.stream().sorted()
                .toList()) + "."));
      }
    }
    String callId = jsonText(call, "callId", violations);
    String callerNumber = jsonText(call, "callerNumber", violations);
    String started = jsonText(call, "callStartedAt", violations);
    String ended = jsonText(call, "callEndedAt", violations);
    String callTaker = jsonText(call, "callTaker", violations);
    Boolean consent = null;
    JsonNode consentNode = call.get("callbackConsent");
    if (consentNode != null && !consentNode.isNull()) {
      if (consentNode.isBoolean()) {
        consent = consentNode.booleanValue();
      } else {
        violations.add(new WebViolation(WebErrorCode.WRONG_TYPE, "call.callbackConsent", "This must be true or false."));
      }
    }
    checkCall(callId, callerNumber, started, ended, callTaker, name -> "call." + name, violations);
    return new CallFacts(callId, callerNumber, started, ended, callTaker, consent);
  }

  private static String jsonText(ObjectNode node, String name, List<WebViolation> violations) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      violations.add(new WebViolation(WebErrorCode.WRONG_TYPE, "call." + name, "This must be text."));
      return null;
    }
    return value.asText().isBlank() ? null : value.asText();
  }

  /** The call's own rules, shared by the JSON and the CSV form; {@code field} names a fact in the source's terms. */
  private void checkCall(String callId, String callerNumber, String started, String ended, String callTaker,
      java.util.function.UnaryOperator<String> field, List<WebViolation> violations) {
    if (callId == null) {
      violations.add(new WebViolation(WebErrorCode.MISSING_FIELD, field.apply("callId"), "The call id is missing."));
    } else if (!CALL_ID.matcher(callId).matches()) {
      violations.add(new WebViolation(WebErrorCode.INVALID_FORMAT, field.apply("callId"),
          "The call id must be 1 to 64 visible ASCII characters without spaces."));
    }
    if (callerNumber != null && !validPhone(callerNumber)) {
      violations.add(new WebViolation(callerNumber.length() > MAX_CALLER_NUMBER ? WebErrorCode.TOO_LONG
          : WebErrorCode.INVALID_FORMAT, field.apply("callerNumber"),
          "This is not a phone number; use digits, spaces, +, -, ( and ), like (865) 555-0142."));
    }
    OffsetDateTime start = null;
    if (started == null) {
      violations.add(new WebViolation(WebErrorCode.MISSING_FIELD, field.apply("callStartedAt"),
          "When the call started is missing."));
    } else {
      start = time(started, field.apply("callStartedAt"), violations);
    }
    if (ended != null) {
      OffsetDateTime end = time(ended, field.apply("callEndedAt"), violations);
      if (start != null && end != null && end.isBefore(start)) {
        violations.add(new WebViolation(WebErrorCode.CONFLICTING_FIELDS, field.apply("callEndedAt"),
            "The call cannot end before it started."));
      }
    }
    if (callTaker != null && callTaker.codePointCount(0, callTaker.length()) > MAX_CALL_TAKER) {
      violations.add(new WebViolation(WebErrorCode.TOO_LONG, field.apply("callTaker"),
          "This is too long: at most " + MAX_CALL_TAKER + " characters."));
    }
  }

  private OffsetDateTime time(String text, String field, List<WebViolation> violations) {
    OffsetDateTime when;
    try {
      when = OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      violations.add(new WebViolation(WebErrorCode.INVALID_FORMAT, field,
          "The time must be an ISO-8601 date and time with its offset, like 2025-03-14T16:30:00-05:00."));
      return null;
    }
    if (when.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      violations.add(new WebViolation(WebErrorCode.IN_THE_FUTURE, field, "This time cannot be in the future."));
      return null;
    }
    return when;
  }

  static boolean validPhone(String phone) {
    long digits = phone.chars().filter(Character::isDigit).count();
    return phone.length() <= MAX_CALLER_NUMBER && PHONE.matcher(phone.trim()).matches() && digits >= 3
        && digits <= 20;
  }

  // ---------------------------------------------------------------- call-sheet CSV row

  /** Parses one call-sheet row: its exact bytes (UTF-8, one RFC 4180 record in {@link CallSheet#COLUMNS} order). */
  public Parsed<PhoneCall> parseCsvRow(byte[] row) {
    return checkCsvRow(row).toParsed();
  }

  /** Checks one call-sheet row; violations name CSV columns ({@code call_started_at}, {@code location_zip}). */
  public Checked checkCsvRow(byte[] bytes) {
    Optional<String> text = FormBodies.strictUtf8(bytes);
    if (text.isEmpty()) {
      return refused(PhoneCodes.CSV_NOT_UTF8, null, "The row is not valid UTF-8.");
    }
    Optional<List<String>> parsed = CallSheet.fields(text.get());
    if (parsed.isEmpty()) {
      return refused(PhoneCodes.CSV_MALFORMED, null,
          "The row is not one well-formed CSV record (check its quotes: a quoted field must end with a quote "
              + "followed by a comma or the end of the row, and quotes inside it are doubled).");
    }
    List<String> fields = parsed.get();
    if (fields.size() != CallSheet.COLUMNS.size()) {
      return refused(PhoneCodes.CSV_FIELD_COUNT, null, "The row has " + fields.size() + " fields; the header has "
          + CallSheet.COLUMNS.size() + " columns.");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      String value = fields.get(i);
      row.put(CallSheet.COLUMNS.get(i), value == null || value.isBlank() ? null : value);
    }
    List<WebViolation> violations = new ArrayList<>();
    checkCall(row.get("call_id"), row.get("caller_number"), row.get("call_started_at"), null,
        row.get("call_taker"), PhoneCallParser::csvColumnOfCallField, violations);
    Boolean anonymous = csvBoolean(row, "caller_anonymous", violations);
    ObjectNode tree = webTree(row, anonymous, violations);
    WebSubmissionParser.Checked rest = web.check(tree);
    List<PhoneViolation> all = new ArrayList<>(phone(violations, f -> f));
    all.addAll(phone(rest.violations(), PhoneCallParser::columnOf));
    if (!all.isEmpty()) {
      return new Checked(null, all);
    }
    return new Checked(new PhoneCall(PhoneCall.Kind.CALL_SHEET, row.get("call_id"), rest.submission(),
        row.get("caller_number"), anonymous, row.get("call_started_at"), null, row.get("call_taker"), null, null),
        List.of());
  }

  private static ObjectNode webTree(Map<String, String> row, Boolean anonymous, List<WebViolation> violations) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode tree = nodes.objectNode();
    putText(tree, "description", row.get("description"));
    if (row.get("incident_types") != null) {
      ArrayNode types = tree.putArray("incidentTypes");
      for (String type : row.get("incident_types").split(";")) {
        if (!type.isBlank()) {
          types.add(type.trim());
        }
      }
    }
    putText(tree, "occurredAt", row.get("occurred_at"));
    ObjectNode location = nodes.objectNode();
    putText(location, "address", row.get("location_address"));
    putText(location, "city", row.get("location_city"));
    putText(location, "state", row.get("location_state"));
    putText(location, "zip", row.get("location_zip"));
    putDecimal(location, "latitude", row, "location_latitude", violations);
    putDecimal(location, "longitude", row, "location_longitude", violations);
    if (!location.isEmpty()) {
      tree.set("location", location);
    }
    String age = row.get("victim_age");
    if (age != null) {
      if (AGE.matcher(age.trim()).matches()) {
        tree.putArray("victims").addObject().put("age", Integer.parseInt(age.trim()));
      } else {
        violations.add(new WebViolation(WebErrorCode.INVALID_FORMAT, "victim_age", "The age must be a whole number."));
      }
    }
    ObjectNode suspect = nodes.objectNode();
    putText(suspect, "name", row.get("suspect_name"));
    if (row.get("suspect_phone") != null) {
      suspect.putArray("phones").add(row.get("suspect_phone"));
    }
    if (row.get("suspect_email") != null) {
      suspect.putArray("emails").add(row.get("suspect_email"));
    }
    if (row.get("suspect_username") != null || row.get("suspect_service") != null) {
      ObjectNode username = suspect.putArray("usernames").addObject();
      putText(username, "service", row.get("suspect_service"));
      putText(username, "handle", row.get("suspect_username"));
    }
    if (!suspect.isEmpty()) {
      tree.putArray("suspects").add(suspect);
    }
    Boolean danger = csvBoolean(row, "child_in_immediate_danger", violations);
    if (danger != null) {
      tree.put("childInImmediateDanger", danger.booleanValue());
    }
    if (Boolean.TRUE.equals(anonymous)) {
      tree.putObject("reporter").put("anonymous", true);
    }
    return tree;
  }

  private static void putText(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static void putDecimal(ObjectNode node, String name, Map<String, String> row, String column,
      List<WebViolation> violations) {
    String value = row.get(column);
    if (value == null) {
      return;
    }
    if (DECIMAL.matcher(value.trim()).matches()) {
      node.put(name, Double.parseDouble(value.trim()));
    } else {
      violations.add(new WebViolation(WebErrorCode.INVALID_FORMAT, column,
          "This must be a decimal number of degrees, like 35.9606."));
    }
  }

  private static Boolean csvBoolean(Map<String, String> row, String column, List<WebViolation> violations) {
    String value = row.get(column);
    if (value == null) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1" -> true;
      case "false", "no", "n", "0" -> false;
      default -> {
        violations.add(new WebViolation(WebErrorCode.INVALID_FORMAT, column, "This must be true or false (or empty)."));
        yield null;
      }
    };
  }

  private static String csvColumnOfCallField(String name) {
    return switch (name) {
      case "callId" -> "call_id";
      case "callerNumber" -> "caller_number";
      case "callStartedAt" -> "call_started_at";
      case "callTaker" -> "call_taker";
      default -> name;
    };
  }

  /** The call-sheet column a web contract path came from. */
  static String columnOf(String path) {
    if (path == null) {
      return null;
    }
    for (Map.Entry<String, String> entry : COLUMN_OF.entrySet()) {
      if (path.equals(entry.getKey()) || path.startsWith(entry.getKey() + ".") || path.startsWith(entry.getKey() + "[")) {
        return entry.getValue();
      }
    }
    return path;
  }

  private static Map<String, String> columns() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("description", "description");
    columns.put("incidentTypes", "incident_types");
    columns.put("occurredAt", "occurred_at");
    columns.put("location.address", "location_address");
    columns.put("location.city", "location_city");
    columns.put("location.state", "location_state");
    columns.put("location.zip", "location_zip");
    columns.put("location.latitude", "location_latitude");
    columns.put("location.longitude", "location_longitude");
    columns.put("victims[0].age", "victim_age");
    columns.put("suspects[0].name", "suspect_name");
    columns.put("suspects[0].phones", "suspect_phone");
    columns.put("suspects[0].emails", "suspect_email");
    columns.put("suspects[0].usernames[0].service", "suspect_service");
    columns.put("suspects[0].usernames", "suspect_username");
    columns.put("childInImmediateDanger", "child_in_immediate_danger");
    columns.put("reporter", "caller_anonymous");
    return columns;
  }

  private static Checked refused(String code, String field, String message) {
    return new Checked(null, List.of(new PhoneViolation(code, field, message)));
  }

  private static List<PhoneViolation> phone(List<WebViolation> violations, java.util.function.UnaryOperator<String> field) {
    return violations.stream().map(v -> new PhoneViolation(v.code().name(), field.apply(v.field()), v.message()))
        .toList();
  }

  // ---------------------------------------------------------------- Twilio transcription callback

  /**
   * Parses a Twilio transcription callback body ({@code CallSid}, {@code TranscriptionText},
   * {@code TranscriptionStatus}, {@code RecordingSid}, {@code RecordingUrl}, {@code From},
   * {@code FromCity}, ...). A failed or empty transcription is still a call: its narrative says so
   * and points to the recording.
   */
  public Parsed<PhoneCall> parseTwilioTranscription(byte[] body) {
    Optional<List<FormParameter>> decoded = FormBodies.decode(body);
    if (decoded.isEmpty()) {
      return Parsed.rejected(PhoneCodes.FORM_MALFORMED, null, "The body is not URL-encoded UTF-8.");
    }
    Map<String, String> first = new LinkedHashMap<>();
    for (FormParameter parameter : decoded.get()) {
      first.putIfAbsent(parameter.name(), parameter.value());
    }
    String callSid = blankToNull(first.get("CallSid"));
    if (callSid == null) {
      return Parsed.rejected(WebErrorCode.MISSING_FIELD.name(), "CallSid", "The callback has no CallSid.");
    }
    if (!CALL_ID.matcher(callSid).matches()) {
      return Parsed.rejected(WebErrorCode.INVALID_FORMAT.name(), "CallSid",
          "The CallSid must be 1 to 64 visible ASCII characters.");
    }
    String status = blankToNull(first.get("TranscriptionStatus"));
    String text = blankToNull(first.get("TranscriptionText"));
    boolean transcribed = text != null && (status == null || status.equalsIgnoreCase("completed"));
    String recordingUrl = blankToNull(first.get("RecordingUrl"));
    String narrative = transcribed ? text
        : "The caller left a recorded message that could not be transcribed (transcription status "
            + (status == null ? "unknown" : status) + "). "
            + (recordingUrl == null ? "No recording address was given; ask the telephony provider for call "
                + callSid + "." : "Listen to the recording: " + recordingUrl);
    WebSubmission submission = new WebSubmission(null, narrative, List.of(), null, null, List.of(), List.of(), false,
        null);
    String from = blankToNull(first.get("From"));
    TwilioCall twilio = new TwilioCall(from, blankToNull(first.get("FromCity")), blankToNull(first.get("FromState")),
        blankToNull(first.get("FromZip")), blankToNull(first.get("FromCountry")), status, transcribed,
        blankToNull(first.get("RecordingSid")), recordingUrl, decoded.get());
    return Parsed.accepted(new PhoneCall(PhoneCall.Kind.TWILIO, callSid, submission, from, null, null, null, null,
        null, twilio));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
