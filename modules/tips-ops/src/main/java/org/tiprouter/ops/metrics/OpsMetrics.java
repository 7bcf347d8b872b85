package org.tiprouter.ops.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One process's metrics: a Prometheus registry with the JVM and process metrics, the Kafka
 * Streams metrics of every bound stage, and the project's {@link TipMetrics}. {@link #scrape()}
 * gives the Prometheus text the operations server serves on {@code /metrics}.
 */
public final class OpsMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TipMetrics tips = new TipMetrics(registry);
  private final List<AutoCloseable> binders = new CopyOnWriteArrayList<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public OpsMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Binds a stage's Kafka Streams (and its clients') metrics, tagged {@code stage=<name>}. */
  public OpsMetrics bindStreams(String stage, KafkaStreams streams) {
    KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.of("stage", stage));
    binder.bindTo(registry);
    binders.add(binder);
    return this;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public TipMetrics tips() {
    return tips;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception ignored) {
        // closing a metrics binder must not stop a shutdown
      }
    }
    gc.close();
    registry.close();
  }
}
