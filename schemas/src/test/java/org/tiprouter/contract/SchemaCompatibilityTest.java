package org.tiprouter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompatibilityTest {

    private static final ContractSchemaSet CURRENT = ContractSchemaSet.current();

    static Stream<String> releasedTypeNames() {
        return ContractSchemaSet.released().types().keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedTypeNames")
    void currentTypeReadsDataWrittenWithTheReleasedOne(String name) {
        Schema released = ContractSchemaSet.released().types().get(name);

        assertThat(BackwardCompatibility.problems(name, released, CURRENT.types().get(name))).isEmpty();
    }

    @Test
    void releasedCopyHoldsEveryTopLevelType() {
        assertThat(ContractSchemaSet.released().recordTypes()).containsKeys(
                "org.tiprouter.contract.RawTip",
                "org.tiprouter.contract.Tip",
                "org.tiprouter.contract.JurisdictionDecision",
                "org.tiprouter.contract.ClassifiedTip",
                "org.tiprouter.contract.RoutedTip",
                "org.tiprouter.contract.AuditEvent",
                "org.tiprouter.contract.DeadLetter",
                "org.tiprouter.contract.Agency");
    }

    // The check must be able to fail: the cases below feed it changes it has to refuse (or accept).

    @Test
    void newFieldWithoutDefaultIsReportedByName() {
        Schema released = record("""
                {"name":"tipId","type":"string","doc":"Id."}""");
        Schema current = record("""
                {"name":"tipId","type":"string","doc":"Id."},
                {"name":"priority","type":"int","doc":"New, without a default."}""");

        assertThat(BackwardCompatibility.problems(Map.of("org.tiprouter.contract.Sample", released),
                Map.of("org.tiprouter.contract.Sample", current)))
                .singleElement().asString()
                .startsWith("org.tiprouter.contract.Sample:")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("'priority'");
    }

    @Test
    void newFieldWithDefaultIsCompatible() {
        Schema released = record("""
                {"name":"tipId","type":"string","doc":"Id."}""");
        Schema current = record("""
                {"name":"tipId","type":"string","doc":"Id."},
                {"name":"priority","type":["null","int"],"default":null,"doc":"New, with a default."}""");

        assertThat(BackwardCompatibility.problems("org.tiprouter.contract.Sample", released, current)).isEmpty();
    }

    @Test
    void changedFieldTypeIsReported() {
        Schema released = record("""
                {"name":"offset","type":"long","doc":"Offset."}""");
        Schema current = record("""
                {"name":"offset","type":"int","doc":"Narrowed."}""");

        assertThat(BackwardCompatibility.problems("org.tiprouter.contract.Sample", released, current))
                .singleElement().asString()
                .contains("TYPE_MISMATCH")
                .contains("/fields/0/type");
    }

    @Test
    void removedEnumSymbolWithoutDefaultIsReported() {
        Schema released = new Schema.Parser().parse("""
                {"type":"enum","name":"Colour","namespace":"org.tiprouter.contract","doc":"A colour.","symbols":["RED","GREEN"]}""");
        Schema current = new Schema.Parser().parse("""
                {"type":"enum","name":"Colour","namespace":"org.tiprouter.contract","doc":"A colour.","symbols":["RED"]}""");

        assertThat(BackwardCompatibility.problems("org.tiprouter.contract.Colour", released, current))
                .singleElement().asString()
                .contains("MISSING_ENUM_SYMBOLS")
                .contains("GREEN");
    }

    @Test
    void releasedTypeThatNoLongerExistsIsReported() {
        Schema released = record("""
                {"name":"tipId","type":"string","doc":"Id."}""");

        assertThat(BackwardCompatibility.problems(Map.of("org.tiprouter.contract.Sample", released), Map.of()))
                .containsExactly("org.tiprouter.contract.Sample: released type no longer exists");
    }

    @Test
    void wholeReleasedSetIsCompatibleWithTheCurrentSet() {
        assertThat(BackwardCompatibility.problems(ContractSchemaSet.released().types(), CURRENT.types())).isEmpty();
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("""
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.","fields":[%s]}"""
                .formatted(fields));
    }
}
