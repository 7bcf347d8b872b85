package org.tiprouter.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The project's own metrics, with bounded labels only (channel, stage, reason code, agency id,
 * role). Names as Prometheus shows them: {@code tips_ingested_total{channel}},
 * {@code tips_rejected_total{channel,reason}}, {@code tips_normalised_total{channel}},
 * {@code tips_routed_total{agency,role}}, {@code tips_urgent_total{agency}},
 * {@code tips_triaged_total{reason}}, {@code tips_dlq_total{stage,reason}},
 * {@code tips_related_total}, {@code tips_attached_total} and the histogram {@code tips_end_to_end_seconds}. Every label is
 * capped in its number of distinct values; never pass free text or personal data.
 */
public final class TipMetrics {

  /** Most distinct agency ids kept as label values (the directory bounds them; this is a guard). */
  public static final int MAX_AGENCIES = 500;
  /** Most distinct reason codes kept per label. */
  public static final int MAX_REASONS = 64;

  private final MeterRegistry registry;
  private final BoundedLabels channels = new BoundedLabels(16);
  private final BoundedLabels stages = new BoundedLabels(16);
  private final BoundedLabels agencies = new BoundedLabels(MAX_AGENCIES);
  private final BoundedLabels roles = new BoundedLabels(8);
  private final BoundedLabels rejectReasons = new BoundedLabels(MAX_REASONS);
  private final BoundedLabels triageReasons = new BoundedLabels(MAX_REASONS);
  private final BoundedLabels dlqReasons = new BoundedLabels(MAX_REASONS);
  private final Counter related;
  private final Counter attached;
  private final Timer endToEnd;

  public TipMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.related = Counter.builder("tips.related").description("Related-tip notices appended on agency queues")
        .register(registry);
    this.attached = Counter.builder("tips.attached")
        .description("Files reported after their tip, appended on an agency queue or triage (not new tips)")
        .register(registry);
    this.endToEnd = Timer.builder("tips.end.to.end")
        .description("Receive time at the intake to append on an agency queue")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A raw tip was accepted by an intake of {@code channel}. */
  public void ingested(String channel) {
    counter("tips.ingested", "Raw tips written by the intakes", "channel", channels.of(channel)).increment();
  }

  /** An intake refused a submission of {@code channel} for {@code reason} (a code). */
  public void rejected(String channel, String reason) {
    counter("tips.rejected", "Submissions refused by an intake", "channel", channels.of(channel), "reason",
        rejectReasons.of(reason)).increment();
  }

  /** Normalise produced a canonical tip of {@code channel}. */
  public void normalised(String channel) {
    counter("tips.normalised", "Canonical tips written by normalise", "channel", channels.of(channel)).increment();
  }

  /** A tip was appended on {@code agency}'s queue with {@code role} (primary or copy). */
  public void routed(String agency, String role) {
    counter("tips.routed", "Tips appended on agency queues", "agency", agencies.of(agency), "role", roles.of(role))
        .increment();
  }

  /** An urgent tip was appended on {@code agency}'s urgent lane. */
  public void urgent(String agency) {
    counter("tips.urgent", "Tips appended on agency urgent lanes", "agency", agencies.of(agency)).increment();
  }

  /** A tip went to the triage queue for {@code reason} (a code such as NO_LOCATION). */
  public void triaged(String reason) {
    counter("tips.triaged", "Tips sent to the triage queue", "reason", triageReasons.of(reason)).increment();
  }

  /** A record was dead-lettered by {@code stage} for {@code reason} (a code). */
  public void deadLettered(String stage, String reason) {
    counter("tips.dlq", "Records written to a dead-letter topic", "stage", stages.of(stage), "reason",
        dlqReasons.of(reason)).increment();
  }

  /** A related-tip notice was appended on an agency queue. */
  public void related() {
    related.increment();
  }

  /** A file reported after its tip was appended on an agency queue or on triage. */
  public void attached() {
    attached.increment();
  }

  /** One tip's time from receipt to append on an agency queue; negative durations are ignored. */
  public void endToEnd(Duration latency) {
    if (!latency.isNegative()) {
      endToEnd.record(latency);
    }
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }
}
