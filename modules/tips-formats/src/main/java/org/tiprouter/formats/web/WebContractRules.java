package org.tiprouter.formats.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.formats.web.WebSubmission.WebRelationship;

/**
 * Every rule of the web JSON contract, checked on a parsed JSON tree. Collects all violations (the
 * form shows each next to its field; the API answers with the first). While checking, it removes
 * what counts as "not given" (null values and blank optional text) so that the tree binds to a
 * {@link WebSubmission} in which absent means null.
 */
final class WebContractRules {

  static final int MAX_DESCRIPTION = 20_000;
  static final int MAX_PEOPLE = 10;
  static final int MAX_PER_LIST = 20;
  static final int MAX_NAME = 200;
  static final int MAX_ADDRESS = 500;
  static final int MAX_CITY = 100;
  static final int MAX_SERVICE = 100;
  static final int MAX_HANDLE = 200;
  static final int MAX_URL = 2048;
  static final int MAX_EMAIL = 254;
  static final int MAX_PHONE = 40;
  static final int MAX_SUSPECT_AGE = 120;
  static final int MAX_VICTIM_AGE = 17;
  /** How far in the future occurredAt may be, for senders whose clock runs a little fast. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern ZIP = Pattern.compile("[0-9]{5}(-[0-9]{4})?");
  private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]+((x|ext\\.?)\\s*[0-9]{1,6})?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");
  /** US states, DC, the territories and the military "states" AA, AE and AP. */
  private static final Set<String> US_STATES = java.util.stream.Stream.concat(
      org.tiprouter.formats.canonical.UsStates.codes().stream(), java.util.stream.Stream.of("AA", "AE", "AP", "UM"))
      .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final String INCIDENT_TYPES = Arrays.stream(IncidentType.values()).map(Enum::name)
      .collect(Collectors.joining(", "));
  private static final String RELATIONSHIPS = Arrays.stream(WebRelationship.values()).map(Enum::name)
      .collect(Collectors.joining(", "));

  private static final Set<String> ROOT_FIELDS = Set.of("submissionId", "description", "incidentTypes", "occurredAt",
      "location", "suspects", "victims", "childInImmediateDanger", "reporter");
  private static final Set<String> ADDRESS_FIELDS = Set.of("address", "city", "state", "zip", "country", "latitude",
      "longitude");
  private static final Set<String> SUSPECT_FIELDS = Set.of("name", "age", "emails", "phones", "usernames", "urls",
      "address");
  private static final Set<String> USERNAME_FIELDS = Set.of("service", "handle");
  private static final Set<String> VICTIM_FIELDS = Set.of("name", "age", "address");
  private static final Set<String> REPORTER_FIELDS = Set.of("anonymous", "name", "email", "phone", "relationship");

  private final Clock clock;
  private final List<WebViolation> violations = new ArrayList<>();

  WebContractRules(Clock clock) {
    this.clock = clock;
  }

  /** Checks {@code root} (and removes "not given" values from it); returns every violation, in document order. */
  List<WebViolation> check(ObjectNode root) {
    onlyKnownFields(root, "", ROOT_FIELDS);
    String submissionId = text(root, "submissionId", "", 64, false);
    if (submissionId != null && !SUBMISSION_ID.matcher(submissionId).matches()) {
      add(WebErrorCode.INVALID_FORMAT, "submissionId",
          "The submission id may only contain letters, digits, '.', '_' and '-', at most 64 of them.");
    }
    text(root, "description", "", MAX_DESCRIPTION, "Please describe what happened.");
    incidentTypes(root);
    occurredAt(root);
    ObjectNode location = object(root, "location", "");
    if (location != null) {
      address(location, "location");
      removeIfEmpty(root, "location");
    }
    people(root, "suspects", this::suspect);
    people(root, "victims", this::victim);
    bool(root, "childInImmediateDanger", "");
    ObjectNode reporter = object(root, "reporter", "");
    if (reporter != null) {
      reporter(reporter);
      removeIfEmpty(root, "reporter");
    }
    return List.copyOf(violations);
  }

  private void incidentTypes(ObjectNode root) {
    ArrayNode types = array(root, "incidentTypes", "", IncidentType.values().length);
    if (types == null) {
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      JsonNode type = types.get(i);
      String path = "incidentTypes[" + i + "]";
      if (!type.isTextual()) {
        add(WebErrorCode.WRONG_TYPE, path, "Each incident type must be text, one of: " + INCIDENT_TYPES + ".");
      } else if (Arrays.stream(IncidentType.values()).noneMatch(t -> t.name().equals(type.asText()))) {
        add(WebErrorCode.UNKNOWN_VALUE, path, "Unknown incident type; use one of: " + INCIDENT_TYPES + ".");
      }
    }
  }

  private void occurredAt(ObjectNode root) {
    String occurredAt = text(root, "occurredAt", "", 64, false);
    if (occurredAt == null) {
      return;
    }
    OffsetDateTime when;
    try {
      when = OffsetDateTime.parse(occurredAt.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      add(WebErrorCode.INVALID_FORMAT, "occurredAt",
          "The time must be an ISO-8601 date and time with its offset, like 2025-03-14T16:30:00-05:00.");
      return;
    }
    if (when.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      add(WebErrorCode.IN_THE_FUTURE, "occurredAt", "The time when it happened cannot be in the future.");
    }
  }

  private void people(ObjectNode root, String name, PersonCheck check) {
    ArrayNode people = array(root, name, "", MAX_PEOPLE);
    if (people == null) {
      return;
    }
    for (int i = 0; i < people.size(); i++) {
      String path = name + "[" + i + "]";
      if (!people.get(i).isObject()) {
        add(WebErrorCode.WRONG_TYPE, path, "Each person must be an object with fields.");
      } else {
        check.check((ObjectNode) people.get(i), path);
      }
    }
  }

  @FunctionalInterface
  private interface PersonCheck {
    void check(ObjectNode person, String path);
  }

  private void suspect(ObjectNode suspect, String path) {
    onlyKnownFields(suspect, path, SUSPECT_FIELDS);
    text(suspect, "name", path, MAX_NAME, false);
    integer(suspect, "age", path, 0, MAX_SUSPECT_AGE);
    textList(suspect, "emails", path, MAX_EMAIL, EMAIL,
        "This is not an e-mail address; it needs an @ and a domain, like name@example.com.");
    textList(suspect, "phones", path, MAX_PHONE, PHONE,
        "This is not a phone number; use digits, spaces, +, -, ( and ), like (865) 555-0142.");
    ArrayNode usernames = array(suspect, "usernames", path, MAX_PER_LIST);
    if (usernames != null) {
      for (int i = 0; i < usernames.size(); i++) {
        String item = path + ".usernames[" + i + "]";
        if (!usernames.get(i).isObject()) {
          add(WebErrorCode.WRONG_TYPE, item, "Each username must be an object with a handle and, if known, a service.");
          continue;
        }
        ObjectNode username = (ObjectNode) usernames.get(i);
        onlyKnownFields(username, item, USERNAME_FIELDS);
        text(username, "service", item, MAX_SERVICE, false);
        text(username, "handle", item, MAX_HANDLE, "The user name (handle) is missing.");
      }
    }
    textList(suspect, "urls", path, MAX_URL, NO_SPACE, "A link cannot contain spaces.");
    ObjectNode address = object(suspect, "address", path);
    if (address != null) {
      address(address, path + ".address");
      removeIfEmpty(suspect, "address");
    }
  }

  private void victim(ObjectNode victim, String path) {
    onlyKnownFields(victim, path, VICTIM_FIELDS);
    text(victim, "name", path, MAX_NAME, false);
    integer(victim, "age", path, 0, MAX_VICTIM_AGE);
    ObjectNode address = object(victim, "address", path);
    if (address != null) {
      address(address, path + ".address");
      removeIfEmpty(victim, "address");
    }
  }

  private void address(ObjectNode address, String path) {
    onlyKnownFields(address, path, ADDRESS_FIELDS);
    text(address, "address", path, MAX_ADDRESS, false);
    text(address, "city", path, MAX_CITY, false);
    String country = text(address, "country", path, 16, false);
    boolean countryKnown = true;
    if (country != null && !(TWO_LETTERS.matcher(country).matches()
        && COUNTRIES.contains(country.toUpperCase(Locale.ROOT)))) {
      add(WebErrorCode.INVALID_FORMAT, path + ".country",
          "The country must be a two-letter ISO code, like US, CA or MX.");
      countryKnown = false;
    }
    boolean inUs = country == null || country.equalsIgnoreCase("US");
    String state = text(address, "state", path, 16, false);
    if (state != null) {
      if (!TWO_LETTERS.matcher(state).matches()) {
        add(WebErrorCode.INVALID_FORMAT, path + ".state", "The state must be a two-letter code, like TN.");
      } else if (inUs && countryKnown && !US_STATES.contains(state.toUpperCase(Locale.ROOT))) {
        add(WebErrorCode.UNKNOWN_VALUE, path + ".state", "This is not the code of a US state or territory.");
      }
    }
    String zip = text(address, "zip", path, 16, false);
    if (zip != null && !ZIP.matcher(zip.trim()).matches()) {
      add(WebErrorCode.INVALID_FORMAT, path + ".zip", "The ZIP code must be 5 digits, or ZIP+4 like 37902-1234.");
    }
    Double latitude = number(address, "latitude", path, -90, 90);
    Double longitude = number(address, "longitude", path, -180, 180);
    boolean hasLatitude = latitude != null || address.has("latitude");
    boolean hasLongitude = longitude != null || address.has("longitude");
    if (hasLatitude && !hasLongitude) {
      add(WebErrorCode.MISSING_FIELD, path + ".longitude", "Give the longitude together with the latitude.");
    } else if (hasLongitude && !hasLatitude) {
      add(WebErrorCode.MISSING_FIELD, path + ".latitude", "Give the latitude together with the longitude.");
    }
  }

  private void reporter(ObjectNode reporter) {
    onlyKnownFields(reporter, "reporter", REPORTER_FIELDS);
    Boolean anonymous = bool(reporter, "anonymous", "reporter");
    boolean contact = false;
    contact |= text(reporter, "name", "reporter", MAX_NAME, false) != null;
    String email = text(reporter, "email", "reporter", MAX_EMAIL, false);
    if (email != null && !EMAIL.matcher(email.trim()).matches()) {
      add(WebErrorCode.INVALID_FORMAT, "reporter.email",
          "This is not an e-mail address; it needs an @ and a domain, like name@example.com.");
    }
    contact |= email != null;
    String phone = text(reporter, "phone", "reporter", MAX_PHONE, false);
    if (phone != null && !validPhone(phone)) {
      add(WebErrorCode.INVALID_FORMAT, "reporter.phone",
          "This is not a phone number; use digits, spaces, +, -, ( and ), like (865) 555-0142.");
    }
    contact |= phone != null;
    if (Boolean.TRUE.equals(anonymous) && contact) {
      add(WebErrorCode.CONFLICTING_FIELDS, "reporter.anonymous",
          "You chose to stay anonymous but also gave a name, e-mail or phone. Choose one: stay anonymous "
              + "(and leave those empty) or let the police contact you.");
    }
    String relationship = text(reporter, "relationship", "reporter", 32, false);
    if (relationship != null
        && Arrays.stream(WebRelationship.values()).noneMatch(r -> r.name().equals(relationship))) {
      add(WebErrorCode.UNKNOWN_VALUE, "reporter.relationship", "Unknown relationship; use one of: " + RELATIONSHIPS + ".");
    }
  }

  // ---- typed access: each reports its own violations and returns null when the value is absent or wrong

  private void onlyKnownFields(ObjectNode node, String path, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        add(WebErrorCode.UNKNOWN_FIELD, child(path, name),
            "This field is not part of the contract; the known fields here are " + known.stream().sorted()
                .collect(Collectors.joining(", ")) + ".");
      }
    }
  }

  private String text(ObjectNode node, String name, String path, int maxLength, boolean required) {
    return text(node, name, path, maxLength, required ? "This is required." : null);
  }

  /**
   * Text as given (not trimmed); blank optional text is removed as "not given".
   *
   * @param missing the message when the text is absent or blank, or null when it is optional
   */
  private String text(ObjectNode node, String name, String path, int maxLength, String missing) {
    boolean required = missing != null;
    JsonNode value = present(node, name);
    String where = child(path, name);
    if (value == null) {
      if (required) {
        add(WebErrorCode.MISSING_FIELD, where, missing);
      }
      return null;
    }
    if (!value.isTextual()) {
      add(WebErrorCode.WRONG_TYPE, where, "This must be text.");
      return null;
    }
    String text = value.asText();
    if (text.isBlank()) {
      node.remove(name);
      if (required) {
        add(WebErrorCode.MISSING_FIELD, where, missing);
      }
      return null;
    }
    if (text.codePointCount(0, text.length()) > maxLength) {
      add(WebErrorCode.TOO_LONG, where, "This is too long: at most " + maxLength + " characters.");
      return null;
    }
    return text;
  }

  private void textList(ObjectNode node, String name, String path, int maxLength, Pattern form, String formMessage) {
    ArrayNode list = array(node, name, path, MAX_PER_LIST);
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String where = child(path, name) + "[" + i + "]";
      if (!item.isTextual() || item.asText().isBlank()) {
        add(item.isTextual() ? WebErrorCode.MISSING_FIELD : WebErrorCode.WRONG_TYPE, where,
            item.isTextual() ? "An empty entry; remove it." : "Each entry must be text.");
      } else if (item.asText().codePointCount(0, item.asText().length()) > maxLength) {
        add(WebErrorCode.TOO_LONG, where, "This is too long: at most " + maxLength + " characters.");
      } else if (!form.matcher(item.asText().trim()).matches()
          || (form == PHONE && !validPhone(item.asText()))) {
        add(WebErrorCode.INVALID_FORMAT, where, formMessage);
      }
    }
  }

  private static boolean validPhone(String phone) {
    long digits = phone.chars().filter(Character::isDigit).count();
    return PHONE.matcher(phone.trim()).matches() && digits >= 3 && digits <= 20;
  }

  private Integer integer(ObjectNode node, String name, String path, int min, int max) {
    JsonNode value = present(node, name);
    String where = child(path, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      add(WebErrorCode.WRONG_TYPE, where, "This must be a whole number from " + min + " to " + max + ".");
      return null;
    }
    if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
      add(WebErrorCode.OUT_OF_RANGE, where, "This must be a whole number from " + min + " to " + max + ".");
      return null;
    }
    return value.intValue();
  }

  private Double number(ObjectNode node, String name, String path, double min, double max) {
    JsonNode value = present(node, name);
    String where = child(path, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      add(WebErrorCode.WRONG_TYPE, where, "This must be a number from " + (int) min + " to " + (int) max + ".");
      return null;
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number) || number < min || number > max) {
      add(WebErrorCode.OUT_OF_RANGE, where, "This must be a number from " + (int) min + " to " + (int) max + ".");
      return null;
    }
    return number;
  }

  private Boolean bool(ObjectNode node, String name, String path) {
    JsonNode value = present(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      add(WebErrorCode.WRONG_TYPE, child(path, name), "This must be true or false.");
      return null;
    }
    return value.booleanValue();
  }

  private ArrayNode array(ObjectNode node, String name, String path, int maxItems) {
    JsonNode value = present(node, name);
    String where = child(path, name);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      add(WebErrorCode.WRONG_TYPE, where, "This must be a list.");
      return null;
    }
    if (value.size() > maxItems) {
      add(WebErrorCode.TOO_MANY, where, "This list is too long: at most " + maxItems + " entries.");
      return null;
    }
    return (ArrayNode) value;
  }

  private ObjectNode object(ObjectNode node, String name, String path) {
    JsonNode value = present(node, name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      add(WebErrorCode.WRONG_TYPE, child(path, name), "This must be an object with fields.");
      return null;
    }
    return (ObjectNode) value;
  }

  /** An object left empty once "not given" values are gone is itself not given. */
  private static void removeIfEmpty(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value != null && value.isObject() && value.isEmpty()) {
      parent.remove(name);
    }
  }

  /** The value, or null when absent or JSON null (a null is removed: it means "not given"). */
  private static JsonNode present(ObjectNode node, String name) {
    JsonNode value = node.get(name);
    if (value != null && value.isNull()) {
      node.remove(name);
      return null;
    }
    return value;
  }

  private void add(WebErrorCode code, String field, String message) {
    violations.add(new WebViolation(code, field, message));
  }

  static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
