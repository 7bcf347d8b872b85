package org.tiprouter.core.errors;

/**
 * Why a record went to a dead-letter topic. The code travels as text in {@code DeadLetter.reasonCode}
 * so that new codes never break readers; operators filter and replay by it.
 */
public enum ReasonCode {
  /** The value's bytes are not a record of the topic's contract type. */
  UNDESERIALISABLE("the bytes could not be decoded as the topic's contract type"),
  /** A null value or tombstone where a record was expected. */
  NULL_VALUE("a null value or tombstone arrived where a record was expected"),
  /** The key is present but is not the record's tip id. */
  INVALID_KEY("the record key is not the record's tip id"),
  /** A raw tip's channel differs from the channel of the topic it was read from. */
  CHANNEL_MISMATCH("the raw tip's channel differs from the channel of its topic"),
  /** A raw tip names no channel tiprouter knows. */
  UNKNOWN_CHANNEL("the raw tip names a channel tiprouter does not know"),
  /** The payload's SHA-256 differs from the one recorded when it was received. */
  TAMPERED("the payload's SHA-256 differs from the one recorded at receipt"),
  /** The payload is larger than the channel allows. */
  PAYLOAD_TOO_LARGE("the payload is larger than the channel allows"),
  /** The channel's parser refused the payload (malformed or not the channel's format). */
  PARSE_REJECTED("the channel's parser refused the payload"),
  /** The payload parsed but breaks the channel's contract. */
  VALIDATION_FAILED("the payload breaks the channel's contract"),
  /**
   * The request did not prove where it came from: a missing or wrong webhook signature, or a form
   * posted from another site. Forged or misconfigured; its payload is not kept.
   */
  NOT_AUTHENTIC("the request did not prove where it came from (a missing or wrong signature, a cross-site post)"),
  /**
   * A file's details name a report other than the one of the tip they are filed with (normalise:
   * the document's report id is not the raw record's; route: the tip does not carry that report id).
   */
  REPORT_MISMATCH("the file details name a report other than the one of the tip they are filed with"),
  /** A file arrived for a tip route did not route within the wait bound; replay it once the tip is routed. */
  ATTACHMENT_TIP_UNKNOWN("a file arrived for a tip that was not routed within the wait bound; replay it once the tip is"),
  /** Valid input of a kind this stage cannot process yet; replay it after the upgrade. */
  NOT_YET_SUPPORTED("valid input of a kind this stage cannot process yet; replay after the upgrade"),
  /** An unexpected failure while processing; the record is kept for replay after a fix. */
  PROCESSING_FAILED("an unexpected failure while processing the record");

  private final String meaning;

  ReasonCode(String meaning) {
    this.meaning = meaning;
  }

  /** One line for operators and the runbook. */
  public String meaning() {
    return meaning;
  }
}
