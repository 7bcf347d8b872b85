package org.tiprouter.core.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a stage's global copy of the agency directory topic: an agency record is stored under its
 * id as it arrived (decoded by the stage when it builds its view), a tombstone removes the agency,
 * a record without key is ignored, and every change is announced so the stage rebuilds its view
 * before the next tip. Classify and route both read the directory this way.
 */
public final class AgencyTableUpdater implements Processor<String, byte[], Void, Void> {

  private final String storeName;
  private final Runnable onChange;
  private KeyValueStore<String, byte[]> store;

  /**
   * @param storeName the global store the directory is kept in
   * @param onChange called after every stored change (e.g. marks a cached view stale)
   */
  public AgencyTableUpdater(String storeName, Runnable onChange) {
    this.storeName = storeName;
    this.onChange = onChange;
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
    onChange.run();
  }
}
