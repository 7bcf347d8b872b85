package org.tiprouter.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /metrics} in the Prometheus text format, parsed into samples: enough of the
 * format for the tests (name, labels, value; comments skipped), strict about what it accepts so a
 * malformed line fails the test instead of being ignored.
 */
final class PrometheusText {

  /** One sample line: {@code name{label="value",...} 1.0}. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line.trim());
      if (!matcher.matches()) {
        throw new IllegalArgumentException("Not a Prometheus sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        int end = 0;
        while (label.find() && label.start() == end) {
          labels.put(label.group(1), label.group(2));
          end = label.end();
        }
        if (end != matcher.group(2).length()) {
          throw new IllegalArgumentException("Malformed labels: " + line);
        }
      }
      samples.add(new Sample(matcher.group(1), labels, number(matcher.group(3))));
    }
    return new PrometheusText(samples);
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** Every sample named {@code name}. */
  List<Sample> samples(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).toList();
  }

  /** The value of the sample {@code name} whose labels include {@code labels} (pairs), if exactly one matches. */
  Optional<Double> value(String name, String... labels) {
    List<Sample> matching = samples(name).stream().filter(sample -> hasLabels(sample, labels)).toList();
    if (matching.size() > 1) {
      throw new IllegalArgumentException(matching.size() + " samples of " + name + " match " + List.of(labels));
    }
    return matching.stream().findFirst().map(Sample::value);
  }

  /** The value of {@code name} with {@code labels}, or 0 when the series does not exist (a counter never incremented). */
  double count(String name, String... labels) {
    return value(name, labels).orElse(0.0);
  }

  private static boolean hasLabels(Sample sample, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
