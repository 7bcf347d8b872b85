package org.tiprouter.formats.phone;

/**
 * Rejection codes of the phone formats beyond the web contract's {@link
 * org.tiprouter.formats.web.WebErrorCode}s (which the call JSON and each CSV row use for every rule
 * they share with the web contract). Stable; documented in the tips-formats README.
 */
public final class PhoneCodes {

  /** A call-sheet row is not valid UTF-8. */
  public static final String CSV_NOT_UTF8 = "CSV_NOT_UTF8";
  /** A call-sheet row is not one well-formed RFC 4180 record (broken quoting, text after a closing quote). */
  public static final String CSV_MALFORMED = "CSV_MALFORMED";
  /** A call-sheet row has more or fewer fields than the header has columns. */
  public static final String CSV_FIELD_COUNT = "CSV_FIELD_COUNT";
  /** A call-sheet row is longer than the import allows. */
  public static final String CSV_ROW_TOO_LARGE = "CSV_ROW_TOO_LARGE";
  /** A Twilio callback body that is not strictly URL-encoded UTF-8. */
  public static final String FORM_MALFORMED = "FORM_MALFORMED";
  /** A payload of a media type the phone channel does not have. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";

  private PhoneCodes() {}
}
