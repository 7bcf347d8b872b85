package org.tiprouter.route;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Agency;

/**
 * The {@link AgencyRoster} of the directory currently in route's global agencies store, rebuilt
 * once per change: the store's update processor calls {@link #changed()}, and the next tip reads
 * the store again. One instance per topology, shared by its threads; rosters are immutable.
 */
final class AgencyRosterCache {

  private static final Logger LOG = LoggerFactory.getLogger(AgencyRosterCache.class);

  private record Built(long changes, AgencyRoster roster) {}

  private final AtomicLong changes = new AtomicLong();
  private final Deserializer<Agency> agencies;
  private final String topic;
  private volatile Built built;

  AgencyRosterCache(Deserializer<Agency> agencies, String topic) {
    this.agencies = agencies;
    this.topic = topic;
  }

  /** The agencies store changed: the next tip reads it again. */
  void changed() {
    changes.incrementAndGet();
  }

  /** The roster for the store's current content ({@link AgencyRoster#UNKNOWN} when it is empty). */
  AgencyRoster roster(ReadOnlyKeyValueStore<String, byte[]> store) {
    long now = changes.get();
    Built current = built;
    if (current != null && current.changes() == now) {
      return current.roster();
    }
    synchronized (this) {
      current = built;
      if (current == null || current.changes() != now) {
        current = new Built(now, read(store));
        built = current;
      }
      return current.roster();
    }
  }

  private AgencyRoster read(ReadOnlyKeyValueStore<String, byte[]> store) {
    Set<String> ids = new HashSet<>();
    Optional<String> triage = Optional.empty();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        Agency agency = decode(entry.key, entry.value);
        if (agency != null) {
          ids.add(agency.getAgencyId());
          if (agency.getTriage() && triage.map(id -> agency.getAgencyId().compareTo(id) < 0).orElse(true)) {
            triage = Optional.of(agency.getAgencyId());
          }
        }
      }
    }
    if (ids.isEmpty()) {
      LOG.warn("No agency directory on {}: route does not check for removed agencies", topic);
      return AgencyRoster.UNKNOWN;
    }
    LOG.info("Route uses the agency directory on {}: {} agencies, triage agency {}", topic, ids.size(),
        triage.orElse("(none)"));
    return new AgencyRoster(true, ids, triage);
  }

  private Agency decode(String key, byte[] value) {
    if (key == null || value == null) {
      return null;
    }
    try {
      Agency agency = agencies.deserialize(topic, value);
      if (agency == null || !key.equals(agency.getAgencyId())) {
        LOG.warn("Ignoring agency record under key {} on {}: its agencyId differs from the key", key, topic);
        return null;
      }
      return agency;
    } catch (RuntimeException e) {
      LOG.warn("Ignoring undecodable agency record under key {} on {}: {}", key, topic, e.getClass().getName());
      return null;
    }
  }
}
