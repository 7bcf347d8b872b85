package org.tiprouter.formats.cybertipline;

/**
 * The limits a CyberTipline document must stay within before and while it is parsed. Hostile
 * input is expected: the size is checked before the first byte is parsed, and depth, attribute
 * count and name length while parsing, so a refused document costs little time and memory.
 *
 * @param maxDocumentBytes largest document accepted (NCMEC's own limit for a report is 5 MiB)
 * @param maxDepth deepest element nesting accepted; a valid report nests 6 deep at most
 * @param maxAttributesPerElement most attributes on one element; the schema declares 5 at most
 * @param maxNameLength longest element or attribute name; the schema's longest is 27 characters
 */
public record XmlLimits(int maxDocumentBytes, int maxDepth, int maxAttributesPerElement, int maxNameLength) {

  /** NCMEC's report size limit. */
  public static final int DEFAULT_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

  public XmlLimits {
    if (maxDocumentBytes < 1 || maxDepth < 1 || maxAttributesPerElement < 1 || maxNameLength < 1) {
      throw new IllegalArgumentException("XML limits must be positive");
    }
  }

  /** 5 MiB, depth 12, 16 attributes, names of 64 characters. */
  public static XmlLimits defaults() {
    return new XmlLimits(DEFAULT_MAX_DOCUMENT_BYTES, 12, 16, 64);
  }

  /** The same limits with another document size. */
  public XmlLimits withMaxDocumentBytes(int bytes) {
    return new XmlLimits(bytes, maxDepth, maxAttributesPerElement, maxNameLength);
  }

  /** The same limits with another nesting depth. */
  public XmlLimits withMaxDepth(int depth) {
    return new XmlLimits(maxDocumentBytes, depth, maxAttributesPerElement, maxNameLength);
  }
}
