package org.tiprouter.core.serde;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import org.apache.avro.Schema;

/**
 * Names the registry artifact of a record after the record's full name in the default group,
 * which the Confluent-compatible API shows as the subject {@code org.tiprouter.contract.Tip}
 * (Confluent's RecordNameStrategy). One artifact per type, whatever topic carries it.
 */
public final class ContractArtifactStrategy implements ArtifactReferenceResolverStrategy<Schema, Object> {

  @Override
  public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<Schema> parsedSchema) {
    Schema schema = parsedSchema.getParsedSchema();
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalStateException("Only Avro records travel on tiprouter topics, not " + schema.getType());
    }
    return ArtifactReference.builder()
        .groupId(SchemaRegistrar.GROUP)
        .artifactId(schema.getFullName())
        .build();
  }
}
