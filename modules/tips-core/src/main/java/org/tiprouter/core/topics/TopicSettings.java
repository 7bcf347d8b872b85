package org.tiprouter.core.topics;

import java.util.Optional;

/**
 * How tiprouter creates topics on a cluster.
 *
 * @param partitions partitions of pipeline topics
 * @param replicationFactor replication factor; -1 means the broker's default
 * @param minInsyncReplicas {@code min.insync.replicas}; -1 means the broker's default
 */
public record TopicSettings(int partitions, short replicationFactor, int minInsyncReplicas) {

  public TopicSettings {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
  }

  /** Three partitions and the broker's replication defaults. */
  public static TopicSettings brokerDefaults() {
    return new TopicSettings(3, (short) -1, -1);
  }

  public Optional<Short> replication() {
    return replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
  }

  public Optional<Integer> minInsync() {
    return minInsyncReplicas > 0 ? Optional.of(minInsyncReplicas) : Optional.empty();
  }
}
