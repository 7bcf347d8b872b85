package org.tiprouter.agency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.Tip;

class RoutedTipJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode parse(String line) throws Exception {
    return MAPPER.readTree(line);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aRoutedTipHasEveryFieldOfTheIssueShape() throws Exception {
    String line = RoutedTipJson.toJsonLine(ContractFixtures.routedTip());

    assertThat(line).doesNotContain("\n");
    JsonNode json = parse(line);
    assertThat(names(json)).containsExactly("tipId", "agencyId", "role", "urgent", "channel",
        "receivedAt", "routedAt", "auditHead", "decision", "related", "tip");
    assertThat(json.get("tipId").asText()).isEqualTo(ContractFixtures.TIP_ID.toString());
    assertThat(json.get("agencyId").asText()).isEqualTo("knoxville-pd");
    assertThat(json.get("role").asText()).isEqualTo("PRIMARY");
    assertThat(json.get("urgent").isBoolean()).isTrue();
    assertThat(json.get("urgent").asBoolean()).isTrue();
    assertThat(json.get("channel").asText()).isEqualTo("CYBERTIPLINE");
    assertThat(json.get("receivedAt").asText()).isEqualTo("2025-03-14T02:17:05.123Z");
    assertThat(json.get("routedAt").asText()).isEqualTo("2025-03-14T02:17:05.915Z");
    assertThat(json.get("auditHead").asText())
        .isEqualTo(ContractFixtures.routedTip().getAuditHead()).hasSize(64);

    JsonNode decision = json.get("decision");
    assertThat(names(decision)).containsExactly("primaryAgency", "location", "reasons");
    assertThat(decision.get("primaryAgency").asText()).isEqualTo("knoxville-pd");
    assertThat(decision.get("location").get("zip").asText()).isEqualTo("37902");
    assertThat(decision.get("location").get("role").asText()).isEqualTo("VICTIM");
    assertThat(decision.get("location").get("latitude").isNull()).isTrue();
    assertThat(decision.get("reasons")).hasSize(3);
    assertThat(decision.get("reasons").get(1).asText())
        .isEqualTo("victim ZIP 37902 -> county 47093 (Knox, TN) -> knoxville-pd (zip area)");

    JsonNode related = json.get("related");
    assertThat(related).hasSize(1);
    assertThat(names(related.get(0))).containsExactly("tipId", "agencies");
    assertThat(related.get(0).get("tipId").asText()).isEqualTo(ContractFixtures.EARLIER_TIP_ID.toString());
    assertThat(related.get(0).get("agencies").get(0).asText()).isEqualTo("memphis-pd");
  }

  @Test
  void theTipIsTheCanonicalTipFieldByFieldWithIsoTimesAndUuids() throws Exception {
    JsonNode tip = parse(RoutedTipJson.toJsonLine(ContractFixtures.routedTip())).get("tip");

    List<String> schemaFields = Tip.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
    assertThat(names(tip)).containsExactlyElementsOf(schemaFields);
    assertThat(tip.get("tipId").asText()).isEqualTo(ContractFixtures.TIP_ID.toString());
    assertThat(tip.get("channel").asText()).isEqualTo("CYBERTIPLINE");
    assertThat(tip.get("receivedAt").asText()).isEqualTo("2025-03-14T02:17:05.123Z");
    assertThat(tip.get("normalisedAt").asText()).isEqualTo("2025-03-14T02:17:05.481Z");
    assertThat(tip.get("provenance").get("rawOffset").asLong()).isEqualTo(41_873L);
    assertThat(tip.get("provenance").get("rawPartition").asInt()).isEqualTo(2);
    assertThat(tip.get("externalIds").get(0).get("value").asText()).isEqualTo(ContractFixtures.REPORT_ID);
    assertThat(tip.get("incident").get("types").get(1).asText()).isEqualTo("SEXTORTION");
    assertThat(tip.get("incident").get("occurredAt").asText()).isEqualTo("2025-03-12T23:40:00Z");
    assertThat(tip.get("locations")).hasSize(4);
    assertThat(tip.get("locations").get(1).get("latitude").asDouble()).isEqualTo(35.9606);
    assertThat(tip.get("locations").get(0).get("subjectIndex").asInt()).isZero();
    assertThat(tip.get("identifiers").isArray()).isTrue();
    assertThat(tip.get("victims").get(0).get("age").asInt()).isEqualTo(13);
    assertThat(tip.get("reporter").get("callbackConsent").asBoolean()).isTrue();
    assertThat(tip.get("reporter").get("kind").asText()).isEqualTo("ESP");
    assertThat(tip.get("urgency").get("escalated").asBoolean()).isTrue();
    assertThat(tip.get("attachments").get(0).get("annotations").get(0).asText())
        .isEqualTo("possibleSelfProduction");
    assertThat(tip.get("attachments").get(0).get("viewedByEsp").asBoolean()).isTrue();
    assertThat(tip.get("auditHead").asText()).hasSize(64);
    assertThat(tip.toString()).contains("\"capturedAt\":\"2025-03-12T23:38:12Z\"");
  }

  @Test
  void aRelatedTipNoticeHasItsKindAndNoTip() throws Exception {
    JsonNode json = parse(RoutedTipJson.toJsonLine(ContractFixtures.relatedTipNotice()));

    assertThat(names(json)).containsExactly("kind", "tipId", "agencyId", "role", "urgent", "routedAt",
        "auditHead", "related");
    assertThat(json.get("kind").asText()).isEqualTo("RELATED_TIP");
    assertThat(json.get("tipId").asText()).isEqualTo(ContractFixtures.EARLIER_TIP_ID.toString());
    assertThat(json.get("role").asText()).isEqualTo("COPY");
    assertThat(json.get("urgent").asBoolean()).isFalse();
    assertThat(json.get("related").get(0).get("agencies").toString()).isEqualTo("[\"knoxville-pd\",\"tn-icac\"]");
    assertThat(json.has("tip")).isFalse();
  }

  @Test
  void anAttachmentHasItsKindAndTheFileFactsButNoTip() throws Exception {
    JsonNode json = parse(RoutedTipJson.toJsonLine(ContractFixtures.attachmentRecord()));

    assertThat(names(json)).containsExactly("kind", "tipId", "agencyId", "role", "urgent", "routedAt",
        "auditHead", "related", "attachment");
    assertThat(json.get("kind").asText()).isEqualTo("ATTACHMENT");
    assertThat(json.get("tipId").asText()).isEqualTo(ContractFixtures.TIP_ID.toString());
    assertThat(json.get("role").asText()).isEqualTo("PRIMARY");
    JsonNode file = json.get("attachment");
    assertThat(names(file)).containsExactly("fileId", "fileName", "hashes", "viewedByEsp", "publiclyAvailable",
        "annotations", "reportId", "reportIdKind", "receivedAt", "identifiers", "remainder", "provenance",
        "normalisedAt");
    assertThat(file.get("fileId").asText()).isEqualTo("f-0002");
    assertThat(file.get("viewedByEsp").asBoolean()).isFalse();
    assertThat(file.get("publiclyAvailable").asBoolean()).isTrue();
    assertThat(file.get("hashes").get(0).get("hashType").asText()).isEqualTo("SHA256");
    assertThat(file.get("reportId").asText()).isEqualTo(ContractFixtures.REPORT_ID);
    assertThat(file.get("receivedAt").asText()).isEqualTo("2025-03-14T02:39:58.001Z");
    assertThat(file.get("provenance").get("rawTopic").asText()).isEqualTo("tips.raw.cybertipline.v1");
    assertThat(json.has("tip")).isFalse();
    assertThat(json.has("decision")).isFalse();
  }

  @Test
  void aTipWithoutDecisionOrRelatedTipsStillHasEveryKey() throws Exception {
    RoutedTip routed = RoutedTip.newBuilder(ContractFixtures.routedTip())
        .setDecision(null).setRelated(List.of()).setAuditHead(null).setUrgent(false).build();

    JsonNode json = parse(RoutedTipJson.toJsonLine(routed));

    assertThat(json.get("decision").isNull()).isTrue();
    assertThat(json.get("related").isArray()).isTrue();
    assertThat(json.get("related")).isEmpty();
    assertThat(json.get("auditHead").isNull()).isTrue();
    assertThat(json.get("urgent").asBoolean()).isFalse();
  }

  @Test
  void theTextLineSummarisesWithoutPersonalData() {
    String text = RoutedTipJson.toText(ContractFixtures.routedTip());

    assertThat(text).contains("URGENT", "PRIMARY", ContractFixtures.TIP_ID.toString(), "CYBERTIPLINE",
        "primary knoxville-pd", "knoxville-pd copies -> tn-icac", ContractFixtures.EARLIER_TIP_ID.toString());
    assertThat(text).doesNotContain("Riley", "Example Ave", "cybertip-reports@example.com", "threatened")
        .doesNotContain("\n");
    assertThat(RoutedTipJson.toText(ContractFixtures.relatedTipNotice()))
        .contains("RELATED_TIP " + ContractFixtures.EARLIER_TIP_ID);
    assertThat(RoutedTipJson.toText(ContractFixtures.attachmentRecord()))
        .contains("ATTACHMENT " + ContractFixtures.TIP_ID, "file f-0002", "viewedByEsp false",
            "publiclyAvailable true")
        .doesNotContain("a4f1e9b2", "VID_20250301").doesNotContain("\n");
  }
}
