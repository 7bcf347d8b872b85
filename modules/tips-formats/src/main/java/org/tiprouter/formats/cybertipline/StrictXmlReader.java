package org.tiprouter.formats.cybertipline;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.tiprouter.formats.cybertipline.SchemaModel.AllContent;
import org.tiprouter.formats.cybertipline.SchemaModel.AttributeDecl;
import org.tiprouter.formats.cybertipline.SchemaModel.ComplexType;
import org.tiprouter.formats.cybertipline.SchemaModel.ElementDecl;
import org.tiprouter.formats.cybertipline.SchemaModel.EmptyContent;
import org.tiprouter.formats.cybertipline.SchemaModel.Particle;
import org.tiprouter.formats.cybertipline.SchemaModel.SequenceContent;
import org.tiprouter.formats.cybertipline.SchemaModel.TextContent;

/**
 * Reads untrusted XML with the JDK's StAX parser, hardened, and validates it against a
 * {@link SchemaModel} while streaming, so a bad document is refused at its first fault.
 *
 * <p>Hardening: the document size is checked before parsing; DTD support is off and any DOCTYPE is
 * refused as soon as the parser reports it, before an entity could be expanded; external entities,
 * external DTDs and external schemas are disabled and the resolver refuses everything, so no file
 * is read and no connection is made; the JDK's own limits (depth, attributes, name length, entity
 * sizes) back up this class's depth, attribute and name limits. XInclude does not exist in StAX: an
 * {@code xi:include} is just an element in a namespace, and refused as such.
 */
final class StrictXmlReader {

  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  private static final Set<String> SCHEMA_HINTS = Set.of("noNamespaceSchemaLocation", "schemaLocation");

  private final XmlLimits limits;

  StrictXmlReader(XmlLimits limits) {
    this.limits = limits;
  }

  /**
   * The validated root element.
   *
   * @param document the untrusted bytes
   * @param roots the elements the document may have as its root
   * @throws Refusal with the NCMEC code, the element path and what is wrong
   */
  XmlNode read(byte[] document, List<ElementDecl> roots) throws Refusal {
    if (document.length > limits.maxDocumentBytes()) {
      throw Refusal.tooLarge("the document is " + document.length + " bytes; at most "
          + limits.maxDocumentBytes() + " are accepted");
    }
    XMLStreamReader reader;
    try {
      reader = hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(document));
    } catch (XMLStreamException | RuntimeException e) {
      throw Refusal.notWellFormed("the document cannot be read as XML");
    }
    try {
      int event = nextOutsideRoot(reader);
      if (event != XMLStreamConstants.START_ELEMENT) {
        throw Refusal.notWellFormed("the document has no root element");
      }
      ElementDecl root = rootDeclaration(reader, roots);
      XmlNode node = readElement(reader, root, "/" + root.name(), 1);
      if (nextOutsideRoot(reader) != XMLStreamConstants.END_DOCUMENT) {
        throw Refusal.notWellFormed("content after the root element");
      }
      return node;
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException e) {
        // nothing was opened that needs closing: the input is an in-memory array
      }
    }
  }

  private XMLInputFactory hardenedFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external resources are never resolved");
    });
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setProperty("jdk.xml.maxElementDepth", Integer.toString(limits.maxDepth() + 1));
    factory.setProperty("jdk.xml.elementAttributeLimit", Integer.toString(2 * limits.maxAttributesPerElement()));
    factory.setProperty("jdk.xml.maxXMLNameLimit", Integer.toString(limits.maxNameLength() + 1));
    factory.setProperty("jdk.xml.entityExpansionLimit", "1");
    factory.setProperty("jdk.xml.entityReplacementLimit", "1");
    factory.setProperty("jdk.xml.maxParameterEntitySizeLimit", "1");
    factory.setProperty("jdk.xml.maxGeneralEntitySizeLimit", Integer.toString(limits.maxDocumentBytes()));
    factory.setProperty("jdk.xml.totalEntitySizeLimit", Integer.toString(limits.maxDocumentBytes()));
    return factory;
  }

  /** Skips the prolog or epilog (comments, processing instructions, whitespace); refuses a DOCTYPE. */
  private int nextOutsideRoot(XMLStreamReader reader) throws Refusal {
    while (true) {
      int event = next(reader);
      switch (event) {
        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE,
            XMLStreamConstants.START_DOCUMENT -> {
          continue;
        }
        case XMLStreamConstants.CHARACTERS -> {
          if (!isXmlWhitespace(reader.getText())) {
            throw Refusal.notWellFormed("text outside the root element");
          }
        }
        default -> {
          return event;
        }
      }
    }
  }

  private ElementDecl rootDeclaration(XMLStreamReader reader, List<ElementDecl> roots) throws Refusal {
    checkElementName(reader, "/");
    String name = reader.getLocalName();
    for (ElementDecl root : roots) {
      if (root.name().equals(name)) {
        return root;
      }
    }
    throw Refusal.invalid("/" + name, "the root element must be "
        + String.join(" or ", roots.stream().map(ElementDecl::name).toList()) + ", not " + name);
  }

  private XmlNode readElement(XMLStreamReader reader, ElementDecl declaration, String path, int depth)
      throws Refusal {
    if (depth > limits.maxDepth()) {
      throw Refusal.invalid(path, "elements are nested deeper than " + limits.maxDepth() + " levels");
    }
    ComplexType type = declaration.type();
    XmlNode node = new XmlNode(declaration.name(), attributes(reader, declaration, path));
    SchemaModel.Content content = type.content();
    if (content instanceof TextContent text) {
      String value = readText(reader, declaration.name(), path);
      if (!text.type().accepts(value)) {
        throw Refusal.invalid(path, invalidValue(declaration.name(), text.type()));
      }
      node.setText(value);
    } else if (content instanceof EmptyContent) {
      if (!readText(reader, declaration.name(), path).isEmpty()) {
        throw Refusal.invalid(path, declaration.name() + " must be empty: it carries attributes only");
      }
    } else if (content instanceof SequenceContent sequence) {
      readChildren(reader, node, path, depth, new SequenceMatcher(sequence, path));
    } else if (content instanceof AllContent all) {
      readChildren(reader, node, path, depth, new AllMatcher(all, path));
    }
    return node;
  }

  private static String invalidValue(String element, SimpleType type) {
    if (type.presenceOnly()) {
      return element + " is a presence-only annotation: leave it empty or write true (false is not allowed;"
          + " omit the element instead)";
    }
    return "the value of " + element + " is not a valid " + type.name();
  }

  private Map<String, String> attributes(XMLStreamReader reader, ElementDecl declaration, String path)
      throws Refusal {
    int count = reader.getAttributeCount();
    if (count > limits.maxAttributesPerElement()) {
      throw Refusal.invalid(path, declaration.name() + " has more than " + limits.maxAttributesPerElement()
          + " attributes");
    }
    Map<String, AttributeDecl> declared = declaration.type().attributes();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String namespace = reader.getAttributeNamespace(i);
      String name = reader.getAttributeLocalName(i);
      checkNameLength(name, path);
      if (namespace != null && !namespace.isEmpty()) {
        if (XSI.equals(namespace) && SCHEMA_HINTS.contains(name)) {
          continue;
        }
        throw Refusal.invalid(path + "/@" + name, "attribute " + name + " in a namespace is not allowed on "
            + declaration.name());
      }
      AttributeDecl attribute = declared.get(name);
      if (attribute == null) {
        throw Refusal.invalid(path + "/@" + name, "attribute " + name + " is not allowed on " + declaration.name());
      }
      String value = reader.getAttributeValue(i);
      if (!attribute.type().accepts(value)) {
        throw Refusal.invalid(path + "/@" + name, "the value of attribute " + name + " of " + declaration.name()
            + " is not a valid " + attribute.type().name());
      }
      values.put(name, value);
    }
    for (AttributeDecl attribute : declared.values()) {
      if (attribute.required() && !values.containsKey(attribute.name())) {
        throw Refusal.invalid(path + "/@" + attribute.name(), "required attribute " + attribute.name()
            + " of " + declaration.name() + " is missing");
      }
    }
    return values;
  }

  /** The text content up to the element's end; child elements are refused. */
  private String readText(XMLStreamReader reader, String element, String path) throws Refusal {
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = next(reader);
      switch (event) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(reader.getText());
        case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
          continue;
        }
        case XMLStreamConstants.START_ELEMENT -> {
          checkElementName(reader, path);
          throw Refusal.invalid(path + "/" + reader.getLocalName(), element + " may contain only text, not element "
              + reader.getLocalName());
        }
        case XMLStreamConstants.END_ELEMENT -> {
          return text.toString();
        }
        default -> throw Refusal.invalid(path, "unexpected content in " + element);
      }
    }
  }

  private void readChildren(XMLStreamReader reader, XmlNode node, String path, int depth, ChildMatcher matcher)
      throws Refusal {
    Map<String, Integer> seen = new HashMap<>();
    while (true) {
      int event = next(reader);
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          checkElementName(reader, path);
          String name = reader.getLocalName();
          if (depth + 1 > limits.maxDepth()) {
            throw Refusal.invalid(path + "/" + name,
                "elements are nested deeper than " + limits.maxDepth() + " levels");
          }
          Matched matched = matcher.accept(name);
          int index = seen.merge(name, 1, Integer::sum);
          String childPath = path + "/" + name + (matched.repeatable() ? "[" + index + "]" : "");
          node.add(readElement(reader, matched.declaration(), childPath, depth + 1));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!isXmlWhitespace(reader.getText())) {
            throw Refusal.invalid(path, node.name() + " may contain only elements, not text");
          }
        }
        case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
          continue;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          matcher.finish();
          return;
        }
        default -> throw Refusal.invalid(path, "unexpected content in " + node.name());
      }
    }
  }

  private static boolean isXmlWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private void checkElementName(XMLStreamReader reader, String parentPath) throws Refusal {
    String name = reader.getLocalName();
    checkNameLength(name, parentPath);
    String namespace = reader.getNamespaceURI();
    if (namespace != null && !namespace.isEmpty()) {
      throw Refusal.invalid(parentPath + (parentPath.endsWith("/") ? "" : "/") + name,
          "element " + name + " is in a namespace; CyberTipline elements have none");
    }
  }

  private void checkNameLength(String name, String path) throws Refusal {
    if (name.length() > limits.maxNameLength()) {
      throw Refusal.invalid(path, "a name is longer than " + limits.maxNameLength() + " characters");
    }
  }

  /** The next event; a DOCTYPE is refused and parser failures become 4110 (or 4100 for a limit). */
  private static int next(XMLStreamReader reader) throws Refusal {
    int event;
    try {
      event = reader.next();
    } catch (XMLStreamException e) {
      throw parserFailure(e.getMessage(), e.getLocation());
    } catch (RuntimeException e) {
      throw parserFailure(e.getMessage(), null);
    }
    if (event == XMLStreamConstants.DTD) {
      throw Refusal.invalid("/", "DOCTYPE declarations are not accepted: a CyberTipline document has no DTD,"
          + " entities or external references");
    }
    if (event == XMLStreamConstants.ENTITY_REFERENCE || event == XMLStreamConstants.ENTITY_DECLARATION
        || event == XMLStreamConstants.NOTATION_DECLARATION) {
      throw Refusal.invalid("/", "entity references are not accepted");
    }
    return event;
  }

  private static Refusal parserFailure(String message, Location location) {
    String where = location == null || location.getLineNumber() < 0 ? ""
        : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    if (message != null && message.contains("JAXP000")) {
      return Refusal.invalid("/", "the document exceeds a safety limit of the XML parser" + where);
    }
    return Refusal.notWellFormed("the document is not well-formed XML" + where);
  }

  /** A declaration matched for a child, and whether the child may repeat (so its path gets an index). */
  private record Matched(ElementDecl declaration, boolean repeatable) {}

  private interface ChildMatcher {
    Matched accept(String name) throws Refusal;

    void finish() throws Refusal;
  }

  /**
   * Walks an {@code xs:sequence} left to right. The CyberTipline schema is deterministic (each
   * element name matches one particle at each point), so a greedy walk decides validity.
   */
  private static final class SequenceMatcher implements ChildMatcher {
    private final List<Particle> particles;
    private final String path;
    private final SequenceContent sequence;
    private int position;
    private int count;
    private String previous;

    SequenceMatcher(SequenceContent sequence, String path) {
      this.sequence = sequence;
      this.particles = sequence.particles();
      this.path = path;
    }

    @Override
    public Matched accept(String name) throws Refusal {
      String parent = parentName();
      if (!sequence.declares(name)) {
        throw Refusal.invalid(path + "/" + name, "element " + name + " is not allowed in " + parent);
      }
      int target = -1;
      for (int i = position; i < particles.size(); i++) {
        if (particles.get(i).names().contains(name) && (i > position || count < particles.get(i).max())) {
          target = i;
          break;
        }
      }
      if (target < 0) {
        if (position < particles.size() && particles.get(position).names().contains(name)) {
          Particle particle = particles.get(position);
          if (particle instanceof SchemaModel.ChoiceParticle && particle.names().size() > 1) {
            throw Refusal.invalid(path + "/" + name, "only " + particle.describe() + " may appear in " + parent
                + ", and only once");
          }
          throw Refusal.invalid(path + "/" + name, "element " + name + " may occur at most " + particle.max()
              + " time" + (particle.max() == 1 ? "" : "s") + " in " + parent);
        }
        throw Refusal.invalid(path + "/" + name, "element " + name + " is out of order in " + parent
            + ": it must come before " + previous);
      }
      for (int i = position; i < target; i++) {
        Particle skipped = particles.get(i);
        if ((i == position ? count : 0) < skipped.min()) {
          throw Refusal.invalid(missingPath(skipped), "required element " + skipped.describe()
              + " is missing in " + parent + " (expected before " + name + ")");
        }
      }
      if (target != position) {
        position = target;
        count = 0;
      }
      count++;
      previous = name;
      Particle particle = particles.get(position);
      return new Matched(particle.declaration(name), particle.max() > 1);
    }

    @Override
    public void finish() throws Refusal {
      for (int i = position; i < particles.size(); i++) {
        Particle particle = particles.get(i);
        int occurred = i == position ? count : 0;
        if (occurred < particle.min()) {
          throw Refusal.invalid(missingPath(particle), "required element " + particle.describe()
              + " is missing in " + parentName());
        }
      }
    }

    /** Where a missing particle belongs: the element's path, or the parent's for a choice. */
    private String missingPath(Particle particle) {
      return particle instanceof SchemaModel.ElementParticle ? path + "/" + particle.describe() : path;
    }

    private String parentName() {
      return path.substring(path.lastIndexOf('/') + 1).replaceAll("\\[\\d+]$", "");
    }
  }

  /** An {@code xs:all} group of optional elements: any order, each at most once. */
  private static final class AllMatcher implements ChildMatcher {
    private final Map<String, ElementDecl> declared = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final String path;

    AllMatcher(AllContent all, String path) {
      all.elements().forEach(element -> declared.put(element.name(), element));
      this.path = path;
    }

    @Override
    public Matched accept(String name) throws Refusal {
      String parent = path.substring(path.lastIndexOf('/') + 1);
      ElementDecl declaration = declared.get(name);
      if (declaration == null) {
        throw Refusal.invalid(path + "/" + name, "element " + name + " is not allowed in " + parent);
      }
      if (!seen.add(name)) {
        throw Refusal.invalid(path + "/" + name, "element " + name + " may occur at most once in " + parent);
      }
      return new Matched(declaration, false);
    }

    @Override
    public void finish() {
      // every member of the group is optional
    }
  }
}
