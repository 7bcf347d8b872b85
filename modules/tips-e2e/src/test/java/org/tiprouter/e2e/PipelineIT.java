package org.tiprouter.e2e;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.topics.TopicNames;

/**
 * The pipeline end to end, on the real broker and the real registry, with the demo agency
 * directory loaded: a raw tip without a location arrives exactly once on the triage queue (the
 * directory's triage agency, reason NO_LOCATION), read {@code read_committed}, with an unbroken chain
 * of custody; bad input lands in the dead-letter topic and does not stop the pipeline.
 */
class PipelineIT {

  private static final String AGENCY = "national-triage";
  /** Where tips without a location go: the triage queue, addressed to the directory's triage agency. */
  private static final String QUEUE = TopicNames.defaults().triage();
  private static final TopicNames TOPICS = TopicNames.defaults();

  @RegisterExtension
  static final PipelineOnPlatform running = PipelineOnPlatform.withDemoDirectory();

  @Test
  void aRawTipWithoutLocationArrivesExactlyOnceOnTheTriageQueueWithAnUnbrokenChainOfCustody() throws Exception {
    RawTip raw = rawTip("{\"description\":\"walking skeleton\"}");
    try (RawTipPublisher publisher = new RawTipPublisher(running.clients(), "e2e", running.serdes(), TOPICS,
        Duration.ofSeconds(30))) {
      publisher.publish(raw, Duration.ofSeconds(30));
    }
    awaitStagesCaughtUp();

    List<RoutedTip> routed = readAll(QUEUE, running.serdes().value(RoutedTip.class).deserializer())
        .stream().filter(tip -> tip.getTipId().equals(raw.getTipId())).toList();
    assertThat(routed).hasSize(1);
    RoutedTip tip = routed.get(0);
    assertThat(tip.getAgencyId()).isEqualTo(AGENCY);
    assertThat(tip.getDecision().getTriageReason()).isEqualTo("NO_LOCATION");
    assertThat(tip.getDecision().getDirectoryVersion()).startsWith("1+sha256:");
    assertThat(tip.getTip().getProvenance().getPayloadSha256()).isEqualTo(raw.getPayloadSha256());
    assertThat(tip.getTip().getProvenance().getRawTopic()).isEqualTo(TOPICS.raw(Channel.WEB));

    List<AuditEvent> trail = readAll(TOPICS.audit(), running.serdes().value(AuditEvent.class).deserializer())
        .stream().filter(event -> event.getTipId().equals(raw.getTipId())).toList();
    assertThat(trail).extracting(AuditEvent::getType).containsExactly(AuditEventType.RECEIVED,
        AuditEventType.NORMALISED, AuditEventType.CLASSIFIED, AuditEventType.TRIAGED);
    assertThat(trail.get(0).getPreviousEventHash()).isNull();
    for (int i = 1; i < trail.size(); i++) {
      assertThat(trail.get(i).getPreviousEventHash()).isEqualTo(AuditTrail.hash(trail.get(i - 1)));
    }
    assertThat(tip.getAuditHead()).isEqualTo(AuditTrail.hash(trail.get(trail.size() - 1)));
  }

  @Test
  void aTipPostedToTheWebIntakeReachesTheTriageQueue() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.pipeline().intakePort() + "/api/v1/tips"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"posted through the intake\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);
    UUID tipId = UUID.fromString(response.body().replaceAll(".*\"tipId\":\"([0-9a-f-]{36})\".*", "$1"));

    awaitStagesCaughtUp();
    assertThat(readAll(QUEUE, running.serdes().value(RoutedTip.class).deserializer()))
        .filteredOn(tip -> tip.getTipId().equals(tipId)).hasSize(1);
  }

  @Test
  void badInputGoesToTheDeadLetterTopicAndTheNextTipStillArrives() throws Exception {
    byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
    RawTip tampered = RawTip.newBuilder(rawTip("{\"description\":\"original\"}"))
        .setPayload(ByteBuffer.wrap("{\"description\":\"altered\"}".getBytes(StandardCharsets.UTF_8))).build();
    RawTip good = rawTip("{\"description\":\"after the bad ones\"}");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(running.clients().producer("e2e-raw"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      String topic = TOPICS.raw(Channel.WEB);
      producer.send(new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8), garbage)).get();
      producer.send(new ProducerRecord<>(topic, key(tampered),
          running.serdes().value(RawTip.class).serializer().serialize(topic, tampered))).get();
      producer.send(new ProducerRecord<>(topic, key(good),
          running.serdes().value(RawTip.class).serializer().serialize(topic, good))).get();
    }
    awaitStagesCaughtUp();

    List<DeadLetter> letters = readAll(TOPICS.deadLetters(Stage.NORMALISE),
        running.serdes().value(DeadLetter.class).deserializer());
    assertThat(letters).filteredOn(letter -> "UNDESERIALISABLE".equals(letter.getReasonCode()))
        .anySatisfy(letter -> assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage)));
    assertThat(letters).filteredOn(letter -> tampered.getTipId().equals(letter.getTipId()))
        .extracting(DeadLetter::getReasonCode).containsExactly("TAMPERED");
    List<RoutedTip> routed = readAll(QUEUE, running.serdes().value(RoutedTip.class).deserializer());
    assertThat(routed).filteredOn(tip -> tip.getTipId().equals(good.getTipId())).hasSize(1);
    assertThat(routed).noneMatch(tip -> tip.getTipId().equals(tampered.getTipId()));
  }

  @Test
  void theSamePayloadSentTwiceIsDeliveredOnceAndTheSecondIsAuditedAsADuplicate() throws Exception {
    RawTip first = rawTip("{\"description\":\"sent twice by a worried parent\"}");
    RawTip second = RawTip.newBuilder(first).setTipId(UUID.randomUUID()).build();
    try (RawTipPublisher publisher = new RawTipPublisher(running.clients(), "e2e-dup", running.serdes(), TOPICS,
        Duration.ofSeconds(30))) {
      publisher.publish(first, Duration.ofSeconds(30));
      publisher.publish(second, Duration.ofSeconds(30));
    }
    awaitStagesCaughtUp();

    List<RoutedTip> routed = readAll(QUEUE, running.serdes().value(RoutedTip.class).deserializer());
    assertThat(routed).filteredOn(tip -> tip.getTipId().equals(first.getTipId())).hasSize(1);
    assertThat(routed).noneMatch(tip -> tip.getTipId().equals(second.getTipId()));
    assertThat(readAll(TOPICS.audit(), running.serdes().value(AuditEvent.class).deserializer()))
        .filteredOn(event -> event.getTipId().equals(second.getTipId()))
        .extracting(AuditEvent::getType, AuditEvent::getRelatedTipId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEventType.RECEIVED, null),
            org.assertj.core.groups.Tuple.tuple(AuditEventType.DUPLICATE, first.getTipId()));
  }

  @Test
  void aTipPlacedInKnoxvilleReachesKnoxvillePoliceWithCopiesToTheTaskForceAndTheFbi() throws Exception {
    UUID tipId = UUID.randomUUID();
    Tip tip = Tip.newBuilder(ContractFixtures.tip()).setTipId(tipId).setChannel(Channel.WEB).setReporter(null)
        .setLocations(List.of(Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.ZIP)
            .setZip("37902").build()))
        .build();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(running.clients().producer("e2e-normalised"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      String topic = TOPICS.normalised();
      producer.send(new ProducerRecord<>(topic, tipId.toString().getBytes(StandardCharsets.UTF_8),
          running.serdes().value(Tip.class).serializer().serialize(topic, tip))).get();
    }
    awaitStagesCaughtUp();

    for (String agency : List.of("knoxville-pd", "tn-icac", "fbi-knoxville")) {
      assertThat(readAll(TOPICS.agencyQueue(agency), running.serdes().value(RoutedTip.class).deserializer()))
          .filteredOn(routed -> routed.getTipId().equals(tipId)).singleElement()
          .satisfies(routed -> assertThat(routed.getDecision().getPrimaryAgencyId()).isEqualTo("knoxville-pd"));
    }
  }

  private static byte[] key(RawTip tip) {
    return tip.getTipId().toString().getBytes(StandardCharsets.UTF_8);
  }

  private static RawTip rawTip(String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return RawTip.newBuilder().setTipId(UUID.randomUUID()).setChannel(Channel.WEB).setReceivedAt(Instant.now())
        .setContentType("application/json").setPayload(ByteBuffer.wrap(payload)).setPayloadSha256(Sha256.hex(payload))
        .setExternalId(null).setSource("e2e-test").setAttributes(Map.of()).build();
  }

  private static void awaitStagesCaughtUp() {
    StagesCaughtUp.waitFor(running.clients(), TOPICS);
  }

  /** Every committed record on {@code topic}, from the beginning. */
  private static <T> List<T> readAll(String topic, Deserializer<T> deserializer) throws Exception {
    return TopicSnapshot.read(running.clients(), topic, new StringDeserializer(), deserializer, Duration.ofSeconds(30))
        .stream().map(ConsumerRecord::value).toList();
  }
}
