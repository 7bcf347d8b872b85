package org.tiprouter.formats.cybertipline;

/**
 * The rejection codes of the CyberTipline parser ({@link org.tiprouter.formats.Parsed.Rejected#code()}).
 * 4100 and 4110 are NCMEC's own response codes, so a reporting company's client reads them as it
 * would from NCMEC; 9413 is tiprouter's (NCMEC has no code for it; the last three digits are the
 * HTTP status an intake answers with).
 */
public final class CyberTiplineCodes {

  /** The document is well-formed XML but breaks the schema (NCMEC: validation failure). */
  public static final String VALIDATION_FAILED = "4100";
  /** The document is not well-formed XML (NCMEC: XML not well formed). */
  public static final String NOT_WELL_FORMED = "4110";
  /** The document is larger than the configured limit; it was not parsed. */
  public static final String DOCUMENT_TOO_LARGE = "9413";

  private CyberTiplineCodes() {}
}
