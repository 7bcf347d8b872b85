package org.tiprouter.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tiprouter.ingest.cybertipline.CyberTiplineIntakeApp;
import org.tiprouter.ingest.cybertipline.ImportSummary;

/**
 * The invented CyberTipline reports the demo imports at start, from {@code config/samples/cybertipline}
 * of the installation. They are copied to a work folder in the demo's data directory first, so the
 * import moves the copies, never the originals; on a second start with the same data they are
 * recognised as already stored.
 */
final class DemoSamples {

  static final Path RELATIVE = Path.of("config", "samples", "cybertipline");
  static final String WORK_FOLDER = "cybertipline-samples";

  private DemoSamples() {}

  /** The installation's sample folder: under {@code tiprouter.home}, or the nearest enclosing one. */
  static Optional<Path> find() {
    String home = System.getProperty("tiprouter.home");
    if (home != null && Files.isDirectory(Path.of(home).resolve(RELATIVE))) {
      return Optional.of(Path.of(home).resolve(RELATIVE));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RELATIVE))) {
        return Optional.of(dir.resolve(RELATIVE));
      }
    }
    return Optional.empty();
  }

  /** Copies the samples to a fresh work folder in {@code dataDir} and imports that folder. */
  static ImportSummary importSamples(Path samples, Path dataDir, CyberTiplineIntakeApp intake) {
    Path work = dataDir.resolve(WORK_FOLDER);
    try {
      deleteRecursively(work);
      Files.createDirectories(work);
      for (Path sample : xmlFiles(samples)) {
        Files.copy(sample, work.resolve(sample.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the CyberTipline samples in " + work, e);
    }
    return intake.importFolder(work);
  }

  private static List<Path> xmlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(path -> path.getFileName().toString().endsWith(".xml")).sorted().toList();
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
