package org.tiprouter.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.serde.ContractSerdes;
import org.tiprouter.core.serde.ContractTypes;
import org.tiprouter.core.serde.SchemaRegistrar;
import org.tiprouter.platform.SchemaRegistryProcess;

/**
 * Every contract type through the real registry-backed serde and the real registry: Confluent wire
 * format, schemas registered ahead (serializers do not register), readable by id through the
 * Confluent-compatible API, and an incompatible change refused.
 */
class RegistrySerdesIT {

  private static SchemaRegistryProcess registry;
  private static ContractSerdes serdes;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startRegistry() {
    registry = SchemaRegistryProcess.start();
    new SchemaRegistrar(registry.baseUrl()).registerAll(ContractTypes.schemas());
    serdes = ContractSerdes.registry(registry.baseUrl(), Map.of());
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  static Stream<SpecificRecord> everyTopLevelType() {
    return Stream.of(ContractFixtures.rawTip(), ContractFixtures.tip(), ContractFixtures.decision(),
        ContractFixtures.classifiedTip(), ContractFixtures.routedTip(), ContractFixtures.normalisedEvent(),
        ContractFixtures.tamperedDeadLetter(), ContractFixtures.knoxvillePd());
  }

  @ParameterizedTest
  @MethodSource("everyTopLevelType")
  <T extends SpecificRecord> void roundTripsThroughTheRegistryInConfluentWireFormat(T record) throws Exception {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    Serde<T> serde = serdes.value(type);
    byte[] bytes = serde.serializer().serialize("tips.test.v1", record);

    assertThat(bytes[0]).as("magic byte").isZero();
    int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(schemaId).isPositive();
    assertThat(serde.deserializer().deserialize("tips.test.v1", bytes)).isEqualTo(record);

    JsonNode byId = get("/apis/ccompat/v7/schemas/ids/" + schemaId);
    assertThat(new Schema.Parser().parse(byId.get("schema").asText()).getFullName())
        .isEqualTo(record.getSchema().getFullName());
  }

  @Test
  void everyTypeIsOneSubjectNamedAfterTheRecord() throws Exception {
    JsonNode subjects = get("/apis/ccompat/v7/subjects");
    List<String> names = ContractTypes.schemas().stream().map(Schema::getFullName).toList();
    assertThat(subjects).extracting(JsonNode::asText).containsAll(names);
  }

  @Test
  void registeringTheSameSchemasAgainCreatesNoNewVersion() {
    List<SchemaRegistrar.Registration> again = new SchemaRegistrar(registry.baseUrl()).registerAll(ContractTypes.schemas());
    assertThat(again).extracting(SchemaRegistrar.Registration::version).containsOnly("1");
  }

  @Test
  void refusesABackwardIncompatibleChange() {
    Schema incompatible = SchemaBuilder.record("RawTip").namespace("org.tiprouter.contract").fields()
        .requiredString("tipId").requiredLong("mandatoryWithoutDefault").endRecord();
    assertThatThrownBy(() -> new SchemaRegistrar(registry.baseUrl()).register(incompatible))
        .hasMessageContaining("Incompatible artifact").hasMessageContaining("mandatoryWithoutDefault");
  }

  @Test
  void serializersDoNotRegisterUnknownSchemas() {
    Schema unknown = SchemaBuilder.record("Unregistered").namespace("org.tiprouter.test").fields()
        .requiredString("id").endRecord();
    org.apache.avro.generic.GenericData.Record value = new org.apache.avro.generic.GenericData.Record(unknown);
    value.put("id", "x");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Serde<Object> serde = (Serde) serdes.value(RawTip.class);
    assertThatThrownBy(() -> serde.serializer().serialize("tips.test.v1", value)).isInstanceOf(RuntimeException.class);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return json.readTree(response.body());
  }
}
