package org.tiprouter.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

  private final KafkaClientConfigs clients = new KafkaClientConfigs("127.0.0.1:9092",
      Map.of("linger.ms", "5"));

  @Test
  void producersAreIdempotentAndWaitForAllReplicas() {
    Map<String, Object> producer = clients.producer("ingest-web");
    assertThat(producer).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
        .containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("linger.ms", "5");
  }

  @Test
  void consumersReadOnlyCommittedRecordsAndCommitByHand() {
    Map<String, Object> consumer = clients.consumer("agency", "agency.knoxville-pd.main");
    assertThat(consumer).containsEntry("isolation.level", "read_committed")
        .containsEntry("enable.auto.commit", false).containsEntry("group.id", "agency.knoxville-pd.main");
  }

  @Test
  void streamsRunExactlyOnce() {
    Properties streams = clients.streams("tips-route", Path.of("/tmp/state"), (short) 3);
    assertThat(streams).containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("application.id", "tips-route").containsEntry("replication.factor", 3);
  }

  @Test
  void overridesCannotWeakenTheGuarantees() {
    assertThatThrownBy(() -> new KafkaClientConfigs("x:1", Map.of("acks", "1")).producer("p"))
        .hasMessageContaining("acks");
    assertThatThrownBy(() -> new KafkaClientConfigs("x:1", Map.of("enable.idempotence", "false")).producer("p"))
        .hasMessageContaining("enable.idempotence");
    assertThatThrownBy(() -> new KafkaClientConfigs("x:1", Map.of("isolation.level", "read_uncommitted"))
        .consumer("c", "g")).hasMessageContaining("isolation.level");
    assertThatThrownBy(() -> new KafkaClientConfigs("x:1", Map.of("processing.guarantee", "at_least_once"))
        .streams("a", Path.of("/tmp"), (short) 1)).hasMessageContaining("processing.guarantee");
  }
}
