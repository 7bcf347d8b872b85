package org.tiprouter.core.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Where topologies and clients get the serdes for the Avro contract. Production uses
 * {@link #registry(String, Map)} (Confluent wire format through the schema registry); unit tests
 * with {@code TopologyTestDriver} use {@link #registryFree()}.
 */
public interface ContractSerdes {

  /** A value serde for one contract type. */
  <T extends SpecificRecord> Serde<T> value(Class<T> type);

  /** Serdes backed by the schema registry at {@code registryUrl}. */
  static ContractSerdes registry(String registryUrl, Map<String, ?> extraSerdeConfig) {
    return new RegistrySerdes(registryUrl, extraSerdeConfig);
  }

  /** Plain Avro binary with each type's own schema: for tests and internal state, not topics. */
  static ContractSerdes registryFree() {
    return AvroBinarySerde::new;
  }
}
