package org.tiprouter.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.resolver.JurisdictionResolver;
import org.tiprouter.classify.resolver.LocationPlacer;
import org.tiprouter.contract.Agency;

/**
 * The resolver for the directory currently in the agencies table, built once per change of the
 * table: the table's update processor calls {@link #changed()}, and the next tip rebuilds the
 * directory (its polygon index included) from the table. One instance per topology, shared by
 * its tasks; the built resolver is immutable.
 */
final class AgencyDirectoryCache {

  private static final Logger LOG = LoggerFactory.getLogger(AgencyDirectoryCache.class);

  private record Built(long changes, JurisdictionResolver resolver) {}

  private final AtomicLong changes = new AtomicLong();
  private final LocationPlacer placer;
  private final String fallbackTriageAgency;
  private final Deserializer<Agency> agencies;
  private final String topic;
  private volatile Built built;

  AgencyDirectoryCache(LocationPlacer placer, String fallbackTriageAgency, Deserializer<Agency> agencies, String topic) {
    this.placer = placer;
    this.fallbackTriageAgency = fallbackTriageAgency;
    this.agencies = agencies;
    this.topic = topic;
  }

  /** The agencies table changed: the next tip rebuilds the directory. */
  void changed() {
    changes.incrementAndGet();
  }

  /** The resolver for the table's current content (null directory when the table is empty). */
  JurisdictionResolver resolver(ReadOnlyKeyValueStore<String, byte[]> table) {
    long now = changes.get();
    Built current = built;
    if (current != null && current.changes() == now) {
      return current.resolver();
    }
    synchronized (this) {
      current = built;
      if (current != null && current.changes() == now) {
        return current.resolver();
      }
      AgencyDirectory directory = read(table);
      JurisdictionResolver resolver = new JurisdictionResolver(directory, placer, fallbackTriageAgency);
      built = new Built(now, resolver);
      return resolver;
    }
  }

  private AgencyDirectory read(ReadOnlyKeyValueStore<String, byte[]> table) {
    List<Agency> records = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = table.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        Agency agency = decode(entry.key, entry.value);
        if (agency != null) {
          records.add(agency);
        }
      }
    }
    if (records.isEmpty()) {
      LOG.warn("No agency directory on {}: every tip goes to {} as NO_DIRECTORY", topic, fallbackTriageAgency);
      return null;
    }
    AgencyDirectory.FromRecords result = AgencyDirectory.fromRecords(records);
    result.problems().forEach(problem -> LOG.warn("Agency directory on {}: {}", topic, problem));
    AgencyDirectory directory = result.directory();
    if (directory.triage().isEmpty()) {
      LOG.warn("Agency directory {} names no triage agency: unplaceable tips go to {}", directory.version(),
          fallbackTriageAgency);
    }
    LOG.info("Agency directory {} in use: {} agencies", directory.version(), directory.agencies().size());
    return directory;
  }

  private Agency decode(String key, byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      Agency agency = agencies.deserialize(topic, value);
      if (agency == null || !agency.getAgencyId().equals(key)) {
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
