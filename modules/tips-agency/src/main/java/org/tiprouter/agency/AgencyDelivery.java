package org.tiprouter.agency;

import java.util.Objects;
import org.tiprouter.contract.RoutedTip;

/**
 * One record from an agency's urgent lane or queue.
 *
 * @param topic the topic it was read from
 * @param partition its partition
 * @param offset its offset
 * @param urgentLane true when it came from the urgent lane
 * @param routedTip the routed tip or RELATED_TIP notice; holds personal data, never log it
 */
public record AgencyDelivery(String topic, int partition, long offset, boolean urgentLane,
    RoutedTip routedTip) {

  public AgencyDelivery {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(routedTip, "routedTip");
  }

  /** Where the record is, without its content: safe to log. */
  public String position() {
    return topic + "-" + partition + "@" + offset;
  }
}
