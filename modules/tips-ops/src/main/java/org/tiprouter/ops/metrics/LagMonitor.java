package org.tiprouter.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.topics.TopicNames;

/**
 * Measures, on a schedule (never per scrape), each agency queue's depth and every consumer
 * group's lag on it, the triage queue and the stream stages' lag, and publishes them as gauges:
 * {@code tips_agency_queue_depth{agency,lane}}, {@code tips_agency_lag{agency,lane}} (the least
 * lag of any group reading the lane; the depth when no group reads it),
 * {@code tips_consumer_group_lag{group,agency,lane}}, {@code tips_triage_depth},
 * {@code tips_triage_lag} and {@code tips_stage_lag{stage}}.
 */
public final class LagMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
  private static final int MAX_GROUPS = 200;

  private final Admin admin;
  private final TopicNames names;
  private final MeterRegistry registry;
  private final Duration interval;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tiprouter-ops-lag");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final BoundedLabels agencies = new BoundedLabels(TipMetrics.MAX_AGENCIES);
  private final BoundedLabels groups = new BoundedLabels(MAX_GROUPS);
  private final PipelineObserver observer;
  private volatile Snapshot snapshot = new Snapshot(null, List.of(), null, Map.of());

  /** One lane of an agency: its depth and the lag of each group reading it. */
  public record Lane(long depth, long lag, Map<String, Long> groupLag) {}

  /** One agency's queue and urgent lane. */
  public record AgencyQueues(String agency, Lane queue, Lane urgent) {}

  /** The latest measurement; {@code at} is null before the first. */
  public record Snapshot(Instant at, List<AgencyQueues> agencies, Lane triage, Map<String, Long> stageLag) {}

  /**
   * @param observer when given, counts are of data records (exact); otherwise of offsets, which
   *     overstate by one per producer transaction
   */
  public LagMonitor(Admin admin, TopicNames names, MeterRegistry registry, Duration interval,
      PipelineObserver observer) {
    this.observer = observer;
    this.admin = admin;
    this.names = names;
    this.registry = registry;
    this.interval = interval;
  }

  public LagMonitor start() {
    scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Lag measurement failed: {}", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Measures once, now. */
  public void refresh() throws Exception {
    Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    List<String> watched = new ArrayList<>();
    for (String topic : topics) {
      if (names.agencyIdOf(topic).isPresent() || topic.equals(names.triage())) {
        watched.add(topic);
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    Map<TopicPartition, Long> starts = new HashMap<>();
    if (!watched.isEmpty()) {
      Set<TopicPartition> partitions = admin.describeTopics(watched).allTopicNames().get(10, TimeUnit.SECONDS)
          .values().stream()
          .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
          .collect(Collectors.toSet());
      ends = offsets(partitions, OffsetSpec.latest());
      starts = offsets(partitions, OffsetSpec.earliest());
    }
    // committed offsets of every consumer group on the watched topics
    Map<String, Map<TopicPartition, Long>> committedByGroup = new TreeMap<>();
    Set<String> stageGroups = new HashSet<>();
    for (Stage stage : Stage.values()) {
      stageGroups.add(stage.applicationId());
    }
    Collection<GroupListing> listings = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
        .get(10, TimeUnit.SECONDS);
    for (GroupListing listing : listings) {
      String group = listing.groupId();
      if (group.equals(PipelineObserver.GROUP) || stageGroups.contains(group)) {
        continue;
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, Long> mine = new HashMap<>();
      offsets.forEach((tp, offset) -> {
        if (offset != null && watched.contains(tp.topic())) {
          mine.put(tp, offset.offset());
        }
      });
      if (!mine.isEmpty()) {
        committedByGroup.put(group, mine);
      }
    }
    Map<String, Lane> lanes = new TreeMap<>();
    for (String topic : watched) {
      lanes.put(topic, lane(topic, starts, ends, committedByGroup));
    }
    Map<String, AgencyQueues> byAgency = new TreeMap<>();
    Lane empty = new Lane(0, 0, Map.of());
    for (String topic : watched) {
      names.agencyIdOf(topic).ifPresent(agency -> {
        AgencyQueues current = byAgency.getOrDefault(agency, new AgencyQueues(agency, empty, empty));
        Lane lane = lanes.get(topic);
        byAgency.put(agency, topic.endsWith(".urgent.v1")
            ? new AgencyQueues(agency, current.queue(), lane) : new AgencyQueues(agency, lane, current.urgent()));
      });
    }
    Map<String, Long> stageLag = new TreeMap<>();
    List<String> rawTopics = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      if (channel != Channel.UNKNOWN && topics.contains(names.raw(channel))) {
        rawTopics.add(names.raw(channel));
      }
    }
    stageLag(stageLag, Stage.NORMALISE, rawTopics, topics);
    stageLag(stageLag, Stage.CLASSIFY, List.of(names.normalised()), topics);
    stageLag(stageLag, Stage.ROUTE, List.of(names.classified()), topics);

    for (AgencyQueues queues : byAgency.values()) {
      publish(queues.agency(), "queue", queues.queue());
      publish(queues.agency(), "urgent", queues.urgent());
    }
    Lane triage = lanes.get(names.triage());
    if (triage != null) {
      gauge("tips.triage.depth", "Records on the triage queue").set(triage.depth());
      gauge("tips.triage.lag", "Triage records not yet consumed").set(triage.lag());
    }
    stageLag.forEach((stage, lag) -> gauge("tips.stage.lag", "Records a stream stage has not yet consumed", "stage",
        stage).set(lag));
    snapshot = new Snapshot(Instant.now(), List.copyOf(byAgency.values()), triage, stageLag);
  }

  private void stageLag(Map<String, Long> out, Stage stage, List<String> inputs, Set<String> topics) {
    if (inputs.isEmpty() || !topics.containsAll(inputs)) {
      return;
    }
    try {
      out.put(stage.id(), ConsumerGroupLag.of(admin, stage.applicationId(), inputs));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("No lag for stage {}: {}", stage.id(), e.getMessage());
    }
  }

  private long records(TopicPartition partition, long from, long end) {
    return observer == null ? Math.max(0, end - from) : observer.recordsBetween(partition, from, end);
  }

  private Lane lane(String topic, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends,
      Map<String, Map<TopicPartition, Long>> committedByGroup) {
    long depth = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (end.getKey().topic().equals(topic)) {
        depth += records(end.getKey(), starts.getOrDefault(end.getKey(), 0L), end.getValue());
      }
    }
    Map<String, Long> groupLag = new TreeMap<>();
    committedByGroup.forEach((group, committed) -> {
      if (committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
        return;
      }
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        if (end.getKey().topic().equals(topic)) {
          long from = committed.getOrDefault(end.getKey(), starts.getOrDefault(end.getKey(), 0L));
          lag += records(end.getKey(), from, end.getValue());
        }
      }
      groupLag.put(group, lag);
    });
    long lag = groupLag.isEmpty() ? depth : groupLag.values().stream().mapToLong(Long::longValue).min().orElse(depth);
    return new Lane(depth, lag, groupLag);
  }

  private void publish(String agency, String lane, Lane measured) {
    String agencyLabel = agencies.of(agency);
    gauge("tips.agency.queue.depth", "Records on an agency queue or urgent lane", "agency", agencyLabel, "lane", lane)
        .set(measured.depth());
    gauge("tips.agency.lag", "Records on an agency lane not yet consumed (least lag of its groups)", "agency",
        agencyLabel, "lane", lane).set(measured.lag());
    measured.groupLag().forEach((group, lag) -> gauge("tips.consumer.group.lag",
        "A consumer group's lag on an agency lane", "group", groups.of(group), "agency", agencyLabel, "lane", lane)
        .set(lag));
  }

  private AtomicLong gauge(String name, String description, String... tags) {
    String key = name + String.join("|", tags);
    return gauges.computeIfAbsent(key, k -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry);
      return value;
    });
  }

  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
