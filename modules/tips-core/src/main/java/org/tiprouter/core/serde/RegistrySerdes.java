package org.tiprouter.core.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes backed by the Apicurio schema registry, writing the Confluent wire format: magic byte 0,
 * a 4-byte content id, then Avro binary. Confluent-API clients can read our topics through the
 * registry's {@code /apis/ccompat/v7} endpoint.
 *
 * <p>Schemas are registered ahead, at deploy time ({@link SchemaRegistrar}); serializers do not
 * register them. Each type is one registry artifact named after the record (group
 * {@value SchemaRegistrar#GROUP}), so every topic that carries a type shares its schema and its
 * compatibility rule.
 */
final class RegistrySerdes implements ContractSerdes {

  private final Map<String, Object> config;

  RegistrySerdes(String registryUrl, Map<String, ?> extraConfig) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(AvroSerdeConfig.REGISTRY_URL, SchemaRegistrar.apiUrl(registryUrl));
    settings.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
    settings.put(AvroSerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler");
    settings.put(AvroSerdeConfig.USE_ID, "contentId");
    settings.put(AvroSerdeConfig.ARTIFACT_RESOLVER_STRATEGY, ContractArtifactStrategy.class.getName());
    settings.put(AvroSerdeConfig.AUTO_REGISTER_ARTIFACT, false);
    settings.put(AvroSerdeConfig.FIND_LATEST_ARTIFACT, false);
    // Look schemas up whole, as registered, not as separate artifacts per nested named type.
    settings.put(AvroSerdeConfig.DEREFERENCE_SCHEMA, true);
    settings.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    settings.putAll(extraConfig);
    this.config = Map.copyOf(settings);
  }

  @Override
  public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
    Serializer<T> serializer = new AvroKafkaSerializer<T>();
    serializer.configure(config, false);
    Deserializer<T> deserializer = new AvroKafkaDeserializer<T>();
    deserializer.configure(config, false);
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
