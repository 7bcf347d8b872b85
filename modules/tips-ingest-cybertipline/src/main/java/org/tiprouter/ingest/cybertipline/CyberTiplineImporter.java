package org.tiprouter.ingest.cybertipline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tiprouter import cybertipline DIR}: stores every {@code *.xml} document of a folder
 * (reports and fileDetails) like the HTTP intake does, then moves each file to {@code DIR/done/}
 * or, when refused, to {@code DIR/failed/} next to a {@code .reason} file. Reports are imported
 * before fileDetails, so a folder may hold both. Re-running is idempotent: moved files are not seen
 * again, and a document already on the topic (a file put back, or a crash between storing and
 * moving) is moved to done/ without a second record. When the broker does not confirm, the import
 * stops and leaves the remaining files in place for the next run.
 */
public final class CyberTiplineImporter {

  static final String DONE = "done";
  static final String FAILED = "failed";
  static final String SOURCE = "import-cybertipline";
  private static final Logger LOG = LoggerFactory.getLogger(CyberTiplineImporter.class);

  private final CyberTiplineReceiver receiver;

  CyberTiplineImporter(CyberTiplineReceiver receiver) {
    this.receiver = receiver;
  }

  /**
   * Imports the folder.
   *
   * @throws IllegalArgumentException when {@code folder} is not a directory
   * @throws UncheckedIOException when the folder cannot be listed or a file cannot be moved
   */
  public ImportSummary importFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("Not a folder: " + folder);
    }
    Counts counts = new Counts();
    List<Pending> fileDetailsForLater = new ArrayList<>();
    for (Path file : xmlFiles(folder)) {
      if (!importFile(folder, file, counts, fileDetailsForLater)) {
        break;
      }
    }
    for (Pending pending : fileDetailsForLater) {
      if (counts.notStored > 0) {
        break;
      }
      if (!importFile(folder, pending.file(), counts, null)) {
        break;
      }
    }
    receiver.flushDeadLetters();
    ImportSummary summary = new ImportSummary(folder, counts.stored, counts.alreadyStored, counts.failed,
        counts.notStored);
    LOG.info(summary.line());
    return summary;
  }

  private record Pending(Path file) {}

  private static final class Counts {
    int stored;
    int alreadyStored;
    int failed;
    int notStored;
  }

  /** Imports one file; false when the import must stop (the broker did not confirm). */
  private boolean importFile(Path folder, Path file, Counts counts, List<Pending> later) {
    String name = file.getFileName().toString();
    CyberTiplineReceiver.Origin origin = new CyberTiplineReceiver.Origin(SOURCE, "application/xml",
        Map.of("fileName", name));
    Receipt receipt;
    try {
      long size = Files.size(file);
      if (size > receiver.maxDocumentBytes()) {
        receipt = receiver.refuseOversized("of " + size + " bytes", origin);
      } else {
        byte[] document = Files.readAllBytes(file);
        receipt = receiver.receive(document, origin);
        if (receipt instanceof Receipt.UnknownReport unknown) {
          if (later != null) {
            later.add(new Pending(file));
            return true;
          }
          receiver.deadLetterUnknownReport(document, unknown, origin);
        }
      }
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      counts.failed++;
      fail(folder, file, "the file could not be read (" + e.getClass().getSimpleName() + ")");
      return true;
    }
    if (receipt instanceof Receipt.Stored stored) {
      if (stored.alreadyStored()) {
        counts.alreadyStored++;
      } else {
        counts.stored++;
      }
      move(file, folder.resolve(DONE));
      return true;
    }
    if (receipt instanceof Receipt.NotStored notStored) {
      counts.notStored++;
      LOG.warn("Import stopped, the remaining files are left in place: {}", notStored.why());
      return false;
    }
    counts.failed++;
    fail(folder, file, reason(receipt));
    return true;
  }

  private static String reason(Receipt receipt) {
    if (receipt instanceof Receipt.Refused refused) {
      return refused.responseCode() + " " + refused.reason() + (refused.field() == null ? "" : " " + refused.field())
          + ": " + refused.detail();
    }
    if (receipt instanceof Receipt.UnknownReport unknown) {
      return ReportResponse.UNKNOWN_REPORT + " VALIDATION_FAILED: fileDetails for report id " + unknown.reportId()
          + ", which was never received; import the report, then this file again";
    }
    return String.valueOf(receipt);
  }

  private static void fail(Path folder, Path file, String reason) {
    Path moved = move(file, folder.resolve(FAILED));
    try {
      Files.writeString(moved.resolveSibling(moved.getFileName() + ".reason"), reason + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the reason for " + moved, e);
    }
  }

  /** Moves {@code file} into {@code target}, numbering the name if one of that name is already there. */
  private static Path move(Path file, Path target) {
    try {
      Files.createDirectories(target);
      String name = file.getFileName().toString();
      Path destination = target.resolve(name);
      int dot = name.lastIndexOf('.');
      for (int n = 2; Files.exists(destination); n++) {
        destination = target.resolve(name.substring(0, dot) + "-" + n + name.substring(dot));
      }
      return Files.move(file, destination, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + file + " to " + target, e);
    }
  }

  private static List<Path> xmlFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
