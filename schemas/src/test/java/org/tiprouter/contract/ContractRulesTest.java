package org.tiprouter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContractRulesTest {

    static Stream<ContractSchemaSet.SchemaFile> currentSchemaFiles() {
        return ContractSchemaSet.current().files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemaFiles")
    void everySchemaFileFollowsTheContractRules(ContractSchemaSet.SchemaFile file) {
        assertThat(ContractRules.violationsOf(file)).as(file.fileName()).isEmpty();
    }

    @Test
    void contractDefinesEveryTopLevelTypeTheTopicsCarry() {
        assertThat(ContractSchemaSet.current().recordTypes()).containsKeys(
                "org.tiprouter.contract.RawTip",
                "org.tiprouter.contract.Tip",
                "org.tiprouter.contract.JurisdictionDecision",
                "org.tiprouter.contract.ClassifiedTip",
                "org.tiprouter.contract.RoutedTip",
                "org.tiprouter.contract.AuditEvent",
                "org.tiprouter.contract.DeadLetter",
                "org.tiprouter.contract.Agency");
    }

    @Test
    void incidentTaxonomyHasExactlyTheTenCanonicalTypesWithOtherAsDefault() {
        var incidentType = ContractSchemaSet.current().types().get("org.tiprouter.contract.IncidentType");
        assertThat(incidentType.getEnumSymbols()).containsExactly(
                "ONLINE_ENTICEMENT", "CHILD_SEXUAL_ABUSE_MATERIAL", "CHILD_SEX_TRAFFICKING", "CHILD_SEX_TOURISM",
                "CHILD_SEXUAL_MOLESTATION", "MISLEADING_DOMAIN_NAME", "MISLEADING_WORDS_OR_IMAGES",
                "UNSOLICITED_OBSCENE_MATERIAL_TO_CHILD", "SEXTORTION", "OTHER");
        assertThat(incidentType.getEnumDefault()).isEqualTo("OTHER");
    }

    // The rules themselves must be able to fail: each case below breaks one rule.

    @Test
    void fieldWithoutDocIsAViolationNamingTheField(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"documented","type":"string","doc":"Has a doc."},
                           {"name":"undocumented","type":"string"},
                           {"name":"blank","type":"string","doc":"  "}]}""");

        assertThat(violations(dir)).containsExactlyInAnyOrder(
                "Sample.avsc: Sample.undocumented has no doc",
                "Sample.avsc: Sample.blank has no doc");
    }

    @Test
    void recordWithoutDocIsAViolation(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract",
                 "fields":[{"name":"a","type":"string","doc":"A."}]}""");

        assertThat(violations(dir)).containsExactly("Sample.avsc: record Sample has no doc");
    }

    @Test
    void enumWithoutDefaultIsAViolation(@TempDir Path dir) throws IOException {
        write(dir, "Colour.avsc", """
                {"type":"enum","name":"Colour","namespace":"org.tiprouter.contract","doc":"A colour.",
                 "symbols":["RED","GREEN"]}""");

        assertThat(violations(dir)).containsExactly("Colour.avsc: enum Colour has no default symbol");
    }

    @Test
    void fileDefiningTwoNamedTypesIsAViolation(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"colour","doc":"Inline enum: a second named type in this file.",
                            "type":{"type":"enum","name":"Colour","doc":"A colour.","symbols":["RED","OTHER"],"default":"OTHER"},
                            "default":"OTHER"}]}""");

        assertThat(violations(dir)).singleElement().asString()
                .contains("Sample.avsc: defines 2 named types")
                .contains("org.tiprouter.contract.Colour");
    }

    @Test
    void fileNamedDifferentlyFromItsTypeIsAViolation(@TempDir Path dir) throws IOException {
        write(dir, "Other.avsc", """
                {"type":"enum","name":"Colour","namespace":"org.tiprouter.contract","doc":"A colour.",
                 "symbols":["RED","OTHER"],"default":"OTHER"}""");

        assertThat(violations(dir)).containsExactly("Other.avsc: defines Colour, file must be named Colour.avsc");
    }

    @Test
    void optionalFieldMustBeNullFirstWithNullDefault(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"nullLast","type":["string","null"],"default":"x","doc":"Wrong order."},
                           {"name":"noDefault","type":["null","string"],"doc":"No default."}]}""");

        assertThat(violations(dir)).containsExactlyInAnyOrder(
                "Sample.avsc: Sample.nullLast is a union other than [\"null\", T]",
                "Sample.avsc: Sample.noDefault is optional but its default is not null");
    }

    @Test
    void arraysAndMapsNeedEmptyDefaults(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"list","type":{"type":"array","items":"string"},"doc":"No default."},
                           {"name":"labels","type":{"type":"map","values":"string"},"doc":"No default."}]}""");

        assertThat(violations(dir)).containsExactlyInAnyOrder(
                "Sample.avsc: Sample.list (array) needs an empty default ([] or {})",
                "Sample.avsc: Sample.labels (map) needs an empty default ([] or {})");
    }

    @Test
    void timesMustBeTimestampMillisAndTipIdsMustBeUuids(@TempDir Path dir) throws IOException {
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"tipId","type":"string","doc":"Plain string."},
                           {"name":"receivedAt","type":"long","doc":"Plain long."},
                           {"name":"seenAt","type":["null",{"type":"long","logicalType":"timestamp-micros"}],"default":null,"doc":"Micros."}]}""");

        assertThat(violations(dir)).containsExactlyInAnyOrder(
                "Sample.avsc: Sample.tipId is an id but not {\"type\":\"string\",\"logicalType\":\"uuid\"}",
                "Sample.avsc: Sample.receivedAt is a time but not {\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
                "Sample.avsc: Sample.seenAt is a time but not {\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}");
    }

    @Test
    void nullableLogicalTypeInsideAnArrayIsAViolation(@TempDir Path dir) throws IOException {
        write(dir, "Sighting.avsc", """
                {"type":"record","name":"Sighting","namespace":"org.tiprouter.contract","doc":"A sighting.",
                 "fields":[{"name":"seenAt","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null,"doc":"Time."}]}""");
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"sightings","type":{"type":"array","items":"Sighting"},"default":[],"doc":"Sightings."}]}""");

        assertThat(violations(dir)).singleElement().asString()
                .startsWith("Sample.avsc: Sample.sightings holds a nullable logical type inside an array (Sighting.seenAt)");
    }

    @Test
    void wellFormedSchemaHasNoViolations(@TempDir Path dir) throws IOException {
        write(dir, "Colour.avsc", """
                {"type":"enum","name":"Colour","namespace":"org.tiprouter.contract","doc":"A colour.",
                 "symbols":["RED","OTHER"],"default":"OTHER"}""");
        write(dir, "Sample.avsc", """
                {"type":"record","name":"Sample","namespace":"org.tiprouter.contract","doc":"A sample.",
                 "fields":[{"name":"tipId","type":{"type":"string","logicalType":"uuid"},"doc":"Id."},
                           {"name":"colour","type":"Colour","default":"OTHER","doc":"Uses a type from another file."},
                           {"name":"seenAt","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null,"doc":"Time."},
                           {"name":"tags","type":{"type":"array","items":"string"},"default":[],"doc":"Tags."}]}""");

        assertThat(violations(dir)).isEmpty();
    }

    private static List<String> violations(Path dir) {
        return ContractSchemaSet.load(dir).files().stream()
                .flatMap(file -> ContractRules.violationsOf(file).stream())
                .toList();
    }

    private static void write(Path dir, String name, String json) throws IOException {
        Files.writeString(dir.resolve(name), json);
    }
}
