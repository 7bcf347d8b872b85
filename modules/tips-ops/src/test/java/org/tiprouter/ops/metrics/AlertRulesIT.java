package org.tiprouter.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.platform.EmbeddedKafka;

/**
 * {@code docs/alerts/tiprouter-alerts.yml} parses as Prometheus rules, every metric its expressions
 * name is one the project registers (every {@link TipMetrics} metric, and the gauges a real
 * {@link LagMonitor} measurement registers on a real broker), and every alert has its runbook
 * section in {@code docs/operations.md}.
 */
class AlertRulesIT {

  private static final Path RULES = Path.of("../../docs/alerts/tiprouter-alerts.yml");
  private static final Path RUNBOOK = Path.of("../../docs/operations.md");
  /** Metrics Prometheus itself provides for every scrape target. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");
  private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "by", "without", "rate",
      "increase", "delta", "changes", "histogram_quantile", "and", "or", "unless", "on", "ignoring", "bool", "offset",
      "abs", "absent", "deriv", "time");
  private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static List<JsonNode> rules() throws Exception {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    List<JsonNode> rules = new ArrayList<>();
    root.path("groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  /** The metric names an expression reads: identifiers outside label matchers, ranges, strings and groupings. */
  static Set<String> metricsIn(String expr) {
    String bare = GROUPING.matcher(expr.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
        .replaceAll("\"[^\"]*\"", " ")).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = IDENTIFIER.matcher(bare);
    while (matcher.find()) {
      String word = matcher.group();
      if (!PROMQL_WORDS.contains(word)) {
        names.add(word);
      }
    }
    return names;
  }

  /** Every metric name in a scrape (histograms with their _bucket/_count/_sum series). */
  private static Set<String> registered(String scrape) {
    Set<String> names = new TreeSet<>();
    scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
        .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
    return names;
  }

  @Test
  void everyRuleIsWellFormedAndHasARunbookSection() throws Exception {
    String runbook = Files.readString(RUNBOOK);
    List<JsonNode> rules = rules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
    for (JsonNode rule : rules) {
      String alert = rule.path("alert").asText();
      assertThat(alert).as("alert name").matches("Tiprouter[A-Za-z]+");
      assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
      assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("page", "ticket");
      assertThat(rule.path("annotations").path("runbook").asText()).as(alert)
          .isEqualTo("docs/operations.md#" + alert.toLowerCase());
      assertThat(runbook).as("runbook section for " + alert).contains("\n### " + alert + "\n");
    }
  }

  @Test
  void readsTheMetricNamesOfAnExpression() {
    assertThat(metricsIn("histogram_quantile(0.99, sum by (le) (rate(tips_end_to_end_seconds_bucket[10m]))) > 60"))
        .containsExactly("tips_end_to_end_seconds_bucket");
    assertThat(metricsIn("max by (agency) (tips_agency_lag{lane=\"urgent\"}) > 0 and up{job=~\"x.*\"} == 0"))
        .containsExactly("tips_agency_lag", "up");
  }

  @Test
  void everyMetricTheRulesNameIsRegisteredByTheProject() throws Exception {
    TopicNames names = TopicNames.defaults();
    KafkaClientConfigs clients = new KafkaClientConfigs(kafka.bootstrapServers(), Map.of());
    String scrape;
    try (OpsMetrics metrics = new OpsMetrics(); Admin admin = Admin.create(clients.admin("alert-rules-it"))) {
      TopicSettings settings = new TopicSettings(1, (short) -1, -1);
      new TopicProvisioner(admin, settings).ensure(new TopicCatalogue(names, settings).pipelineTopics());
      admin.createTopics(List.of(new NewTopic(names.agencyQueue("knoxville-pd"), 1, (short) 1),
          new NewTopic(names.agencyUrgentLane("knoxville-pd"), 1, (short) 1))).all().get();
      admin.alterConsumerGroupOffsets("knoxville-reader",
          Map.of(new TopicPartition(names.agencyQueue("knoxville-pd"), 0), new OffsetAndMetadata(0))).all().get();
      new LagMonitor(admin, names, metrics.registry(), Duration.ofSeconds(5), null).refresh();
      TipMetrics tips = metrics.tips();
      tips.ingested("web");
      tips.rejected("web", "VALIDATION_FAILED");
      tips.normalised("web");
      tips.routed("knoxville-pd", "primary");
      tips.urgent("knoxville-pd");
      tips.triaged("NO_LOCATION");
      tips.deadLettered("normalise", "TAMPERED");
      tips.related();
      tips.endToEnd(Duration.ofSeconds(1));
      scrape = metrics.scrape();
    }
    Set<String> registered = registered(scrape);
    assertThat(registered).contains("tips_agency_lag", "tips_consumer_group_lag", "tips_stage_lag", "tips_triage_lag");
    Set<String> named = new TreeSet<>();
    for (JsonNode rule : rules()) {
      named.addAll(metricsIn(rule.path("expr").asText()));
    }
    assertThat(named).containsExactlyInAnyOrder("tips_agency_lag", "tips_consumer_group_lag",
        "tips_end_to_end_seconds_bucket", "tips_stage_lag", "tips_triage_lag", "tips_dlq_total", "tips_rejected_total",
        "tips_ingested_total", "up");
    for (String metric : named) {
      assertThat(registered.contains(metric) || PROMETHEUS_OWN.contains(metric))
          .as("metric %s named by an alert is registered by the project", metric).isTrue();
    }
  }
}
