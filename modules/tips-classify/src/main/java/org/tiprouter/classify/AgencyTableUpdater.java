package org.tiprouter.classify;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the classify stage's copy of the agency directory topic: an agency record is stored under
 * its id as it arrived (decoded when the directory is built), a tombstone removes the agency, and
 * every change tells the {@link AgencyDirectoryCache} to rebuild before the next tip.
 */
final class AgencyTableUpdater implements Processor<String, byte[], Void, Void> {

  private final String storeName;
  private final AgencyDirectoryCache cache;
  private KeyValueStore<String, byte[]> store;

  AgencyTableUpdater(String storeName, AgencyDirectoryCache cache) {
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
