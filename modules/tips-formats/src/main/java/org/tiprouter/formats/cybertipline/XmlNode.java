package org.tiprouter.formats.cybertipline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a document that {@link StrictXmlReader} has already validated: its attributes,
 * and either its text (simple content) or its child elements. Reading values from it cannot fail
 * on bad input any more; that was refused while the document was read.
 */
final class XmlNode {

  private final String name;
  private final Map<String, String> attributes;
  private final List<XmlNode> children = new ArrayList<>();
  private String text;

  XmlNode(String name, Map<String, String> attributes) {
    this.name = name;
    this.attributes = new LinkedHashMap<>(attributes);
  }

  String name() {
    return name;
  }

  /** The text of a simple-content element exactly as written; null for element content. */
  String text() {
    return text;
  }

  void setText(String text) {
    this.text = text;
  }

  void add(XmlNode child) {
    children.add(child);
  }

  /** The attribute's value, or null when absent. */
  String attribute(String attributeName) {
    return attributes.get(attributeName);
  }

  /** The first child of this name, or null. */
  XmlNode child(String childName) {
    for (XmlNode child : children) {
      if (child.name.equals(childName)) {
        return child;
      }
    }
    return null;
  }

  /** Every child of this name, in document order. */
  List<XmlNode> children(String childName) {
    return children.stream().filter(child -> child.name.equals(childName)).toList();
  }

  /** Every child, in document order. */
  List<XmlNode> children() {
    return List.copyOf(children);
  }

  /** The text of the first child of this name, or null. */
  String childText(String childName) {
    XmlNode child = child(childName);
    return child == null ? null : child.text;
  }

  /** The texts of every child of this name. */
  List<String> childTexts(String childName) {
    return children(childName).stream().map(XmlNode::text).toList();
  }
}
