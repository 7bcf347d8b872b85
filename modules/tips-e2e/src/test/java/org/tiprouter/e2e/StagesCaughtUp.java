package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicNames;

/** Waits on consumer-group lag, never on time: the stream stages have committed everything on their inputs. */
final class StagesCaughtUp {

  private StagesCaughtUp() {}

  /** Waits until each stage has committed everything on its input topics, internal ones included. */
  static void waitFor(KafkaClientConfigs clients, TopicNames topics) {
    // in pipeline order: a stage's lag only counts once the stage feeding it has caught up
    Map<String, List<String>> inputs = new LinkedHashMap<>();
    inputs.put(Stage.NORMALISE.applicationId(),
        List.of(topics.raw(Channel.WEB), topics.raw(Channel.PHONE), topics.raw(Channel.CYBERTIPLINE)));
    inputs.put(Stage.CLASSIFY.applicationId(), List.of(topics.normalised()));
    inputs.put(Stage.ROUTE.applicationId(), List.of(topics.classified()));
    try (Admin admin = Admin.create(clients.admin("e2e-lag"))) {
      await().atMost(ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        for (Map.Entry<String, List<String>> stage : inputs.entrySet()) {
          assertThat(ConsumerGroupLag.of(admin, stage.getKey(), stage.getValue())).as("lag of " + stage.getKey()).isZero();
        }
      });
    }
  }
}
