package org.tiprouter.core.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records a consumer group (a stage's {@code application.id}, an agency's group) has
 * not yet committed on its topics: end offsets minus committed offsets. A stream stage's internal
 * repartition topics count too.
 */
public final class ConsumerGroupLag {

  private ConsumerGroupLag() {}

  /** The group's total lag over {@code topics} and its own {@code <group>-*-repartition} topics. */
  public static long of(Admin admin, String group, Collection<String> topics)
      throws ExecutionException, InterruptedException {
    List<String> all = new ArrayList<>(topics);
    admin.listTopics().names().get().stream()
        .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition"))
        .forEach(all::add);
    Set<TopicPartition> partitions = admin.describeTopics(all).allTopicNames().get().values().stream()
        .flatMap(description -> description.partitions().stream()
            .map(partition -> new TopicPartition(description.name(), partition.partition())))
        .collect(Collectors.toSet());
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
        partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
        .all().get();
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      lag += Math.max(0, ends.get(partition).offset() - (offset == null ? 0 : offset.offset()));
    }
    return lag;
  }
}
