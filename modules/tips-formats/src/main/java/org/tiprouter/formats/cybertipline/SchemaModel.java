package org.tiprouter.formats.cybertipline;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The small subset of XML Schema the CyberTipline schema uses, as plain data: element
 * declarations with complex types whose content is text (with attributes), a sequence of
 * particles (elements and choices with min/max occurrences), an {@code xs:all} group, or empty.
 * {@link StrictXmlReader} validates a document against it while streaming.
 */
final class SchemaModel {

  static final int UNBOUNDED = Integer.MAX_VALUE;

  private SchemaModel() {}

  /** An attribute an element may carry. */
  record AttributeDecl(String name, SimpleType type, boolean required) {}

  /** What an element may contain. */
  sealed interface Content permits TextContent, SequenceContent, AllContent, EmptyContent {}

  /** Text only, of a simple type (an element of simple type, or simple content with attributes). */
  record TextContent(SimpleType type) implements Content {}

  /** Child elements in the order of the particles; text other than whitespace is refused. */
  record SequenceContent(List<Particle> particles) implements Content {

    /** Whether {@code name} is declared anywhere in this sequence. */
    boolean declares(String name) {
      return particles.stream().anyMatch(particle -> particle.names().contains(name));
    }
  }

  /** Each listed element at most once, in any order ({@code xs:all} with optional members). */
  record AllContent(List<ElementDecl> elements) implements Content {}

  /** Attributes only: no text, no elements. */
  record EmptyContent() implements Content {}

  /** A complex type: its content and its attributes. */
  record ComplexType(Content content, Map<String, AttributeDecl> attributes) {

    static ComplexType text(SimpleType type) {
      return new ComplexType(new TextContent(type), Map.of());
    }

    static ComplexType sequence(Particle... particles) {
      return new ComplexType(new SequenceContent(List.of(particles)), Map.of());
    }

    static ComplexType all(ElementDecl... elements) {
      return new ComplexType(new AllContent(List.of(elements)), Map.of());
    }

    static ComplexType empty() {
      return new ComplexType(new EmptyContent(), Map.of());
    }

    /** This type with one more optional attribute. */
    ComplexType withAttribute(String name, SimpleType type) {
      return withAttribute(new AttributeDecl(name, type, false));
    }

    ComplexType withRequiredAttribute(String name, SimpleType type) {
      return withAttribute(new AttributeDecl(name, type, true));
    }

    private ComplexType withAttribute(AttributeDecl attribute) {
      Map<String, AttributeDecl> all = new LinkedHashMap<>(attributes);
      all.put(attribute.name(), attribute);
      return new ComplexType(content, Map.copyOf(all));
    }
  }

  /** An element: its name and type. */
  record ElementDecl(String name, ComplexType type) {

    static ElementDecl of(String name, SimpleType type) {
      return new ElementDecl(name, ComplexType.text(type));
    }

    static ElementDecl of(String name, ComplexType type) {
      return new ElementDecl(name, type);
    }
  }

  /** One step of a sequence: an element or a choice of elements, with its occurrence bounds. */
  sealed interface Particle permits ElementParticle, ChoiceParticle {
    int min();

    int max();

    /** The element names this particle matches. */
    Set<String> names();

    /** The declaration for {@code name}, which must be one of {@link #names()}. */
    ElementDecl declaration(String name);

    /** How a missing particle is named in a message: {@code reporter} or {@code one of a, b}. */
    String describe();
  }

  record ElementParticle(ElementDecl element, int min, int max) implements Particle {
    @Override
    public Set<String> names() {
      return Set.of(element.name());
    }

    @Override
    public ElementDecl declaration(String name) {
      return element;
    }

    @Override
    public String describe() {
      return element.name();
    }
  }

  record ChoiceParticle(List<ElementDecl> options, int min, int max) implements Particle {
    @Override
    public Set<String> names() {
      Set<String> names = new LinkedHashSet<>();
      options.forEach(option -> names.add(option.name()));
      return names;
    }

    @Override
    public ElementDecl declaration(String name) {
      return options.stream().filter(option -> option.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public String describe() {
      return "one of " + String.join(", ", names());
    }
  }

  static Particle one(ElementDecl element) {
    return new ElementParticle(element, 1, 1);
  }

  static Particle optional(ElementDecl element) {
    return new ElementParticle(element, 0, 1);
  }

  static Particle many(ElementDecl element) {
    return new ElementParticle(element, 0, UNBOUNDED);
  }

  static Particle oneOrMore(ElementDecl element) {
    return new ElementParticle(element, 1, UNBOUNDED);
  }

  static Particle choice(int min, int max, ElementDecl... options) {
    return new ChoiceParticle(List.of(options), min, max);
  }
}
