package org.tiprouter.ingest.cybertipline;

import java.nio.file.Path;

/**
 * What one run of the folder import did.
 *
 * @param folder the folder imported
 * @param stored documents written to the raw topic now
 * @param alreadyStored documents that were already on it (a re-run, or a file sent twice)
 * @param failed documents refused (moved to failed/ with a .reason file)
 * @param notStored documents left in place because the broker did not confirm (import again later)
 */
public record ImportSummary(Path folder, int stored, int alreadyStored, int failed, int notStored) {

  /** 0 only when nothing failed and everything is stored. */
  public int exitCode() {
    return failed == 0 && notStored == 0 ? 0 : 1;
  }

  /** One line for the operator. */
  public String line() {
    return "CyberTipline import of " + folder + ": " + stored + " stored, " + alreadyStored + " already stored, "
        + failed + " failed" + (failed > 0 ? " (see " + folder.resolve(CyberTiplineImporter.FAILED) + ")" : "")
        + ", " + notStored + " not stored" + (notStored > 0 ? " (broker unavailable; left in place, import again)" : "");
  }
}
