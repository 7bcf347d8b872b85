package org.tiprouter.core.topics;

import java.util.Map;
import java.util.Objects;

/**
 * One topic as tiprouter wants it to exist.
 *
 * @param name the topic name
 * @param partitions partition count
 * @param configs topic-level configs (cleanup.policy, retention.ms, ...)
 * @param purpose one line for operators: what lives there
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs, String purpose) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    configs = Map.copyOf(configs);
  }

  public String cleanupPolicy() {
    return configs.getOrDefault("cleanup.policy", "delete");
  }
}
