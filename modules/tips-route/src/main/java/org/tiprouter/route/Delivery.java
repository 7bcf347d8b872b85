package org.tiprouter.route;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.tiprouter.contract.RoutedTip;

/**
 * One routed record bound for one topic (an agency queue, its urgent lane, or triage), under the
 * id of the tip it is about: the routed tip's own id for a TIP, the earlier tip's id for a
 * RELATED_TIP notice.
 */
record Delivery(String key, String topic, RoutedTip routedTip) {

  /** Writes a delivery as its routed tip; deliveries are never read back. */
  static Serde<Delivery> serde(Serde<RoutedTip> routedTips) {
    Serializer<RoutedTip> inner = routedTips.serializer();
    Serializer<Delivery> serializer = (topic, delivery) -> inner.serialize(topic, delivery.routedTip());
    return Serdes.serdeFrom(serializer, (topic, bytes) -> {
      throw new UnsupportedOperationException("deliveries are write-only");
    });
  }
}
