package org.tiprouter.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The BACKWARD rule between the released contract and the current one: for every released named
 * type, the current type with the same full name, used as the reader, must read data written with
 * the released type. A released type that no longer exists is a failure too.
 */
final class BackwardCompatibility {

    private BackwardCompatibility() {
    }

    /** One problem per line, naming the type and, for incompatibilities, the field or symbol. */
    static List<String> problems(Map<String, Schema> released, Map<String, Schema> current) {
        List<String> problems = new ArrayList<>();
        released.forEach((name, releasedType) -> problems.addAll(problems(name, releasedType, current.get(name))));
        return problems;
    }

    static List<String> problems(String name, Schema released, Schema current) {
        if (current == null) {
            return List.of(name + ": released type no longer exists");
        }
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add(name + ": current cannot read data written with the released schema: "
                    + incompatibility.getType() + " '" + incompatibility.getMessage() + "' at "
                    + incompatibility.getLocation());
        }
        return problems;
    }
}
