package org.tiprouter.formats.cybertipline;

import java.util.List;
import java.util.Objects;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.cybertipline.SchemaModel.ElementDecl;

/**
 * Parses NCMEC CyberTipline documents ({@code report} and {@code fileDetails}) strictly, the way
 * NCMEC's service does: a document that breaks the schema (elements out of order, unknown
 * elements, values outside an enumeration or their type, {@code false} on a presence-only
 * annotation, a missing required element or attribute) is rejected with code
 * {@value CyberTiplineCodes#VALIDATION_FAILED} and the path of the element; XML that is not
 * well-formed with {@value CyberTiplineCodes#NOT_WELL_FORMED}; a document over the size limit with
 * {@value CyberTiplineCodes#DOCUMENT_TOO_LARGE} before any parsing.
 *
 * <p>Input is untrusted: no DOCTYPE is accepted, nothing outside the document is ever read or
 * fetched, and depth, attribute count and name length are limited ({@link XmlLimits}). Rejection
 * details name elements and types, never the values the sender wrote. Pure Java: safe to use from
 * an intake and from a stream stage alike; instances are immutable and thread-safe.
 */
public final class CyberTiplineReportParser {

  private static final List<ElementDecl> REPORT = List.of(CyberTiplineSchema.REPORT);
  private static final List<ElementDecl> FILE_DETAILS = List.of(CyberTiplineSchema.FILE_DETAILS);
  private static final List<ElementDecl> EITHER = List.of(CyberTiplineSchema.REPORT, CyberTiplineSchema.FILE_DETAILS);

  private final XmlLimits limits;
  private final StrictXmlReader reader;

  /** A parser with the default limits (5 MiB). */
  public CyberTiplineReportParser() {
    this(XmlLimits.defaults());
  }

  public CyberTiplineReportParser(XmlLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.reader = new StrictXmlReader(limits);
  }

  public XmlLimits limits() {
    return limits;
  }

  /** A {@code report} document. */
  public Parsed<CyberTiplineReport> parseReport(byte[] document) {
    try {
      return Parsed.accepted(DocumentReader.report(reader.read(document, REPORT)));
    } catch (Refusal refusal) {
      return rejected(refusal);
    }
  }

  /** A {@code fileDetails} document. */
  public Parsed<FileDetails> parseFileDetails(byte[] document) {
    try {
      return Parsed.accepted(DocumentReader.fileDetails(reader.read(document, FILE_DETAILS)));
    } catch (Refusal refusal) {
      return rejected(refusal);
    }
  }

  /** A {@code report} or a {@code fileDetails} document, whichever its root element says. */
  public Parsed<CyberTiplineDocument> parse(byte[] document) {
    try {
      XmlNode root = reader.read(document, EITHER);
      return Parsed.accepted(root.name().equals(CyberTiplineSchema.REPORT.name())
          ? DocumentReader.report(root) : DocumentReader.fileDetails(root));
    } catch (Refusal refusal) {
      return rejected(refusal);
    }
  }

  private static <T> Parsed<T> rejected(Refusal refusal) {
    return Parsed.rejected(refusal.code(), refusal.field(), refusal.detail());
  }
}
