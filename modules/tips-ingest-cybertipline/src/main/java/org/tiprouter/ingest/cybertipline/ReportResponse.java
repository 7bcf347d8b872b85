package org.tiprouter.ingest.cybertipline;

/**
 * The answer to a submission, in NCMEC's {@code reportResponse} shape. Codes 0, 4100 and 4110 are
 * NCMEC's; the 9xxx codes are tiprouter's own for answers NCMEC's service has no code for, and
 * their last three digits are the HTTP status.
 *
 * @param httpStatus the HTTP status the response is sent with
 * @param responseCode the CyberTipline response code
 * @param description plain words for the sender (never the sender's values)
 * @param reportId the report the answer is about, or null
 * @param fileId the file the answer is about, or null
 */
record ReportResponse(int httpStatus, int responseCode, String description, String reportId, String fileId) {

  static final int SUCCESS = 0;
  static final int VALIDATION_FAILED = 4100;
  static final int NOT_WELL_FORMED = 4110;
  static final int NOT_FOUND = 9404;
  static final int METHOD_NOT_ALLOWED = 9405;
  static final int TOO_LARGE = 9413;
  static final int UNSUPPORTED_MEDIA_TYPE = 9415;
  static final int UNKNOWN_REPORT = 9422;
  static final int NOT_STORED = 9503;

  static ReportResponse success(String reportId, String fileId) {
    return new ReportResponse(200, SUCCESS, "Success", reportId, fileId);
  }

  static ReportResponse error(int httpStatus, int responseCode, String description) {
    return new ReportResponse(httpStatus, responseCode, description, null, null);
  }

  /** The response document. */
  String xml() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<reportResponse>")
        .append("<responseCode>").append(responseCode).append("</responseCode>")
        .append("<responseDescription>").append(escape(description)).append("</responseDescription>");
    if (reportId != null) {
      xml.append("<reportId>").append(escape(reportId)).append("</reportId>");
    }
    if (fileId != null) {
      xml.append("<fileId>").append(escape(fileId)).append("</fileId>");
    }
    return xml.append("</reportResponse>\n").toString();
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
