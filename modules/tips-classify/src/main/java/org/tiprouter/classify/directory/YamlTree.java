package org.tiprouter.classify.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line, so that directory errors can name
 * the line. Built with Jackson's YAML parser; duplicate keys are kept as problems, not silently
 * overwritten.
 */
final class YamlTree {

  sealed interface Node permits Scalar, Sequence, Mapping {
    int line();
  }

  /** A scalar; {@code text} is null for a YAML null. */
  record Scalar(int line, String text) implements Node {}

  record Sequence(int line, List<Node> items) implements Node {}

  record Entry(int line, String key, Node value) {}

  record Mapping(int line, Map<String, Entry> entries) implements Node {}

  /** The document, or null when empty; problems (syntax errors, duplicate keys) are added to {@code problems}. */
  static Node parse(String yaml, String file, List<DirectoryProblem> problems) {
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return null;
      }
      return read(parser, file, problems);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(new DirectoryProblem(file, line, "not valid YAML: " + e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(new DirectoryProblem(file, 0, "unreadable: " + e.getMessage()));
      return null;
    }
  }

  private static Node read(JsonParser parser, String file, List<DirectoryProblem> problems) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Entry> entries = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        Node value = read(parser, file, problems);
        Entry previous = entries.putIfAbsent(key, new Entry(keyLine, key, value));
        if (previous != null) {
          problems.add(new DirectoryProblem(file, keyLine, "duplicate key '" + key + "' (first on line "
              + previous.line() + ")"));
        }
      }
      return new Mapping(line, entries);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(parser, file, problems));
      }
      return new Sequence(line, items);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new Scalar(line, null);
    }
    return new Scalar(line, parser.getText());
  }

  private YamlTree() {}
}
