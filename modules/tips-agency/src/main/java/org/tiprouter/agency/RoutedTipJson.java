package org.tiprouter.agency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.RelatedTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;

/**
 * The JSON an agency's tools get for a routed tip ({@code tiprouter agency tail --format jsonl},
 * {@code tiprouter agency export}), one object per line:
 *
 * <pre>{@code
 * {"tipId", "agencyId", "role": "PRIMARY"|"COPY", "urgent": bool, "channel", "receivedAt",
 *  "routedAt", "auditHead",
 *  "decision": {"primaryAgency", "location": {...} | null, "reasons": [...]},
 *  "related": [{"tipId", "agencies": [...]}],
 *  "tip": { the canonical Tip, field by field as in Tip.avsc }}
 * }</pre>
 *
 * <p>UUIDs and instants are ISO-8601 strings ({@code 2025-03-14T02:17:05.123Z}), enums their
 * symbol, absent optional values {@code null}. A record that is not a TIP carries
 * {@code "kind"} ({@code "RELATED_TIP"}, {@code "ATTACHMENT"} or {@code "OTHER"}) and no {@code tip},
 * {@code channel}, {@code receivedAt} or {@code decision}; a TIP has no {@code kind}. An ATTACHMENT
 * (a file reported after the tip) ends with {@code "attachment": {"fileId", "fileName", "hashes",
 * "viewedByEsp", "publiclyAvailable", "annotations", "reportId", "reportIdKind", "receivedAt",
 * "identifiers", "remainder", "provenance", "normalisedAt"}}. The output holds personal
 * data: it is for the agency, never for logs.
 */
public final class RoutedTipJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RoutedTipJson() {}

  /** The routed tip as a JSON object. */
  public static ObjectNode toJson(RoutedTip routed) {
    ObjectNode json = NODES.objectNode();
    boolean isTip = routed.getKind() == RoutedTipKind.TIP;
    if (!isTip) {
      json.put("kind", routed.getKind().name());
    }
    json.put("tipId", routed.getTipId().toString());
    json.put("agencyId", routed.getAgencyId());
    json.put("role", routed.getRole().name());
    json.put("urgent", routed.getUrgent());
    Tip tip = routed.getTip();
    if (isTip) {
      json.put("channel", tip == null ? null : tip.getChannel().name());
      json.put("receivedAt", tip == null ? null : tip.getReceivedAt().toString());
    }
    json.put("routedAt", routed.getRoutedAt().toString());
    json.put("auditHead", routed.getAuditHead());
    if (isTip) {
      json.set("decision", decision(routed.getDecision()));
    }
    ArrayNode related = json.putArray("related");
    for (RelatedTip relatedTip : routed.getRelated()) {
      ObjectNode item = related.addObject();
      item.put("tipId", relatedTip.getTipId().toString());
      ArrayNode agencies = item.putArray("agencies");
      relatedTip.getAgencyIds().forEach(agencies::add);
    }
    if (isTip) {
      json.set("tip", tip == null ? NODES.nullNode() : record(tip));
    }
    if (routed.getKind() == RoutedTipKind.ATTACHMENT) {
      json.set("attachment", attachment(routed.getAttachment()));
    }
    return json;
  }

  /** One line of JSON Lines, without the line break. */
  public static String toJsonLine(RoutedTip routed) {
    try {
      return MAPPER.writeValueAsString(toJson(routed));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-line human summary: when, urgency, role, tip id, channel, primary agency and reasons. No
   * narrative, names, identifiers or addresses.
   */
  public static String toText(RoutedTip routed) {
    StringBuilder line = new StringBuilder();
    line.append(routed.getRoutedAt()).append("  ")
        .append(routed.getUrgent() ? "URGENT " : "       ")
        .append(String.format("%-7s ", routed.getRole()));
    if (routed.getKind() == RoutedTipKind.ATTACHMENT) {
      line.append("ATTACHMENT ").append(routed.getTipId());
      TipAttachment attachment = routed.getAttachment();
      if (attachment != null) {
        AttachmentRef file = attachment.getAttachment();
        line.append(" file ").append(file.getFileId())
            .append(" viewedByEsp ").append(file.getViewedByEsp())
            .append(" publiclyAvailable ").append(file.getPubliclyAvailable())
            .append(" received ").append(attachment.getReceivedAt());
      }
    } else if (routed.getKind() != RoutedTipKind.TIP) {
      line.append(routed.getKind()).append(' ').append(routed.getTipId());
    } else {
      line.append("tip ").append(routed.getTipId());
      Tip tip = routed.getTip();
      if (tip != null) {
        line.append(' ').append(tip.getChannel()).append(" received ").append(tip.getReceivedAt());
      }
      JurisdictionDecision decision = routed.getDecision();
      if (decision != null) {
        line.append(" primary ").append(decision.getPrimaryAgencyId());
        if (!decision.getReasons().isEmpty()) {
          line.append(": ").append(String.join("; ", decision.getReasons()));
        }
      }
    }
    if (!routed.getRelated().isEmpty()) {
      line.append(" related");
      for (RelatedTip related : routed.getRelated()) {
        line.append(' ').append(related.getTipId()).append(' ').append(related.getAgencyIds());
      }
    }
    return line.toString();
  }

  /**
   * A file reported after its tip: the file facts first (id, name, the two flags that decide
   * whether the agency may open it without a warrant, hashes, annotations), then where they came
   * from; every field of TipAttachment.avsc.
   */
  private static JsonNode attachment(TipAttachment attachment) {
    if (attachment == null) {
      return NODES.nullNode();
    }
    ObjectNode json = record(attachment.getAttachment());
    json.put("reportId", attachment.getReportExternalId().getValue());
    json.put("reportIdKind", attachment.getReportExternalId().getKind());
    json.put("receivedAt", attachment.getReceivedAt().toString());
    ObjectNode all = record(attachment);
    json.set("identifiers", all.get("identifiers"));
    json.set("remainder", all.get("remainder"));
    json.set("provenance", all.get("provenance"));
    json.put("normalisedAt", attachment.getNormalisedAt().toString());
    return json;
  }

  private static JsonNode decision(JurisdictionDecision decision) {
    if (decision == null) {
      return NODES.nullNode();
    }
    ObjectNode json = NODES.objectNode();
    json.put("primaryAgency", decision.getPrimaryAgencyId());
    json.set("location", decision.getLocation() == null ? NODES.nullNode() : record(decision.getLocation()));
    ArrayNode reasons = json.putArray("reasons");
    decision.getReasons().forEach(reasons::add);
    return json;
  }

  /** Any contract record, field by field in schema order. */
  static ObjectNode record(IndexedRecord record) {
    ObjectNode json = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      json.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return json;
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    Schema type = schema;
    if (type.getType() == Schema.Type.UNION) {
      type = type.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL)
          .findFirst().orElse(type);
    }
    LogicalType logical = type.getLogicalType();
    if (value instanceof Long millis && logical instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(millis).toString());
    }
    if (value instanceof IndexedRecord nested) {
      return record(nested);
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      Schema itemType = type.getType() == Schema.Type.ARRAY ? type.getElementType() : type;
      items.forEach(item -> array.add(value(itemType, item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      Schema valueType = type.getType() == Schema.Type.MAP ? type.getValueType() : type;
      map.forEach((key, item) -> object.set(String.valueOf(key), value(valueType, item)));
      return object;
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Float number) {
      return NODES.numberNode(number);
    }
    if (value instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] array = new byte[copy.remaining()];
      copy.get(array);
      return NODES.textNode(Base64.getEncoder().encodeToString(array));
    }
    if (value instanceof Enum<?> symbol) {
      return NODES.textNode(symbol.name());
    }
    if (value instanceof UUID || value instanceof Instant || value instanceof CharSequence) {
      return NODES.textNode(value.toString());
    }
    return NODES.textNode(value.toString());
  }
}
