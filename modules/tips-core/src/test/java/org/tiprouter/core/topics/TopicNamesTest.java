package org.tiprouter.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;

class TopicNamesTest {

  private final TopicNames names = TopicNames.defaults();

  @Test
  void namesEveryPipelineTopicFromThePrefix() {
    assertThat(names.raw(Channel.WEB)).isEqualTo("tips.raw.web.v1");
    assertThat(names.raw(Channel.PHONE)).isEqualTo("tips.raw.phone.v1");
    assertThat(names.raw(Channel.CYBERTIPLINE)).isEqualTo("tips.raw.cybertipline.v1");
    assertThat(names.normalised()).isEqualTo("tips.normalised.v1");
    assertThat(names.attachments()).isEqualTo("tips.attachments.v1");
    assertThat(names.classified()).isEqualTo("tips.classified.v1");
    assertThat(names.triage()).isEqualTo("tips.triage.v1");
    assertThat(names.audit()).isEqualTo("tips.audit.v1");
    assertThat(names.agencies()).isEqualTo("tips.agencies.v1");
    assertThat(names.deadLetters(Stage.NORMALISE)).isEqualTo("tips.dlq.normalise.v1");
    assertThat(names.agencyQueue("knoxville-pd")).isEqualTo("tips.agency.knoxville-pd.v1");
    assertThat(names.agencyUrgentLane("knoxville-pd")).isEqualTo("tips.agency.knoxville-pd.urgent.v1");
  }

  @Test
  void anotherPrefixMovesEveryTopic() {
    TopicNames staging = new TopicNames("staging.tips");
    assertThat(staging.normalised()).isEqualTo("staging.tips.normalised.v1");
    assertThat(staging.agencyQueue("tn-icac")).isEqualTo("staging.tips.agency.tn-icac.v1");
  }

  @Test
  void refusesAgencyIdsThatCouldEscapeTheirTopicPrefix() {
    assertThatThrownBy(() -> names.agencyQueue("Knoxville PD")).hasMessageContaining("Invalid agency id");
    assertThatThrownBy(() -> names.agencyQueue("a")).hasMessageContaining("Invalid agency id");
    assertThatThrownBy(() -> names.agencyQueue("x.y")).hasMessageContaining("Invalid agency id");
    assertThatThrownBy(() -> names.agencyQueue("-leading")).hasMessageContaining("Invalid agency id");
    assertThat(TopicNames.isValidAgencyId("tn-icac")).isTrue();
  }

  @Test
  void hasNoRawTopicForTheUnknownChannel() {
    assertThatThrownBy(() -> names.raw(Channel.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findsTheAgencyOfAQueueOrUrgentLane() {
    assertThat(names.agencyIdOf("tips.agency.knoxville-pd.v1")).contains("knoxville-pd");
    assertThat(names.agencyIdOf("tips.agency.knoxville-pd.urgent.v1")).contains("knoxville-pd");
    assertThat(names.agencyIdOf("tips.triage.v1")).isEmpty();
    assertThat(names.agencyIdOf("other.agency.knoxville-pd.v1")).isEmpty();
  }

  @Test
  void refusesInvalidPrefixes() {
    assertThatThrownBy(() -> new TopicNames("Tips")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicNames("tips.")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TopicNames("")).isInstanceOf(IllegalArgumentException.class);
  }
}
