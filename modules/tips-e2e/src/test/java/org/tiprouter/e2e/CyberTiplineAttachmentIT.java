package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tiprouter.app.Tiprouter;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.topics.TopicNames;

/**
 * A CyberTipline report and, after it, one of its files, end to end on the real broker and
 * registry with the demo directory: the report is routed, the fileDetails sent to
 * {@code /cybertipline/fileinfo} reaches every agency holding the tip as an ATTACHMENT (file facts,
 * never the file), sending it again changes nothing, and the tip's chain of custody stays one
 * linear chain that {@code tiprouter audit verify} accepts.
 */
class CyberTiplineAttachmentIT {

  private static final Path SAMPLES = Path.of("../../config/samples/cybertipline");
  private static final TopicNames TOPICS = TopicNames.defaults();

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withDemoDirectory();

  @Test
  void fileDetailsSentAfterTheReportReachEveryAgencyHoldingTheTipOnOneLinearChain() throws Exception {
    HttpResponse<String> report = post("/cybertipline/submit", SAMPLES.resolve("report-chat-sextortion.xml"));
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    String reportId = report.body().replaceAll("(?s).*<reportId>([0-9]+)</reportId>.*", "$1");
    UUID tipId = tipOfReport(reportId);
    List<RoutedTip> tips = await().atMost(ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> holdingRecords(tipId, RoutedTipKind.TIP), records -> !records.isEmpty());

    Path fileDetails = SAMPLES.resolve("report-chat-sextortion.file-details.xml");
    assertThat(Files.readString(fileDetails)).contains("<reportId>" + reportId + "</reportId>");
    HttpResponse<String> attached = post("/cybertipline/fileinfo", fileDetails);
    HttpResponse<String> again = post("/cybertipline/fileinfo", fileDetails);
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(attached.body());

    List<RoutedTip> attachments = await().atMost(ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> holdingRecords(tipId, RoutedTipKind.ATTACHMENT), records -> records.size() >= tips.size());
    assertThat(attachments).extracting(RoutedTip::getAgencyId)
        .containsExactlyInAnyOrderElementsOf(tips.stream().map(RoutedTip::getAgencyId).toList());
    for (RoutedTip attachment : attachments) {
      RoutedTip tip = tips.stream().filter(t -> t.getAgencyId().equals(attachment.getAgencyId())).findFirst()
          .orElseThrow();
      assertThat(attachment.getRole()).isEqualTo(tip.getRole());
      assertThat(attachment.getTip()).isNull();
      assertThat(attachment.getAttachment().getReportExternalId().getValue()).isEqualTo(reportId);
      assertThat(attachment.getAttachment().getAttachment().getFileId()).isEqualTo("f-0001");
      assertThat(attachment.getAttachment().getAttachment().getViewedByEsp()).isTrue();
      assertThat(attachment.getAttachment().getAttachment().getPubliclyAvailable()).isFalse();
      assertThat(attachment.getAttachment().getAttachment().getHashes()).isNotEmpty();
    }

    List<AuditEvent> trail = TopicSnapshot.read(running.clients(), TOPICS.audit(), new StringDeserializer(),
            running.serdes().value(AuditEvent.class).deserializer(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value).filter(event -> event.getTipId().equals(tipId)).toList();
    assertThat(trail).extracting(AuditEvent::getType).startsWith(AuditEventType.RECEIVED, AuditEventType.NORMALISED,
        AuditEventType.CLASSIFIED);
    assertThat(trail).filteredOn(event -> event.getType() == AuditEventType.ATTACHED).hasSameSizeAs(tips);
    assertThat(trail.get(trail.size() - 1).getType()).isEqualTo(AuditEventType.ATTACHED);
    assertThat(trail).filteredOn(event -> event.getPreviousEventHash() == null).hasSize(1);
    for (int i = 1; i < trail.size(); i++) {
      assertThat(trail.get(i).getPreviousEventHash()).isEqualTo(AuditTrail.hash(trail.get(i - 1)));
    }
    StringWriter out = new StringWriter();
    int code = Tiprouter.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "audit",
        "verify", "--tip", tipId.toString(), "--bootstrap-server", running.platform().bootstrapServers(),
            "--registry-url",
        running.platform().registryUrl());
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString()).contains("intact");

    List<RawTip> stored = TopicSnapshot.read(running.clients(), TOPICS.raw(Channel.CYBERTIPLINE),
        new StringDeserializer(),
            running.serdes().value(RawTip.class).deserializer(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value).filter(raw -> raw.getTipId().equals(tipId)).toList();
    assertThat(stored).extracting(raw -> raw.getAttributes().get("document"))
        .containsExactly("report", "fileDetails");
  }

  /** The tip id the intake gave the report (the key of its raw record). */
  private static UUID tipOfReport(String reportId) throws Exception {
    return TopicSnapshot.read(running.clients(), TOPICS.raw(Channel.CYBERTIPLINE), new StringDeserializer(),
            running.serdes().value(RawTip.class).deserializer(), Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value).filter(raw -> reportId.equals(raw.getExternalId()))
        .map(RawTip::getTipId).findFirst().orElseThrow();
  }

  /**
   * The {@code kind} records about {@code tipId} on the queues of the agencies the audit trail says
   * it was routed to, and on triage (queue copies only: the urgent lane repeats them).
   */
  private static List<RoutedTip> holdingRecords(UUID tipId, RoutedTipKind kind) throws Exception {
    List<String> topics = new ArrayList<>(List.of(TOPICS.triage()));
    TopicSnapshot.read(running.clients(), TOPICS.audit(), new StringDeserializer(),
        running.serdes().value(AuditEvent.class).deserializer(),
            Duration.ofSeconds(30)).stream()
        .map(ConsumerRecord::value)
        .filter(event -> event.getTipId().equals(tipId) && event.getType() == AuditEventType.ROUTED)
        .map(event -> TOPICS.agencyQueue(event.getAgencyId())).distinct().forEach(topics::add);
    List<RoutedTip> records = new ArrayList<>();
    for (String topic : topics) {
      TopicSnapshot.read(running.clients(), topic, new StringDeserializer(),
          running.serdes().value(RoutedTip.class).deserializer(),
              Duration.ofSeconds(30)).stream()
          .map(ConsumerRecord::value)
          .filter(routed -> routed.getTipId().equals(tipId) && routed.getKind() == kind)
          .forEach(records::add);
    }
    return records;
  }

  private static HttpResponse<String> post(String path, Path document) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.pipeline().intakePort() + path))
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofFile(document)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
