package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.topics.TopicNames;

/**
 * {@code /metrics} of the operations port after tips flowed through the whole pipeline (real broker,
 * real registry, the demo directory): tips sent over the web, phone and CyberTipline intakes, some
 * placed in Knoxville (one of them urgent), some without a location, and one undecodable record on a
 * raw topic. Every expected count comes from what the test sent or from what the pipeline actually
 * wrote on its topics; none is a constant.
 */
class MetricsScrapeIT {

  private static final Path CYBERTIPLINE_REPORT = Path.of("../../config/samples/cybertipline/report-cell-phone.xml");
  private static final TopicNames TOPICS = TopicNames.defaults();
  private static final String KNOXVILLE = "{\"description\":\"%s\",\"location\":{\"city\":\"Knoxville\",\"state\":\"TN\","
      + "\"zip\":\"37902\"}%s}";
  private static final String PRIMARY = "knoxville-pd";
  private static final List<String> COPIES = List.of("tn-icac", "fbi-knoxville");

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withDemoDirectory();

  @Test
  void countsWhatFlowedByChannelAgencyReasonAndStageWithLatencyAndLag() throws Exception {
    IntakeClient intake = new IntakeClient(running.pipeline().intakePort());
    Map<Channel, Integer> sent = new HashMap<>();
    List<UUID> withoutLocation = new ArrayList<>();
    List<UUID> inKnoxville = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      withoutLocation.add(intake.web("{\"description\":\"a man in the park chat asked my son for photos " + i + "\"}"));
      inKnoxville.add(intake.web(KNOXVILLE.formatted("an adult messaging children near the school " + i, "")));
    }
    UUID urgent = intake.web(KNOXVILLE.formatted("a child is with a man who threatens her right now",
        ",\"childInImmediateDanger\":true"));
    sent.put(Channel.WEB, withoutLocation.size() + inKnoxville.size() + 1);
    withoutLocation.add(intake.phone("Caller reports a man offering children rides"));
    sent.put(Channel.PHONE, 1);
    intake.cybertipline(Files.readString(CYBERTIPLINE_REPORT));
    sent.put(Channel.CYBERTIPLINE, 1);
    sendUndecodableRawRecord();

    StagesCaughtUp.waitFor(running.clients(), TOPICS);
    Outputs outputs = Outputs.read();
    // the pipeline did what the inputs ask for (so the metrics below are about real routing)
    assertThat(outputs.triage).filteredOn(tip -> withoutLocation.contains(tip.getTipId()))
        .hasSize(withoutLocation.size())
        .allSatisfy(tip -> assertThat(tip.getDecision().getTriageReason()).isEqualTo("NO_LOCATION"));
    assertThat(outputs.queues.get(PRIMARY)).filteredOn(tip -> inKnoxville.contains(tip.getTipId()))
        .hasSize(inKnoxville.size()).allSatisfy(tip -> assertThat(tip.getRole().name()).isEqualTo("PRIMARY"));
    for (String copy : COPIES) {
      assertThat(outputs.queues.get(copy)).filteredOn(tip -> inKnoxville.contains(tip.getTipId()))
          .hasSize(inKnoxville.size()).allSatisfy(tip -> assertThat(tip.getRole().name()).isEqualTo("COPY"));
    }
    assertThat(outputs.urgentLanes.get(PRIMARY)).extracting(RoutedTip::getTipId).contains(urgent);

    await().atMost(ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      PrometheusText metrics = PrometheusText.parse(scrape());
      for (Channel channel : Channel.values()) {
        String label = channel.name().toLowerCase(Locale.ROOT);
        int count = sent.getOrDefault(channel, 0);
        assertThat(metrics.count("tips_ingested_total", "channel", label)).as("ingested " + label).isEqualTo(count);
        assertThat(metrics.count("tips_normalised_total", "channel", label)).as("normalised " + label).isEqualTo(count);
      }
      // label values are codes, lower-cased (BoundedLabels)
      assertThat(metrics.count("tips_dlq_total", "stage", "normalise", "reason", "undeserialisable"))
          .as("dead letters of the undecodable record").isEqualTo(1);
      assertThat(metrics.samples("tips_dlq_total").stream().mapToDouble(PrometheusText.Sample::value).sum())
          .as("dead letters in all").isEqualTo(1);

      outputs.triageByReason().forEach((reason, count) ->
          assertThat(metrics.count("tips_triaged_total", "reason", reason.toLowerCase(Locale.ROOT)))
              .as("triaged " + reason).isEqualTo(count.doubleValue()));
      assertThat(metrics.count("tips_triaged_total", "reason", "no_location")).as("triaged without location")
          .isGreaterThanOrEqualTo(withoutLocation.size());

      outputs.routedByAgencyAndRole().forEach((agencyRole, count) -> {
        String[] key = agencyRole.split("\\|");
        assertThat(metrics.count("tips_routed_total", "agency", key[0], "role", key[1])).as("routed " + agencyRole)
            .isEqualTo(count.doubleValue());
      });
      assertThat(metrics.samples("tips_routed_total").stream().mapToDouble(PrometheusText.Sample::value).sum())
          .as("routed in all").isEqualTo(outputs.routedTips());
      outputs.urgentByAgency().forEach((agency, count) ->
          assertThat(metrics.count("tips_urgent_total", "agency", agency)).as("urgent " + agency).isEqualTo(count.doubleValue()));
      assertThat(metrics.count("tips_urgent_total", "agency", PRIMARY)).as("urgent " + PRIMARY).isGreaterThanOrEqualTo(1);
      assertThat(metrics.count("tips_related_total")).as("related-tip notices").isEqualTo(outputs.relatedNotices());

      // one latency sample per routed tip; buckets cumulative up to +Inf = the count
      double count = metrics.count("tips_end_to_end_seconds_count");
      assertThat(count).as("latency samples").isEqualTo(outputs.routedTips());
      assertThat(metrics.count("tips_end_to_end_seconds_sum")).as("latency sum").isPositive();
      List<PrometheusText.Sample> buckets = metrics.samples("tips_end_to_end_seconds_bucket");
      assertThat(buckets).isNotEmpty();
      assertThat(metrics.count("tips_end_to_end_seconds_bucket", "le", "+Inf")).as("+Inf bucket").isEqualTo(count);
      double previous = 0;
      for (PrometheusText.Sample bucket : buckets.stream()
          .sorted((a, b) -> Double.compare(le(a), le(b))).toList()) {
        assertThat(bucket.value()).as("bucket le=" + bucket.labels().get("le")).isGreaterThanOrEqualTo(previous);
        previous = bucket.value();
      }

      // nobody reads the agency queues in this test: the lag is everything on them
      for (String agency : List.of(PRIMARY, COPIES.get(0), COPIES.get(1))) {
        int onQueue = outputs.queues.get(agency).size();
        assertThat(metrics.count("tips_agency_queue_depth", "agency", agency, "lane", "queue")).as("depth of " + agency)
            .isEqualTo(onQueue);
        assertThat(metrics.count("tips_agency_lag", "agency", agency, "lane", "queue")).as("lag of " + agency)
            .isEqualTo(onQueue);
        assertThat(metrics.count("tips_agency_lag", "agency", agency, "lane", "urgent")).as("urgent lag of " + agency)
            .isEqualTo(outputs.urgentLanes.get(agency).size());
      }
    });
  }

  private static double le(PrometheusText.Sample bucket) {
    String le = bucket.labels().get("le");
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  private static void sendUndecodableRawRecord() throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(running.clients().producer("e2e-garbage"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TOPICS.raw(Channel.WEB), "garbage".getBytes(StandardCharsets.UTF_8),
          "not an avro record".getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  private static String scrape() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.pipeline().opsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** What the pipeline wrote: every agency queue and urgent lane, and the triage queue. */
  private record Outputs(Map<String, List<RoutedTip>> queues, Map<String, List<RoutedTip>> urgentLanes,
      List<RoutedTip> triage) {

    static Outputs read() throws Exception {
      Map<String, List<RoutedTip>> queues = new TreeMap<>();
      Map<String, List<RoutedTip>> urgentLanes = new TreeMap<>();
      List<String> topics;
      try (Admin admin = Admin.create(running.clients().admin("e2e-topics"))) {
        topics = admin.listTopics().names().get().stream().sorted().toList();
      }
      for (String topic : topics) {
        TOPICS.agencyIdOf(topic).ifPresent(agency -> {
          List<RoutedTip> tips = readAll(topic);
          (topic.equals(TOPICS.agencyUrgentLane(agency)) ? urgentLanes : queues).put(agency, tips);
        });
      }
      return new Outputs(queues, urgentLanes, readAll(TOPICS.triage()));
    }

    Map<String, Long> triageByReason() {
      Map<String, Long> counts = new TreeMap<>();
      triage.forEach(tip -> counts.merge(tip.getDecision().getTriageReason(), 1L, Long::sum));
      return counts;
    }

    Map<String, Long> routedByAgencyAndRole() {
      Map<String, Long> counts = new TreeMap<>();
      queues.forEach((agency, tips) -> tips.stream().filter(tip -> tip.getKind() == RoutedTipKind.TIP)
          .forEach(tip -> counts.merge(agency + "|" + tip.getRole().name().toLowerCase(Locale.ROOT), 1L, Long::sum)));
      return counts;
    }

    long routedTips() {
      return routedByAgencyAndRole().values().stream().mapToLong(Long::longValue).sum();
    }

    long relatedNotices() {
      return queues.values().stream().flatMap(List::stream).filter(tip -> tip.getKind() == RoutedTipKind.RELATED_TIP)
          .count();
    }

    Map<String, Long> urgentByAgency() {
      Map<String, Long> counts = new TreeMap<>();
      urgentLanes.forEach((agency, tips) -> counts.put(agency,
          tips.stream().filter(tip -> tip.getKind() == RoutedTipKind.TIP).count()));
      return counts;
    }

    private static List<RoutedTip> readAll(String topic) {
      try {
        return TopicSnapshot.read(running.clients(), topic, new StringDeserializer(),
            running.serdes().value(RoutedTip.class).deserializer(),
            Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
      } catch (Exception e) {
        throw new AssertionError("Reading " + topic + " failed", e);
      }
    }
  }
}
