package org.tiprouter.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The house rules for the contract (STYLE.md "Contract"), as a checker that lists every violation in
 * one file. Kept apart from the test so that tests can prove each rule catches what it should.
 */
final class ContractRules {

    static final String NAMESPACE = "org.tiprouter.contract";

    private ContractRules() {
    }

    static List<String> violationsOf(ContractSchemaSet.SchemaFile file) {
        List<String> violations = new ArrayList<>();
        Schema schema = file.schema();
        String where = file.fileName();

        if (file.definedTypes().size() != 1) {
            violations.add(where + ": defines " + file.definedTypes().size()
                    + " named types " + file.definedTypes() + ", expected exactly one");
        }
        if (!isNamed(schema)) {
            violations.add(where + ": top-level schema is a " + schema.getType() + ", expected a named type");
            return violations;
        }
        if (!file.fileName().equals(schema.getName() + ".avsc")) {
            violations.add(where + ": defines " + schema.getName() + ", file must be named " + schema.getName() + ".avsc");
        }
        if (!NAMESPACE.equals(schema.getNamespace())) {
            violations.add(where + ": namespace " + schema.getNamespace() + ", expected " + NAMESPACE);
        }
        if (isBlank(schema.getDoc())) {
            violations.add(where + ": " + schema.getType().getName() + " " + schema.getName() + " has no doc");
        }
        if (schema.getType() == Schema.Type.ENUM && schema.getEnumDefault() == null) {
            violations.add(where + ": enum " + schema.getName() + " has no default symbol");
        }
        if (schema.getType() == Schema.Type.RECORD) {
            for (Schema.Field field : schema.getFields()) {
                violations.addAll(fieldViolations(where + ": " + schema.getName() + "." + field.name(), field));
            }
        }
        return violations;
    }

    private static List<String> fieldViolations(String where, Schema.Field field) {
        List<String> violations = new ArrayList<>();
        if (isBlank(field.doc())) {
            violations.add(where + " has no doc");
        }
        Schema type = field.schema();
        if (type.getType() == Schema.Type.UNION) {
            List<Schema> branches = type.getTypes();
            if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
                violations.add(where + " is a union other than [\"null\", T]");
            } else {
                if (field.defaultVal() != JsonProperties.NULL_VALUE) {
                    violations.add(where + " is optional but its default is not null");
                }
                type = branches.get(1);
            }
        }
        if (type.getType() == Schema.Type.ARRAY || type.getType() == Schema.Type.MAP) {
            Object defaultValue = field.hasDefaultValue() ? field.defaultVal() : null;
            boolean emptyDefault = defaultValue instanceof Collection<?> c && c.isEmpty()
                    || defaultValue instanceof Map<?, ?> m && m.isEmpty();
            if (!emptyDefault) {
                violations.add(where + " (" + type.getType().getName() + ") needs an empty default ([] or {})");
            }
        }
        if (type.getType() == Schema.Type.ARRAY) {
            List<String> found = new ArrayList<>();
            nullableLogicalTypesUnder(type.getElementType(), "items", new HashSet<>(), found);
            for (String path : found) {
                violations.add(where + " holds a nullable logical type inside an array (" + path + "): Avro 1.12"
                        + " cannot compare or hash such an array once decoded; put the value in a nullable record");
            }
        }
        if (field.name().endsWith("At") && !hasLogicalType(type, Schema.Type.LONG, LogicalTypes.timestampMillis())) {
            violations.add(where + " is a time but not {\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}");
        }
        if (isTipOrEventId(field.name()) && !hasLogicalType(type, Schema.Type.STRING, LogicalTypes.uuid())) {
            violations.add(where + " is an id but not {\"type\":\"string\",\"logicalType\":\"uuid\"}");
        }
        return violations;
    }

    /**
     * Finds unions with a logical-type branch (e.g. ["null", timestamp-millis]) anywhere under an array
     * element. A decoded array is a {@code GenericData.Array}, whose equals/hashCode go through
     * {@code GenericData.get()}, which has no logical-type conversions and throws "Unknown datum type
     * java.time.Instant" when it resolves such a union. A nullable record wrapping a required logical
     * type is fine: the union resolves on the record, the logical value compares as a Comparable.
     */
    private static void nullableLogicalTypesUnder(Schema schema, String path, Set<String> visited, List<String> found) {
        switch (schema.getType()) {
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    if (branch.getLogicalType() != null) {
                        found.add(path);
                    }
                    nullableLogicalTypesUnder(branch, path, visited, found);
                }
            }
            case RECORD -> {
                if (visited.add(schema.getFullName())) {
                    for (Schema.Field field : schema.getFields()) {
                        nullableLogicalTypesUnder(field.schema(), schema.getName() + "." + field.name(), visited, found);
                    }
                }
            }
            case ARRAY -> nullableLogicalTypesUnder(schema.getElementType(), path, visited, found);
            case MAP -> nullableLogicalTypesUnder(schema.getValueType(), path, visited, found);
            default -> {
            }
        }
    }

    private static boolean isTipOrEventId(String fieldName) {
        return fieldName.equals("tipId") || fieldName.equals("eventId") || fieldName.endsWith("TipId");
    }

    private static boolean hasLogicalType(Schema schema, Schema.Type type, LogicalType logicalType) {
        return schema.getType() == type
                && schema.getLogicalType() != null
                && schema.getLogicalType().getName().equals(logicalType.getName());
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
