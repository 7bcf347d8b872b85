package org.tiprouter.formats.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.tiprouter.formats.Parsed;

/**
 * Parses untrusted web submissions, {@code application/json} bodies of the JSON API and
 * {@code application/x-www-form-urlencoded} bodies of the public form, into a
 * {@link WebSubmission}, checking every rule of the contract. Unknown fields, duplicate fields
 * and values of the wrong type are refused, never coerced or dropped. Pure Java; the intake
 * calls it before storing a tip and normalise calls it again on the stored bytes.
 */
public final class WebSubmissionParser {

  /** Media type of the JSON API. */
  public static final String JSON = "application/json";
  /** Media type of the public form. */
  public static final String FORM = "application/x-www-form-urlencoded";
  /** Deepest JSON nesting accepted; the contract needs 5. */
  public static final int MAX_DEPTH = 16;

  private final Clock clock;
  private final ObjectMapper strict;

  /** @param clock decides what "in the future" means for {@code occurredAt} */
  public WebSubmissionParser(Clock clock) {
    this.clock = clock;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(32)
            .maxStringLength(1 << 20).build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.strict = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .build();
  }

  /** What checking a submission found: the submission when it broke no rule, and every violation. */
  public record Checked(WebSubmission submission, List<WebViolation> violations) {
    public Checked {
      violations = List.copyOf(violations);
    }

    public boolean valid() {
      return violations.isEmpty();
    }

    /** The first violation as a parse result, or the submission. */
    public Parsed<WebSubmission> toParsed() {
      if (valid()) {
        return Parsed.accepted(submission);
      }
      WebViolation first = violations.get(0);
      return Parsed.rejected(first.code().name(), first.field(), first.message());
    }
  }

  /**
   * Parses a stored or received payload by its media type ({@value #JSON} or {@value #FORM},
   * parameters such as {@code charset=utf-8} allowed).
   */
  public Parsed<WebSubmission> parse(byte[] payload, String contentType) {
    String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case JSON -> checkJson(payload).toParsed();
      case FORM -> checkForm(WebFormDecoder.decode(payload)).toParsed();
      default -> Parsed.rejected(WebErrorCode.INVALID_FORMAT.name(), null,
          "Web submissions are " + JSON + " or " + FORM + ", not " + mime + ".");
    };
  }

  /** Parses a JSON API body. */
  public Parsed<WebSubmission> parseJson(byte[] json) {
    return checkJson(json).toParsed();
  }

  /** Checks a JSON API body and returns every violation. */
  public Checked checkJson(byte[] json) {
    JsonObject read = readJsonObject(json);
    return read.problem() != null ? new Checked(null, List.of(read.problem())) : check(read.tree());
  }

  /**
   * A JSON body read with the contract's strict reader (duplicate fields, depth and size limits),
   * before any rule is checked: the tree, or the one violation that prevents reading it. The
   * extension point of contracts built on this one (the phone contract takes its {@code call}
   * object out of the tree, then checks the rest with {@link #check(ObjectNode)}).
   *
   * @param tree the JSON object; null when {@code problem} is set
   * @param problem why the body is not one JSON object; null when it is
   */
  public record JsonObject(ObjectNode tree, WebViolation problem) {}

  /** Reads {@code json} strictly into a tree (see {@link JsonObject}). */
  public JsonObject readJsonObject(byte[] json) {
    JsonNode tree;
    try {
      tree = strict.readTree(json);
    } catch (JsonProcessingException e) {
      if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
        return unreadable(WebErrorCode.DUPLICATE_FIELD, duplicatePath(e),
            "A field appears twice in the same object; send it once.");
      }
      return unreadable(WebErrorCode.INVALID_JSON, null, "The body is not one well-formed JSON object.");
    } catch (IOException e) {
      return unreadable(WebErrorCode.INVALID_JSON, null, "The body is not one well-formed JSON object.");
    }
    if (tree == null || !tree.isObject()) {
      return unreadable(WebErrorCode.INVALID_JSON, null, "The body must be one JSON object.");
    }
    return new JsonObject((ObjectNode) tree, null);
  }

  private static JsonObject unreadable(WebErrorCode code, String field, String message) {
    return new JsonObject(null, new WebViolation(code, field, message));
  }

  /** Checks a decoded form (see {@link WebFormDecoder}); violations name contract paths. */
  public Checked checkForm(WebFormDecoder.DecodedForm form) {
    if (form.problems().stream().anyMatch(p -> p.code() == WebErrorCode.INVALID_FORM_ENCODING)) {
      return new Checked(null, form.problems());
    }
    if (!form.problems().isEmpty()) {
      Checked rest = check(form.tree());
      List<WebViolation> all = new java.util.ArrayList<>(form.problems());
      all.addAll(rest.violations());
      return new Checked(null, all);
    }
    return check(form.tree());
  }

  /** Checks a JSON tree against every rule; the tree is changed (values that mean "not given" are removed). */
  public Checked check(ObjectNode tree) {
    List<WebViolation> violations = new WebContractRules(clock).check(tree);
    if (!violations.isEmpty()) {
      return new Checked(null, violations);
    }
    try {
      return new Checked(strict.treeToValue(tree, WebSubmission.class), List.of());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The rules above admit only what binds; this is a safety net, never the expected path.
      return refused(WebErrorCode.WRONG_TYPE, null, "The tip does not match the contract.");
    }
  }

  /**
   * A fingerprint of what a submission says (not of its bytes): the same tip sent again, as JSON
   * with other spacing or field order, or through the form, has the same fingerprint.
   */
  public String fingerprint(WebSubmission submission) {
    try {
      byte[] canonical = strict.writeValueAsBytes(submission);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("A submission could not be fingerprinted", e);
    }
  }

  private static Checked refused(WebErrorCode code, String field, String message) {
    return new Checked(null, List.of(new WebViolation(code, field, message)));
  }

  /** The contract path of the duplicated field, from the parser's position when it noticed. */
  private static String duplicatePath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inArray()) {
        parts.push("[" + context.getCurrentIndex() + "]");
      } else if (context.getCurrentName() != null) {
        parts.push(context.getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      path.append(part.startsWith("[") || path.length() == 0 ? "" : ".").append(part);
    }
    return path.length() == 0 ? null : path.toString();
  }
}
