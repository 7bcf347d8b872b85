package org.tiprouter.route;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.kafka.KafkaClientConfigs;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.platform.EmbeddedKafka;

/** {@link AdminAgencyQueues} against the real in-JVM broker: cached listings, re-checked on a miss. */
class AdminAgencyQueuesIT {

  private static final TopicNames TOPICS = TopicNames.defaults();

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    admin = Admin.create(new KafkaClientConfigs(kafka.bootstrapServers(), Map.of()).admin("queues-it"));
    create(TOPICS.agencyQueue("knoxville-pd"));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void tellsAnExistingQueueFromAMissingOne() {
    AdminAgencyQueues queues = new AdminAgencyQueues(admin, Duration.ofSeconds(5));

    assertThat(queues.exists(TOPICS.agencyQueue("knoxville-pd"))).isTrue();
    assertThat(queues.exists(TOPICS.agencyQueue("memphis-pd"))).isFalse();
  }

  @Test
  void findsAQueueCreatedAfterAMissWithoutWaitingForTheListingToExpire() throws Exception {
    AdminAgencyQueues queues = new AdminAgencyQueues(admin, Duration.ofHours(1));
    String queue = TOPICS.agencyQueue("fbi-knoxville");
    assertThat(queues.exists(queue)).isFalse();

    create(queue);

    await().atMost(ofSeconds(10)).until(() -> queues.exists(queue));
  }

  @Test
  void trustsAFreshListingForAQueueDeletedSinceAndNoticesOnceTheListingExpired() throws Exception {
    AtomicLong nanos = new AtomicLong();
    AdminAgencyQueues queues = new AdminAgencyQueues(admin, Duration.ofSeconds(5), nanos::get);
    String queue = TOPICS.agencyQueue("shelby-county-so");
    create(queue);
    await().atMost(ofSeconds(10)).until(() -> {
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());
      return queues.exists(queue);
    });

    admin.deleteTopics(List.of(queue)).all().get();
    assertThat(queues.exists(queue)).as("within the listing's age").isTrue();

    await().atMost(ofSeconds(10)).until(() -> {
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());
      return !queues.exists(queue);
    });
  }

  @Test
  void failsRatherThanGuessWhenTheClusterCannotBeAsked() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Admin unreachable = Admin.create(new KafkaClientConfigs("127.0.0.1:" + closedPort,
        Map.of("default.api.timeout.ms", 2_000, "request.timeout.ms", 1_000)).admin("queues-it-down"))) {
      AdminAgencyQueues queues = new AdminAgencyQueues(unreachable, Duration.ofSeconds(5));

      assertThatThrownBy(() -> queues.exists(TOPICS.agencyQueue("knoxville-pd")))
          .isInstanceOf(AgencyQueues.CheckFailed.class)
          .hasMessageContaining(TOPICS.agencyQueue("knoxville-pd"));
    }
  }

  private static void create(String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
  }
}
