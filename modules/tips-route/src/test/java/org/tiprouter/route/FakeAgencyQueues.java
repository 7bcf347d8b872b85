package org.tiprouter.route;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tiprouter.core.topics.TopicNames;

/** The topics a test says exist; the topology asks before every write to an agency topic. */
final class FakeAgencyQueues implements AgencyQueues {

  private final TopicNames topics;
  private final Set<String> existing = ConcurrentHashMap.newKeySet();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();

  FakeAgencyQueues(TopicNames topics) {
    this.topics = topics;
  }

  /** Creates the queue and urgent lane of each agency. */
  FakeAgencyQueues withAgencies(String... agencyIds) {
    for (String agencyId : agencyIds) {
      existing.add(topics.agencyQueue(agencyId));
      existing.add(topics.agencyUrgentLane(agencyId));
    }
    return this;
  }

  void delete(String topic) {
    existing.remove(topic);
  }

  /** Every topic the topology asked about. */
  Set<String> asked() {
    return Set.copyOf(asked);
  }

  @Override
  public boolean exists(String topic) {
    asked.add(topic);
    return existing.contains(topic);
  }
}
