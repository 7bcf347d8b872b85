package org.tiprouter.classify;

import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.tiprouter.contract.Tip;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;
import org.tiprouter.core.streams.StageStreams;

/** Classifies each decoded tip against the directory currently in the agencies table. */
final class ClassifyProcessor implements FixedKeyProcessor<String, StageOutcome<Received<Tip>>, StageOutcome<Classified>> {

  private final String storeName;
  private final AgencyDirectoryCache directories;
  private final TipClassifier classifier;
  private FixedKeyProcessorContext<String, StageOutcome<Classified>> context;
  private ReadOnlyKeyValueStore<String, byte[]> agencies;
  private ValueMapper<StageOutcome<Received<Tip>>, StageOutcome<Classified>> step;

  ClassifyProcessor(String storeName, AgencyDirectoryCache directories, TipClassifier classifier) {
    this.storeName = storeName;
    this.directories = directories;
    this.classifier = classifier;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, StageOutcome<Classified>> context) {
    this.context = context;
    this.agencies = context.getStateStore(storeName);
    this.step = StageStreams.guarded(classifier.deadLetters(), this::classify);
  }

  private StageOutcome<Classified> classify(Received<Tip> received) {
    return classifier.classify(received, directories.resolver(agencies));
  }

  @Override
  public void process(FixedKeyRecord<String, StageOutcome<Received<Tip>>> record) {
    context.forward(record.withValue(step.apply(record.value())));
  }
}
