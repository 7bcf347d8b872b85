package org.tiprouter.ingest.cybertipline;

import java.util.UUID;
import org.tiprouter.core.errors.ReasonCode;

/** What became of one submitted document. */
sealed interface Receipt {

  /**
   * The document is on the raw topic: just now, or already before ({@code alreadyStored}).
   *
   * @param fileId the file's id for a fileDetails document; null for a report
   */
  record Stored(String reportId, UUID tipId, String fileId, boolean alreadyStored) implements Receipt {}

  /**
   * The document was refused and dead-lettered.
   *
   * @param responseCode the CyberTipline response code (4100, 4110 or 9413)
   * @param field the element path, or null
   * @param detail what is wrong, without the sender's values
   */
  record Refused(String responseCode, String field, String detail, ReasonCode reason) implements Receipt {}

  /** A fileDetails document names a report id that was never received. */
  record UnknownReport(String reportId, String fileId) implements Receipt {}

  /** The broker did not confirm in time: nothing was stored and nothing may be promised. */
  record NotStored(String why) implements Receipt {}
}
