package org.tiprouter.route;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps route's copy of the agency directory topic: an agency record is stored under its id as it
 * arrived, a tombstone removes the agency, and every change tells the {@link AgencyRosterCache}
 * to rebuild before the next tip.
 */
final class AgencyDirectoryUpdater implements Processor<String, byte[], Void, Void> {

  private final String storeName;
  private final AgencyRosterCache cache;
  private KeyValueStore<String, byte[]> store;

  AgencyDirectoryUpdater(String storeName, AgencyRosterCache cache) {
    this.storeName = storeName;
    this.cache = cache;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
    cache.changed();
  }
}
