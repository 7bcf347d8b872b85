package org.tiprouter.formats.cybertipline;

/**
 * Why a document was refused while it was read; turned into a {@link org.tiprouter.formats.Parsed.Rejected}
 * at the parser's edge and never seen by callers. The detail names elements and types, never values.
 */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String field;

  private Refusal(String code, String field, String detail) {
    super(detail, null, false, false);
    this.code = code;
    this.field = field;
  }

  static Refusal invalid(String field, String detail) {
    return new Refusal(CyberTiplineCodes.VALIDATION_FAILED, field, detail);
  }

  static Refusal notWellFormed(String detail) {
    return new Refusal(CyberTiplineCodes.NOT_WELL_FORMED, null, detail);
  }

  static Refusal tooLarge(String detail) {
    return new Refusal(CyberTiplineCodes.DOCUMENT_TOO_LARGE, null, detail);
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }

  String detail() {
    return getMessage();
  }
}
