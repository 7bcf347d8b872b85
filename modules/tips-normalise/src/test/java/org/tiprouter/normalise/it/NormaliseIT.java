package org.tiprouter.normalise.it;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.DeadLetter;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.kafka.ConsumerGroupLag;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.kafka.TopicSnapshot;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.serde.ContractTypes;
import org.tiprouter.core.serde.SchemaRegistrar;
import org.tiprouter.core.streams.StreamStageConfig;
import org.tiprouter.core.streams.StreamStageRunner;
import org.tiprouter.core.topics.TopicCatalogue;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.core.topics.TopicProvisioner;
import org.tiprouter.core.topics.TopicSettings;
import org.tiprouter.normalise.NormaliseApp;
import org.tiprouter.normalise.NormaliseConfig;
import org.tiprouter.platform.EmbeddedPlatform;
import org.tiprouter.platform.PlatformSettings;

/**
 * The normalise stage alone on the real broker and registry: a mix of good and bad raw records
 * on every channel yields exactly the expected tips and dead letters, read read_committed.
 */
class NormaliseIT {

  private static final TopicNames TOPICS = TopicNames.defaults();

  @TempDir
  static Path stateDir;

  private static EmbeddedPlatform platform;
  private static StreamStageRunner normalise;
  private static KafkaClientConfigs clients;
  private static ContractSerdes serdes;

  @BeforeAll
  static void start() {
    platform = EmbeddedPlatform.start(PlatformSettings.defaults());
    clients = new KafkaClientConfigs(platform.bootstrapServers(), Map.of());
    try (Admin admin = Admin.create(clients.admin("normalise-it"))) {
      new TopicProvisioner(admin, TopicSettings.brokerDefaults())
          .ensure(new TopicCatalogue(TOPICS, TopicSettings.brokerDefaults()).pipelineTopics());
    }
    new SchemaRegistrar(platform.registryUrl()).registerAll(ContractTypes.schemas());
    serdes = ContractSerdes.registry(platform.registryUrl(), Map.of());
    Map<String, Object> settings = new HashMap<>();
    settings.put(NormaliseConfig.BOOTSTRAP_SERVERS, platform.bootstrapServers());
    settings.put(NormaliseConfig.REGISTRY_URL, platform.registryUrl());
    settings.put(StreamStageConfig.STATE_DIR, stateDir.toString());
    normalise = NormaliseApp.create(new NormaliseConfig(settings), serdes);
    normalise.start();
    await().atMost(ofSeconds(60)).until(normalise::isRunning);
  }

  @AfterAll
  static void stop() {
    if (normalise != null) {
      normalise.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aMixOfGoodAndBadRawRecordsYieldsExactlyTheExpectedTipsAndDeadLetters() throws Exception {
    RawTip web = raw(Channel.WEB, "application/json", "{\"description\":\"a stranger asked my daughter for photos\","
        + "\"location\":{\"zip\":\"37902-1234\",\"state\":\"TN\"}}");
    RawTip phone = raw(Channel.PHONE, "application/json", "{\"description\":\"caller saw a suspicious chat\","
        + "\"call\":{\"callId\":\"it-call-1\",\"callerNumber\":\"(865) 555-0142\",\"callStartedAt\":\"2025-03-13T10:00:00Z\"}}");
    RawTip webAgain = RawTip.newBuilder(web).setTipId(UUID.randomUUID()).build();
    RawTip invalidWeb = raw(Channel.WEB, "application/json", "{\"description\":\"\"}");
    RawTip tampered = RawTip.newBuilder(raw(Channel.PHONE, "application/json", "{\"x\":1}"))
        .setPayloadSha256(Sha256.hex(new byte[] {9})).build();
    RawTip notXml = raw(Channel.CYBERTIPLINE, "text/xml", "this is not xml");

    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer("normalise-it"),
        new ByteArraySerializer(), new ByteArraySerializer())) {
      for (RawTip tip : List.of(web, phone, webAgain, invalidWeb, tampered, notXml)) {
        String topic = TOPICS.raw(tip.getChannel());
        producer.send(new ProducerRecord<>(topic, tip.getTipId().toString().getBytes(StandardCharsets.UTF_8),
            serdes.value(RawTip.class).serializer().serialize(topic, tip))).get();
      }
      producer.send(new ProducerRecord<>(TOPICS.raw(Channel.WEB), null, "garbage".getBytes(StandardCharsets.UTF_8))).get();
    }
    try (Admin admin = Admin.create(clients.admin("normalise-it-lag"))) {
      await().atMost(ofSeconds(90)).untilAsserted(() -> assertThat(ConsumerGroupLag.of(admin,
          Stage.NORMALISE.applicationId(), List.of(TOPICS.raw(Channel.WEB), TOPICS.raw(Channel.PHONE),
              TOPICS.raw(Channel.CYBERTIPLINE)))).isZero());
    }

    List<Tip> tips = TopicSnapshot.read(clients, TOPICS.normalised(), new StringDeserializer(),
        serdes.value(Tip.class).deserializer(), Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    assertThat(tips).extracting(Tip::getTipId).containsExactlyInAnyOrder(web.getTipId(), phone.getTipId());
    Tip webTip = tips.stream().filter(tip -> tip.getTipId().equals(web.getTipId())).findFirst().orElseThrow();
    assertThat(webTip.getLocations()).anySatisfy(location -> {
      assertThat(location.getZip()).isEqualTo("37902");
      assertThat(location.getState()).isEqualTo("TN");
    });
    assertThat(webTip.getProvenance().getPayloadSha256()).isEqualTo(web.getPayloadSha256());

    List<DeadLetter> letters = TopicSnapshot.read(clients, TOPICS.deadLetters(Stage.NORMALISE), new StringDeserializer(),
        serdes.value(DeadLetter.class).deserializer(), Duration.ofSeconds(30)).stream().map(ConsumerRecord::value).toList();
    assertThat(letters).extracting(DeadLetter::getReasonCode)
        .containsExactlyInAnyOrder("VALIDATION_FAILED", "TAMPERED", "PARSE_REJECTED", "UNDESERIALISABLE");
  }

  private static RawTip raw(Channel channel, String contentType, String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return RawTip.newBuilder().setTipId(UUID.randomUUID()).setChannel(channel).setReceivedAt(Instant.now())
        .setContentType(contentType).setPayload(ByteBuffer.wrap(bytes)).setPayloadSha256(Sha256.hex(bytes))
        .setExternalId(null).setSource("normalise-it").setAttributes(Map.of()).build();
  }
}
