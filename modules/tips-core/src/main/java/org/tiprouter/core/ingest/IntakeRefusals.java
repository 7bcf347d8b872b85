package org.tiprouter.core.ingest;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tiprouter.core.Stage;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;

/**
 * The dead letters of one HTTP intake channel: every request it refuses (apart from rate limits and
 * broker outages, where there is nothing to refuse or nowhere to write) becomes one
 * {@code DeadLetter} on {@code tips.dlq.ingest.v1}, written through {@link IngestDeadLetters} like
 * the CyberTipline intake's, so the sender's answer never waits for it and a failed write is logged.
 *
 * <p>The detail and context hold codes, field paths, sizes and the endpoint, never a value from
 * the request; context {@code channel} feeds {@code tips_rejected_total{channel,reason}}. Bytes are
 * kept only when they were read within the body limit and the caller passes them.
 */
public final class IntakeRefusals {

  /** A field path as the contracts write it ({@code suspects[0].emails[1]}); anything else is not shown. */
  private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z0-9_.\\[\\]-]{1,100}");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9.+-]{1,50}/[a-z0-9.+-]{1,50}");

  private final IngestDeadLetters deadLetters;
  private final DeadLetters letters;
  private final String channel;
  private final String source;

  /**
   * @param channel the channel label of the dead letters ({@code web}, {@code phone})
   * @param source the intake's name ({@code ingest-web}, {@code ingest-phone})
   */
  public IntakeRefusals(IngestDeadLetters deadLetters, Clock clock, String channel, String source) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.letters = new DeadLetters(Stage.INGEST, clock);
    this.channel = Objects.requireNonNull(channel, "channel");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * One refused request.
   *
   * @param endpoint which of the channel's endpoints ({@code api}, {@code form}, {@code calls}, ...)
   * @param status the HTTP status the sender got
   * @param reason the reason code
   * @param code the error code the sender got (one of ours, never request text)
   * @param field the contract path of the problem, or null
   * @param received the bytes received (read within the limit), or null when none are kept
   * @param facts further non-personal facts for the context (sizes, the media type)
   */
  public void refuse(String endpoint, int status, ReasonCode reason, String code, String field, byte[] received,
      Map<String, String> facts) {
    String shownField = field == null ? null : FIELD_PATH.matcher(field).matches() ? field : "(field name not shown)";
    Map<String, String> context = new HashMap<>(facts);
    context.put("channel", channel);
    context.put("source", source);
    context.put("endpoint", endpoint);
    context.put("status", Integer.toString(status));
    context.put("code", code);
    if (shownField != null) {
      context.put("field", shownField);
    }
    String detail = code + (shownField == null ? "" : " at " + shownField) + " (HTTP " + status + "): "
        + reason.meaning() + (received == null ? "; no bytes kept" : "");
    deadLetters.send(letters.create(reason, detail, null, DeadLetters.Source.NONE, null, received, context));
  }

  /** A refused request whose bytes are kept (or null) and that has no further facts. */
  public void refuse(String endpoint, int status, ReasonCode reason, String code, String field, byte[] received) {
    refuse(endpoint, status, reason, code, field, received, Map.of());
  }

  /**
   * A body over the limit (413): not read, or not read past the limit, so no bytes are kept; the
   * context says the declared length ({@code -1}: sent without one) and the limit.
   */
  public void refuseOversized(String endpoint, String code, long declaredLength, int maxBytes) {
    refuse(endpoint, 413, ReasonCode.PAYLOAD_TOO_LARGE, code, null, null, Map.of(
        "declaredBytes", declaredLength >= 0 ? Long.toString(declaredLength) : "none (sent without a length)",
        "maxBytes", Integer.toString(maxBytes)));
  }

  /**
   * A body of a media type the endpoint does not take (415): {@code PARSE_REJECTED}, because it is
   * not the channel's format; the body is discarded unread, so no bytes are kept. The context names
   * the media type (without parameters; {@code other} when it is not a plain type name).
   */
  public void refuseMediaType(String endpoint, String code, String contentTypeHeader) {
    refuse(endpoint, 415, ReasonCode.PARSE_REJECTED, code, null, null, Map.of("contentType",
        mediaTypeOf(contentTypeHeader)));
  }

  /**
   * The media type of a {@code Content-Type} header as it may be recorded: lower-case type/subtype
   * without parameters, {@code none} when absent, {@code other} when it is not a plain media type.
   */
  public static String mediaTypeOf(String header) {
    if (header == null || header.isBlank()) {
      return "none";
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    return MEDIA_TYPE.matcher(type).matches() ? type : "other";
  }
}
