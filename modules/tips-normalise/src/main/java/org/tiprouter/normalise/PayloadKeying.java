package org.tiprouter.normalise;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.streams.Received;

/**
 * Re-keys a checked raw tip by channel and payload hash (so identical payloads meet on one
 * partition) and carries its original bytes and raw position on to the duplicate filter.
 */
final class PayloadKeying implements Processor<String, Received<RawTip>, String, byte[]> {

  private ProcessorContext<String, byte[]> context;

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Received<RawTip>> record) {
    Received<RawTip> received = record.value();
    Record<String, byte[]> keyed = record.withKey(RawTipNormaliser.payloadKey(received.value()))
        .withValue(received.originalValue());
    ProvenanceHeaders.write(keyed.headers(), received.source());
    context.forward(keyed);
  }
}
