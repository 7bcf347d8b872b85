package org.tiprouter.core.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a {@link TopicCatalogue} that do not exist yet. Idempotent: existing
 * topics are left as they are and reported, so a second run creates nothing.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;
  private final TopicSettings settings;

  public TopicProvisioner(Admin admin, TopicSettings settings) {
    this.admin = admin;
    this.settings = settings;
  }

  /** What a run did. */
  public record Result(List<String> created, List<String> existing) {
    public Result {
      created = List.copyOf(created);
      existing = List.copyOf(existing);
    }
  }

  /** Creates every topic in {@code specs} that is missing. */
  public Result ensure(Collection<TopicSpec> specs) {
    try {
      Set<String> present = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      List<String> existing = new ArrayList<>();
      for (TopicSpec spec : specs) {
        if (present.contains(spec.name())) {
          existing.add(spec.name());
        } else {
          missing.add(new NewTopic(spec.name(), java.util.Optional.of(spec.partitions()),
              settings.replication()).configs(spec.configs()));
        }
      }
      List<String> created = new ArrayList<>();
      if (!missing.isEmpty()) {
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(missing).values();
        for (Map.Entry<String, KafkaFuture<Void>> entry : futures.entrySet()) {
          try {
            entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            created.add(entry.getKey());
            LOG.info("Created topic {}", entry.getKey());
          } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
              existing.add(entry.getKey());
            } else {
              throw new IllegalStateException("Could not create topic " + entry.getKey() + ": "
                  + e.getCause().getMessage(), e.getCause());
            }
          }
        }
      }
      return new Result(created, existing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Could not list topics: " + e.getMessage(), e);
    }
  }
}
