package org.tiprouter.formats.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the public form's {@code application/x-www-form-urlencoded} body into the JSON contract's
 * tree, so that the form and the JSON API share one set of rules ({@link WebSubmissionParser}).
 *
 * <p>Form fields are named by their contract path ({@code description},
 * {@code location.zip}, {@code suspects[0].address.city}, {@code reporter.anonymous}). Lists are
 * text areas with one entry per line ({@code suspects[0].emails}); a username line is
 * {@code service: handle}. Two fields exist only in the form: {@value #OCCURRED_AT} takes a local
 * date and time (as an HTML {@code datetime-local} input sends it) and {@value #OCCURRED_AT_ZONE}
 * the time zone it is in; together they become the contract's {@code occurredAt} with offset.
 * Empty fields mean "not given", and a person whose fields are all empty is left out.
 */
public final class WebFormDecoder {

  public static final String SUBMISSION_ID = "submissionId";
  public static final String DESCRIPTION = "description";
  public static final String INCIDENT_TYPES = "incidentTypes";
  public static final String OCCURRED_AT = "occurredAt";
  public static final String OCCURRED_AT_ZONE = "occurredAtZone";
  public static final String CHILD_IN_IMMEDIATE_DANGER = "childInImmediateDanger";
  /** Parts of an address, after {@code location.} or {@code suspects[i].address.}. */
  public static final List<String> ADDRESS_PARTS = List.of("address", "city", "state", "zip", "country", "latitude",
      "longitude");
  /** Suspect fields after {@code suspects[i].} (besides the address). */
  public static final List<String> SUSPECT_PARTS = List.of("name", "age", "emails", "phones", "usernames", "urls");
  /** Victim fields after {@code victims[i].} (besides the address). */
  public static final List<String> VICTIM_PARTS = List.of("name", "age");
  /** Reporter fields after {@code reporter.}. */
  public static final List<String> REPORTER_PARTS = List.of("anonymous", "name", "email", "phone", "relationship");
  /** Person indexes the form may use: 0 up to this, exclusive. */
  public static final int MAX_PEOPLE = WebContractRules.MAX_PEOPLE;

  private static final Set<String> LISTS = Set.of("emails", "phones", "usernames", "urls");
  private static final Pattern PERSON = Pattern.compile("(suspects|victims)\\[(\\d{1,2})\\]\\.(.+)");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,15})?");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private WebFormDecoder() {}

  /**
   * Where a contract path is in the form: the field and, for a list text area, the line (1-based;
   * 0 for other fields).
   */
  public record FormSpot(String field, int line) {}

  /**
   * A decoded form.
   *
   * @param fields every field as sent, in order, values exactly as typed (to show the form again)
   * @param tree the submission in the JSON contract's shape, to be checked by {@link WebSubmissionParser}
   * @param problems what could not be decoded at all (encoding, unknown or repeated fields, times)
   */
  public record DecodedForm(Map<String, List<String>> fields, ObjectNode tree, List<WebViolation> problems,
      Map<String, FormSpot> spots, Map<String, List<Integer>> formIndexes) {

    /** The first value of a field, or the empty string. */
    public String value(String field) {
      List<String> values = fields.get(field);
      return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of a field (checkboxes). */
    public List<String> values(String field) {
      return fields.getOrDefault(field, List.of());
    }

    /** The form field (and line) a contract path of this submission refers to. */
    public FormSpot locate(String contractPath) {
      if (contractPath == null) {
        return new FormSpot(null, 0);
      }
      for (String path = contractPath; path != null; path = parent(path)) {
        FormSpot spot = spots.get(path);
        if (spot != null) {
          return spot;
        }
      }
      String field = contractPath;
      Matcher person = PERSON.matcher(contractPath);
      if (person.matches()) {
        List<Integer> indexes = formIndexes.getOrDefault(person.group(1), List.of());
        int index = Integer.parseInt(person.group(2));
        field = person.group(1) + "[" + (index < indexes.size() ? indexes.get(index) : index) + "]."
            + person.group(3);
      }
      while (!isFormField(field) && parent(field) != null) {
        field = parent(field);
      }
      return new FormSpot(isFormField(field) ? field : null, 0);
    }
  }

  /** Whether {@code name} is a field of the public form. */
  public static boolean isFormField(String name) {
    if (Set.of(SUBMISSION_ID, DESCRIPTION, INCIDENT_TYPES, OCCURRED_AT, OCCURRED_AT_ZONE, CHILD_IN_IMMEDIATE_DANGER)
        .contains(name)) {
      return true;
    }
    if (name.startsWith("location.")) {
      return ADDRESS_PARTS.contains(name.substring("location.".length()));
    }
    if (name.startsWith("reporter.")) {
      return REPORTER_PARTS.contains(name.substring("reporter.".length()));
    }
    Matcher person = PERSON.matcher(name);
    if (!person.matches() || Integer.parseInt(person.group(2)) >= MAX_PEOPLE) {
      return false;
    }
    String part = person.group(3);
    if (part.startsWith("address.")) {
      return ADDRESS_PARTS.contains(part.substring("address.".length()));
    }
    return person.group(1).equals("suspects") ? SUSPECT_PARTS.contains(part) : VICTIM_PARTS.contains(part);
  }

  /** Decodes a form body. Never throws for bad input: problems are reported in the result. */
  public static DecodedForm decode(byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    List<WebViolation> problems = new ArrayList<>();
    if (!parseFields(body, fields)) {
      problems.add(new WebViolation(WebErrorCode.INVALID_FORM_ENCODING, null,
          "The form data could not be read (it is not URL-encoded UTF-8)."));
      return new DecodedForm(Map.of(), NODES.objectNode(), problems, Map.of(), Map.of());
    }
    return new Builder(fields, problems).build();
  }

  /** Splits {@code a=1&b=2} into fields; false when the encoding is broken. */
  private static boolean parseFields(byte[] body, Map<String, List<String>> fields) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) {
      return true;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = urlDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = urlDecode(equals < 0 ? "" : pair.substring(equals + 1));
      if (name == null || value == null) {
        return false;
      }
      fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return true;
  }

  /** Decodes one URL-encoded component as strict UTF-8; null when malformed. */
  private static String urlDecode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= encoded.length()) {
          return null;
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static String parent(String path) {
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? null : path.substring(0, dot);
  }

  /** Builds the contract tree from the fields. */
  private static final class Builder {
    private final Map<String, List<String>> fields;
    private final List<WebViolation> problems;
    private final ObjectNode tree = NODES.objectNode();
    private final Map<String, FormSpot> spots = new HashMap<>();
    private final Map<String, List<Integer>> formIndexes = new HashMap<>();

    Builder(Map<String, List<String>> fields, List<WebViolation> problems) {
      this.fields = fields;
      this.problems = problems;
    }

    DecodedForm build() {
      Map<String, Map<Integer, Map<String, String>>> people = Map.of("suspects", new TreeMap<>(),
          "victims", new TreeMap<>());
      Map<String, String> location = new LinkedHashMap<>();
      Map<String, String> reporter = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> field : fields.entrySet()) {
        String name = field.getKey();
        if (!isFormField(name)) {
          problems.add(new WebViolation(WebErrorCode.UNKNOWN_FIELD, name.length() <= 100 ? name : null,
              "This field is not part of the form."));
          continue;
        }
        if (!name.equals(INCIDENT_TYPES) && field.getValue().size() > 1) {
          problems.add(new WebViolation(WebErrorCode.DUPLICATE_FIELD, name, "This field was sent more than once."));
          continue;
        }
        String value = field.getValue().get(0);
        Matcher person = PERSON.matcher(name);
        if (person.matches()) {
          people.get(person.group(1)).computeIfAbsent(Integer.parseInt(person.group(2)), i -> new LinkedHashMap<>())
              .put(person.group(3), value);
        } else if (name.startsWith("location.")) {
          location.put(name.substring("location.".length()), value);
        } else if (name.startsWith("reporter.")) {
          reporter.put(name.substring("reporter.".length()), value);
        }
      }
      text(tree, SUBMISSION_ID, value(SUBMISSION_ID), SUBMISSION_ID, SUBMISSION_ID);
      text(tree, DESCRIPTION, value(DESCRIPTION), DESCRIPTION, DESCRIPTION);
      incidentTypes();
      occurredAt();
      String danger = value(CHILD_IN_IMMEDIATE_DANGER).trim();
      if (!danger.isEmpty()) {
        tree.set(CHILD_IN_IMMEDIATE_DANGER, danger.equals("true") || danger.equals("on") ? NODES.booleanNode(true)
            : danger.equals("false") ? NODES.booleanNode(false) : NODES.textNode(danger));
        spots.put(CHILD_IN_IMMEDIATE_DANGER, new FormSpot(CHILD_IN_IMMEDIATE_DANGER, 0));
      }
      ObjectNode place = address(location, "location", "location");
      if (place != null) {
        tree.set("location", place);
      }
      person("suspects", people.get("suspects"));
      person("victims", people.get("victims"));
      reporter(reporter);
      return new DecodedForm(fields, tree, problems, spots, formIndexes);
    }

    private String value(String field) {
      List<String> values = fields.get(field);
      return values == null || values.size() != 1 ? "" : values.get(0);
    }

    private void incidentTypes() {
      ArrayNode types = NODES.arrayNode();
      for (String type : fields.getOrDefault(INCIDENT_TYPES, List.of())) {
        if (!type.isBlank()) {
          spots.put(INCIDENT_TYPES + "[" + types.size() + "]", new FormSpot(INCIDENT_TYPES, 0));
          types.add(type);
        }
      }
      if (!types.isEmpty()) {
        tree.set(INCIDENT_TYPES, types);
      }
    }

    private void occurredAt() {
      String local = value(OCCURRED_AT).trim();
      if (local.isEmpty()) {
        return;
      }
      spots.put(OCCURRED_AT, new FormSpot(OCCURRED_AT, 0));
      LocalDateTime when;
      try {
        when = LocalDateTime.parse(local.replace(' ', 'T'));
      } catch (DateTimeParseException e) {
        try {
          tree.put(OCCURRED_AT, OffsetDateTime.parse(local).toString());
        } catch (DateTimeParseException notOffset) {
          problems.add(new WebViolation(WebErrorCode.INVALID_FORMAT, OCCURRED_AT,
              "Enter the date and time like 2025-03-14 16:30."));
        }
        return;
      }
      String zone = value(OCCURRED_AT_ZONE).trim();
      if (zone.isEmpty()) {
        problems.add(new WebViolation(WebErrorCode.MISSING_FIELD, OCCURRED_AT_ZONE, "Choose the time zone."));
        return;
      }
      try {
        tree.put(OCCURRED_AT, when.atZone(ZoneId.of(zone)).toOffsetDateTime().toString());
      } catch (DateTimeException e) {
        problems.add(new WebViolation(WebErrorCode.UNKNOWN_VALUE, OCCURRED_AT_ZONE, "Choose a time zone from the list."));
      }
    }

    private void person(String role, Map<Integer, Map<String, String>> byIndex) {
      ArrayNode list = NODES.arrayNode();
      List<Integer> indexes = new ArrayList<>();
      for (Map.Entry<Integer, Map<String, String>> entry : byIndex.entrySet()) {
        String formPrefix = role + "[" + entry.getKey() + "]";
        String treePrefix = role + "[" + list.size() + "]";
        ObjectNode person = NODES.objectNode();
        Map<String, String> address = new LinkedHashMap<>();
        for (Map.Entry<String, String> part : entry.getValue().entrySet()) {
          String key = part.getKey();
          String formField = formPrefix + "." + key;
          if (key.startsWith("address.")) {
            address.put(key.substring("address.".length()), part.getValue());
          } else if (key.equals("age")) {
            integer(person, key, part.getValue(), treePrefix + ".age", formField);
          } else if (key.equals("usernames")) {
            usernames(person, part.getValue(), treePrefix + ".usernames", formField);
          } else if (LISTS.contains(key)) {
            lines(person, key, part.getValue(), treePrefix + "." + key, formField);
          } else {
            text(person, key, part.getValue(), treePrefix + "." + key, formField);
          }
        }
        ObjectNode place = address(address, treePrefix + ".address", formPrefix + ".address");
        if (place != null) {
          person.set("address", place);
        }
        if (!person.isEmpty()) {
          list.add(person);
          indexes.add(entry.getKey());
        }
      }
      formIndexes.put(role, indexes);
      if (!list.isEmpty()) {
        tree.set(role, list);
      }
    }

    private ObjectNode address(Map<String, String> parts, String treePrefix, String formPrefix) {
      ObjectNode address = NODES.objectNode();
      for (Map.Entry<String, String> part : parts.entrySet()) {
        String key = part.getKey();
        if (key.equals("latitude") || key.equals("longitude")) {
          decimal(address, key, part.getValue(), treePrefix + "." + key, formPrefix + "." + key);
        } else {
          text(address, key, part.getValue(), treePrefix + "." + key, formPrefix + "." + key);
        }
      }
      return address.isEmpty() ? null : address;
    }

    private void reporter(Map<String, String> parts) {
      ObjectNode reporter = NODES.objectNode();
      for (Map.Entry<String, String> part : parts.entrySet()) {
        String key = part.getKey();
        String value = part.getValue().trim();
        if (key.equals("anonymous")) {
          if (!value.isEmpty()) {
            reporter.set(key, value.equals("true") ? NODES.booleanNode(true)
                : value.equals("false") ? NODES.booleanNode(false) : NODES.textNode(value));
            spots.put("reporter.anonymous", new FormSpot("reporter.anonymous", 0));
          }
        } else {
          text(reporter, key, part.getValue(), "reporter." + key, "reporter." + key);
        }
      }
      if (!reporter.isEmpty()) {
        tree.set("reporter", reporter);
      }
    }

    private void text(ObjectNode into, String key, String value, String treePath, String formField) {
      if (!value.isBlank()) {
        into.put(key, value);
        spots.put(treePath, new FormSpot(formField, 0));
      }
    }

    private void integer(ObjectNode into, String key, String value, String treePath, String formField) {
      String trimmed = value.trim();
      if (trimmed.isEmpty()) {
        return;
      }
      spots.put(treePath, new FormSpot(formField, 0));
      if (INTEGER.matcher(trimmed).matches()) {
        into.put(key, Integer.parseInt(trimmed));
      } else {
        into.put(key, trimmed);
      }
    }

    private void decimal(ObjectNode into, String key, String value, String treePath, String formField) {
      String trimmed = value.trim();
      if (trimmed.isEmpty()) {
        return;
      }
      spots.put(treePath, new FormSpot(formField, 0));
      if (DECIMAL.matcher(trimmed).matches()) {
        into.put(key, Double.parseDouble(trimmed));
      } else {
        into.put(key, trimmed);
      }
    }

    private void lines(ObjectNode into, String key, String value, String treePath, String formField) {
      ArrayNode list = NODES.arrayNode();
      String[] lines = LINE_BREAK.split(value, -1);
      for (int line = 0; line < lines.length; line++) {
        if (!lines[line].isBlank()) {
          spots.put(treePath + "[" + list.size() + "]", new FormSpot(formField, line + 1));
          list.add(lines[line].trim());
        }
      }
      if (!list.isEmpty()) {
        into.set(key, list);
      }
    }

    private void usernames(ObjectNode into, String value, String treePath, String formField) {
      ArrayNode list = NODES.arrayNode();
      String[] lines = LINE_BREAK.split(value, -1);
      for (int line = 0; line < lines.length; line++) {
        String text = lines[line].trim();
        if (text.isEmpty()) {
          continue;
        }
        spots.put(treePath + "[" + list.size() + "]", new FormSpot(formField, line + 1));
        ObjectNode username = list.addObject();
        int colon = text.indexOf(':');
        if (colon < 0 || text.contains("://")) {
          username.put("handle", text);
        } else {
          String service = text.substring(0, colon).trim();
          if (!service.isEmpty()) {
            username.put("service", service);
          }
          username.put("handle", text.substring(colon + 1).trim());
        }
      }
      if (!list.isEmpty()) {
        into.set("usernames", list);
      }
    }
  }
}
