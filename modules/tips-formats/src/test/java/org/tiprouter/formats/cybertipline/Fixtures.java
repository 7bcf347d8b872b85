package org.tiprouter.formats.cybertipline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The CyberTipline fixture files under {@code src/test/resources/cybertipline}. */
final class Fixtures {

  private Fixtures() {}

  static byte[] valid(String name) {
    return read("valid/" + name);
  }

  static byte[] invalid(String name) {
    return read("invalid/" + name);
  }

  static byte[] read(String relative) {
    try {
      return Files.readAllBytes(directory("").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file in {@code valid/} (reports and file details). */
  static List<Path> validFiles() {
    return list("valid");
  }

  /** Every report in {@code valid/}. */
  static List<Path> validReports() {
    return list("valid").stream().filter(path -> path.getFileName().toString().startsWith("report-")).toList();
  }

  static List<Path> invalidFiles() {
    return list("invalid");
  }

  private static List<Path> list(String folder) {
    try (Stream<Path> files = Files.list(directory(folder))) {
      return files.filter(path -> path.toString().endsWith(".xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(String folder) {
    URL root = Fixtures.class.getResource("/cybertipline/");
    try {
      return Path.of(root.toURI()).resolve(folder);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
