package org.tiprouter.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * A directory of {@code .avsc} files parsed as one set: files may refer to types defined in other
 * files, in any order. Each file is parsed once every type it refers to is known, so the order the
 * files end up in is a valid dependency order, and the types each file adds are known exactly.
 */
final class ContractSchemaSet {

    /** The contract as it is now (relative to the module directory, surefire's working directory). */
    static final Path CURRENT = Path.of("src", "main", "avro");
    /** The last released copy of the contract. */
    static final Path RELEASED = Path.of("released");

    /** One parsed file: its main schema and every named type it defined (not the ones it used). */
    record SchemaFile(Path file, Schema schema, List<String> definedTypes) {
        String fileName() {
            return file.getFileName().toString();
        }

        @Override
        public String toString() {
            return fileName();
        }
    }

    private final Path directory;
    private final List<SchemaFile> files;
    private final Map<String, Schema> types;

    private ContractSchemaSet(Path directory, List<SchemaFile> files, Map<String, Schema> types) {
        this.directory = directory;
        this.files = List.copyOf(files);
        this.types = types;
    }

    static ContractSchemaSet current() {
        return load(CURRENT);
    }

    static ContractSchemaSet released() {
        return load(RELEASED);
    }

    /**
     * Parses every {@code *.avsc} in {@code directory}. Fails, naming each file and its last parse
     * error, when some files cannot be parsed whatever the order (a syntax error, an undefined or a
     * redefined name, an invalid default).
     */
    static ContractSchemaSet load(Path directory) {
        List<Path> pending = avscFiles(directory);
        if (pending.isEmpty()) {
            throw new IllegalStateException("no .avsc files in " + directory.toAbsolutePath());
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        List<SchemaFile> parsed = new ArrayList<>();
        Map<String, String> lastErrors = new TreeMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
                Path file = it.next();
                Schema.Parser parser = new Schema.Parser().addTypes(known.values());
                try {
                    Schema schema = parser.parse(file.toFile());
                    Set<String> defined = new LinkedHashSet<>(parser.getTypes().keySet());
                    defined.removeAll(known.keySet());
                    for (String name : defined) {
                        known.put(name, parser.getTypes().get(name));
                    }
                    parsed.add(new SchemaFile(file, schema, List.copyOf(defined)));
                    lastErrors.remove(file.getFileName().toString());
                    it.remove();
                    progress = true;
                } catch (AvroRuntimeException e) {
                    lastErrors.put(file.getFileName().toString(), e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("cannot parse " + directory + ": " + lastErrors);
        }
        return new ContractSchemaSet(directory, parsed, known);
    }

    private static List<Path> avscFiles(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return new ArrayList<>(list.filter(p -> p.getFileName().toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory.toAbsolutePath(), e);
        }
    }

    Path directory() {
        return directory;
    }

    /** The files in a dependency order (a file comes after every file whose types it uses). */
    List<SchemaFile> files() {
        return files;
    }

    /** Every named type, by full name. */
    Map<String, Schema> types() {
        return types;
    }

    /** Every record type, by full name. */
    Map<String, Schema> recordTypes() {
        Map<String, Schema> records = new TreeMap<>();
        types.forEach((name, schema) -> {
            if (schema.getType() == Schema.Type.RECORD) {
                records.put(name, schema);
            }
        });
        return records;
    }
}
