package org.tiprouter.ingest.phone;

import java.nio.file.Path;

/**
 * What one run of {@code tiprouter import phone FILE.csv} did.
 *
 * @param file the file imported
 * @param accepted rows written to the raw topic now (acknowledged by the broker)
 * @param duplicate rows whose call id the raw topic already held (a re-run, or a call twice in the file)
 * @param rejected rows refused, each dead-lettered with its line number and reason
 * @param notStored rows the broker did not confirm; the import stopped there (run it again)
 * @param fileProblem why the whole file was refused (no or a wrong header, unreadable); null when it was read
 */
public record CallSheetImportSummary(Path file, long accepted, long duplicate, long rejected, long notStored,
    String fileProblem) {

  /** 0 only when the file was read, no row was rejected and every row is stored. */
  public int exitCode() {
    return fileProblem == null && rejected == 0 && notStored == 0 ? 0 : 1;
  }

  /** One line for the operator. */
  public String line() {
    String counts = accepted + " accepted, " + duplicate + " duplicate, " + rejected + " rejected";
    if (fileProblem != null) {
      return "Phone call-sheet import of " + file + " refused: " + fileProblem + " (" + counts + ")";
    }
    return "Phone call-sheet import of " + file + ": " + counts
        + (rejected > 0 ? " (dead letters with line numbers on the ingest DLQ)" : "")
        + (notStored > 0 ? ", " + notStored + " not stored (broker unavailable; import stopped, run it again)" : "");
  }
}
