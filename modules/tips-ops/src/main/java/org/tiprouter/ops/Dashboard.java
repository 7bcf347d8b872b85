package org.tiprouter.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tiprouter.ops.metrics.LagMonitor;
import org.tiprouter.ops.metrics.PipelineObserver;

/**
 * The operator's dashboard: the data behind {@code /dashboard.json} and the bundled page, script
 * and style sheet served from the classpath. Carries counts, codes, ids and times only: never a
 * payload or personal data.
 */
public final class Dashboard {

  /** Minutes shown in the tips-per-minute chart. */
  public static final int MINUTES = 30;
  private static final List<String> CHANNELS = List.of("web", "phone", "cybertipline");

  private final PipelineObserver observer;
  private final LagMonitor lag;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param observer the topic observer, or null when this process runs none
   * @param lag the lag monitor, or null when this process runs none
   */
  public Dashboard(PipelineObserver observer, LagMonitor lag) {
    this.observer = observer;
    this.lag = lag;
  }

  /** The dashboard's data, with the health of {@code checks}. */
  ObjectNode data(List<HealthCheck> checks, Instant now) {
    ObjectNode root = json.createObjectNode();
    root.put("generatedAt", now.toString());
    ObjectNode health = root.putObject("health");
    ArrayNode components = health.putArray("checks");
    boolean allUp = true;
    for (HealthCheck check : checks) {
      HealthCheck.Status status = check.check();
      allUp &= status.ready();
      components.addObject().put("name", check.name()).put("status", status.ready() ? "UP" : "DOWN")
          .put("detail", status.detail());
    }
    health.put("status", allUp ? "UP" : "DOWN");

    PipelineObserver.View view = observer == null ? null : observer.view();
    LagMonitor.Snapshot lagged = lag == null ? null : lag.snapshot();

    ObjectNode totals = root.putObject("totals");
    for (String key : List.of("ingested", "normalised", "routed", "urgent", "related", "attached", "triaged", "deadLettered")) {
      totals.put(key, view == null ? 0 : view.totals().getOrDefault(key, 0L));
    }

    Set<String> channels = new TreeSet<>(CHANNELS);
    if (view != null) {
      view.ingestedPerMinute().values().forEach(perChannel -> channels.addAll(perChannel.keySet()));
    }
    ArrayNode channelNames = root.putArray("channels");
    channels.forEach(channelNames::add);
    ArrayNode minutes = root.putArray("ingestedPerMinute");
    long thisMinute = Math.floorDiv(now.toEpochMilli(), 60_000L) * 60_000L;
    for (int i = MINUTES - 1; i >= 0; i--) {
      long minute = thisMinute - i * 60_000L;
      ObjectNode point = minutes.addObject().put("minute", minute);
      ObjectNode counts = point.putObject("channels");
      Map<String, Long> seen = view == null ? Map.of() : view.ingestedPerMinute().getOrDefault(minute, Map.of());
      channels.forEach(channel -> counts.put(channel, seen.getOrDefault(channel, 0L)));
    }

    ObjectNode latency = root.putObject("latency");
    latency.put("samples", view == null ? 0 : view.latencySamples());
    if (view != null && view.p50Millis() != null) {
      latency.put("p50Seconds", view.p50Millis() / 1000.0).put("p99Seconds", view.p99Millis() / 1000.0);
    } else {
      latency.putNull("p50Seconds").putNull("p99Seconds");
    }

    Map<String, ObjectNode> agencies = new TreeMap<>();
    if (view != null) {
      view.routedPerAgency().forEach((agency, n) -> agency(agencies, agency).put("routed", n));
      view.urgentPerAgency().forEach((agency, n) -> agency(agencies, agency).put("urgentRouted", n));
    }
    long urgentUnconsumed = 0;
    if (lagged != null) {
      for (LagMonitor.AgencyQueues queues : lagged.agencies()) {
        ObjectNode row = agency(agencies, queues.agency());
        row.put("queueDepth", queues.queue().depth()).put("queueLag", queues.queue().lag())
            .put("urgentDepth", queues.urgent().depth()).put("urgentLag", queues.urgent().lag());
        ObjectNode groups = row.putObject("groups");
        queues.queue().groupLag().forEach(groups::put);
        urgentUnconsumed += queues.urgent().lag();
      }
    }
    // Only agencies with something to show: the directory can hold hundreds of idle ones.
    ArrayNode agencyRows = root.putArray("agencies");
    int idle = 0;
    for (ObjectNode row : agencies.values()) {
      boolean active = row.path("routed").asLong() > 0 || row.path("queueDepth").asLong() > 0
          || row.path("queueLag").asLong() > 0 || row.path("urgentLag").asLong() > 0;
      if (active) {
        agencyRows.add(row);
      } else {
        idle++;
      }
    }
    root.put("idleAgencies", idle);
    root.put("urgentUnconsumed", urgentUnconsumed);

    ObjectNode triage = root.putObject("triage");
    if (lagged != null && lagged.triage() != null) {
      triage.put("depth", lagged.triage().depth()).put("lag", lagged.triage().lag());
    } else {
      triage.putNull("depth").putNull("lag");
    }
    triage.put("triaged", view == null ? 0 : view.totals().getOrDefault("triaged", 0L));
    ObjectNode stageLag = root.putObject("stageLag");
    if (lagged != null) {
      lagged.stageLag().forEach(stageLag::put);
    }
    root.put("lagMeasuredAt", lagged == null || lagged.at() == null ? null : lagged.at().toString());

    ObjectNode dead = root.putObject("deadLetters");
    ArrayNode counts = dead.putArray("counts");
    ArrayNode latest = dead.putArray("latest");
    if (view != null) {
      view.deadLetterCounts().forEach((key, n) -> {
        int bar = key.indexOf('|');
        counts.addObject().put("stage", key.substring(0, bar)).put("reason", key.substring(bar + 1)).put("count", n);
      });
      for (PipelineObserver.DeadLetterEntry entry : view.latestDeadLetters()) {
        latest.addObject().put("tipId", entry.tipId()).put("stage", entry.stage()).put("reason", entry.reason())
            .put("at", entry.at() == null ? null : entry.at().toString());
      }
    }
    root.put("unreadableRecords", view == null ? 0 : view.unreadable());
    return root;
  }

  private ObjectNode agency(Map<String, ObjectNode> rows, String agency) {
    return rows.computeIfAbsent(agency, id -> json.createObjectNode().put("agency", id).put("routed", 0)
        .put("urgentRouted", 0).putNull("queueDepth").putNull("queueLag").putNull("urgentDepth").putNull("urgentLag"));
  }

  /** A bundled dashboard file: {@code index.html}, {@code dashboard.js} or {@code dashboard.css}. */
  static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream("/org/tiprouter/ops/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing dashboard resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
