package org.tiprouter.core.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

  private final TopicCatalogue catalogue =
      new TopicCatalogue(TopicNames.defaults(), new TopicSettings(4, (short) 3, 2));

  private Map<String, TopicSpec> byName(List<TopicSpec> specs) {
    return specs.stream().collect(Collectors.toMap(TopicSpec::name, Function.identity()));
  }

  @Test
  void listsEveryPipelineTopicOnce() {
    assertThat(catalogue.pipelineTopics()).extracting(TopicSpec::name).containsExactlyInAnyOrder(
        "tips.raw.web.v1", "tips.raw.phone.v1", "tips.raw.cybertipline.v1", "tips.normalised.v1",
        "tips.attachments.v1", "tips.classified.v1", "tips.triage.v1", "tips.audit.v1", "tips.dlq.ingest.v1",
        "tips.dlq.normalise.v1", "tips.dlq.classify.v1", "tips.dlq.route.v1", "tips.agencies.v1");
  }

  @Test
  void keepsTheAuditTopicForeverAndNeverCompactsIt() {
    TopicSpec audit = byName(catalogue.pipelineTopics()).get("tips.audit.v1");
    assertThat(audit.cleanupPolicy()).isEqualTo("delete");
    assertThat(audit.configs()).containsEntry("retention.ms", "-1").containsEntry("retention.bytes", "-1");
  }

  @Test
  void compactsTheDirectoryOnly() {
    assertThat(catalogue.pipelineTopics()).filteredOn(spec -> spec.cleanupPolicy().equals("compact"))
        .extracting(TopicSpec::name).containsExactly("tips.agencies.v1");
  }

  @Test
  void appliesPartitionsAndMinInsyncReplicasEverywhere() {
    assertThat(catalogue.pipelineTopics()).allSatisfy(spec -> {
      assertThat(spec.partitions()).isEqualTo(4);
      assertThat(spec.configs()).containsEntry("min.insync.replicas", "2")
          .containsEntry("unclean.leader.election.enable", "false");
    });
  }

  @Test
  void leavesMinInsyncReplicasToTheBrokerWhenUnset() {
    TopicCatalogue defaults = new TopicCatalogue(TopicNames.defaults(), TopicSettings.brokerDefaults());
    assertThat(defaults.pipelineTopics()).allSatisfy(spec ->
        assertThat(spec.configs()).doesNotContainKey("min.insync.replicas"));
  }

  @Test
  void givesEachAgencyAQueueAndAnUrgentLane() {
    assertThat(catalogue.agencyTopics("tn-icac")).extracting(TopicSpec::name)
        .containsExactly("tips.agency.tn-icac.v1", "tips.agency.tn-icac.urgent.v1");
  }
}
