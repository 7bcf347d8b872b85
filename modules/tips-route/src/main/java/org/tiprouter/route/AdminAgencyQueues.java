package org.tiprouter.route;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AgencyQueues} from the cluster's topic list ({@code Admin.listTopics}), fetched at most
 * every {@code maxAge}: a topic in a fresh list exists; a topic missing from the list is
 * re-checked with a new list at once (at most once per {@link #MISS_RECHECK}), so a queue created
 * a moment ago is found. A listing that fails (after the admin client's
 * {@code default.api.timeout.ms}) is an {@link CheckFailed}, unless the topic was in the last
 * listing. The admin client belongs to the caller. The route principal needs DESCRIBE on the
 * agency topics, or they look missing.
 */
public final class AdminAgencyQueues implements AgencyQueues {

  /** A missing topic is re-checked at most this often. */
  static final Duration MISS_RECHECK = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(AdminAgencyQueues.class);

  private record Listing(Set<String> topics, long fetchedAtNanos) {}

  private final Admin admin;
  private final long maxAgeNanos;
  private final long missRecheckNanos;
  private final LongSupplier nanoTime;
  private volatile Listing listing;

  public AdminAgencyQueues(Admin admin, Duration maxAge) {
    this(admin, maxAge, System::nanoTime);
  }

  AdminAgencyQueues(Admin admin, Duration maxAge, LongSupplier nanoTime) {
    this.admin = admin;
    this.maxAgeNanos = maxAge.toNanos();
    this.missRecheckNanos = Math.min(maxAge.toNanos(), MISS_RECHECK.toNanos());
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean exists(String topic) {
    Listing current = listing;
    long now = nanoTime.getAsLong();
    if (current != null) {
      long age = now - current.fetchedAtNanos();
      boolean listed = current.topics().contains(topic);
      if (listed && age < maxAgeNanos || !listed && age < missRecheckNanos) {
        return listed;
      }
    }
    return refresh(current, topic).topics().contains(topic);
  }

  private synchronized Listing refresh(Listing seen, String topic) {
    if (listing != seen) {
      return listing;
    }
    try {
      Set<String> names = admin.listTopics().names().get();
      listing = new Listing(Set.copyOf(names), nanoTime.getAsLong());
      return listing;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckFailed("Interrupted while listing topics to check " + topic, e);
    } catch (ExecutionException | RuntimeException e) {
      if (seen != null && seen.topics().contains(topic)) {
        LOG.warn("Listing topics failed ({}); {} existed at the last listing", e.getClass().getSimpleName(), topic);
        return seen;
      }
      throw new CheckFailed("Could not list topics to check whether " + topic + " exists", e);
    }
  }
}
