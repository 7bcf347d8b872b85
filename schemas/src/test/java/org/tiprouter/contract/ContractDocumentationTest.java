package org.tiprouter.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/contract.md keeps up with the schemas: a section per type, a table row per field, every enum symbol. */
class ContractDocumentationTest {

    private static final Path CONTRACT_DOC = Path.of("..", "docs", "contract.md");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,4} (\\w+)\\s*$");

    static Stream<Schema> contractTypes() {
        return ContractSchemaSet.current().types().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractTypes")
    void contractDocumentDescribesEveryFieldAndSymbol(Schema type) throws IOException {
        Map<String, String> sections = sections(Files.readString(CONTRACT_DOC));

        assertThat(sections).as("a section headed '%s' in %s", type.getName(), CONTRACT_DOC).containsKey(type.getName());
        String section = sections.get(type.getName());
        if (type.getType() == Schema.Type.RECORD) {
            for (Schema.Field field : type.getFields()) {
                assertThat(section).as("row for %s.%s", type.getName(), field.name()).contains("| `" + field.name() + "` |");
            }
        } else {
            for (String symbol : type.getEnumSymbols()) {
                assertThat(section).as("symbol %s.%s", type.getName(), symbol).contains("`" + symbol + "`");
            }
        }
    }

    private static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher heading = HEADING.matcher(markdown);
        String name = null;
        int start = 0;
        while (heading.find()) {
            if (name != null) {
                sections.put(name, markdown.substring(start, heading.start()));
            }
            name = heading.group(1);
            start = heading.end();
        }
        if (name != null) {
            sections.put(name, markdown.substring(start));
        }
        return sections;
    }
}
