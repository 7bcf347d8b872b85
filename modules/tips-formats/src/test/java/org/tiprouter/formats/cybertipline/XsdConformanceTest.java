package org.tiprouter.formats.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.SAXException;

/**
 * Our fixtures are real NCMEC documents: every valid fixture validates against NCMEC's published
 * schema, and every invalid one is refused by it too, so the parser agrees with the schema. The
 * schema is not part of this project: it is read from {@code ../shared/reference/cybertipline/}
 * next to the repository, and these tests are skipped only when that file is absent.
 */
class XsdConformanceTest {

  static final String SHARED_XSD = "../shared/reference/cybertipline/cyber_tipline.xsd";

  private static Schema schema;

  @BeforeAll
  static void loadSchemaIfPresent() throws SAXException {
    Optional<Path> xsd = sharedXsd();
    if (xsd.isPresent()) {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
      schema = factory.newSchema(xsd.get().toFile());
    }
  }

  /** The shared schema, found from the repository root (the directory with pom.xml and modules/). */
  static Optional<Path> sharedXsd() {
    String projectDirectory = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = Path.of(projectDirectory != null ? projectDirectory : System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("modules"))) {
        Path xsd = dir.resolve(SHARED_XSD).normalize();
        return Files.isRegularFile(xsd) ? Optional.of(xsd) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  static List<Path> validFiles() {
    return Fixtures.validFiles();
  }

  /**
   * Every invalid fixture but {@code wrong-root.xml}: a {@code reportResponse} is a valid document of
   * NCMEC's schema (it declares its responses too), just not one anybody may submit.
   */
  static List<Path> invalidFiles() {
    return Fixtures.invalidFiles().stream().filter(path -> !path.getFileName().toString().equals("wrong-root.xml"))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void everyValidFixtureIsValidAgainstNcmecsSchema(Path file) {
    assumeTrue(schema != null, "NCMEC schema not found at " + SHARED_XSD);

    assertThatCode(() -> validator().validate(new StreamSource(file.toFile()))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void everyInvalidFixtureIsRefusedByNcmecsSchemaToo(Path file) {
    assumeTrue(schema != null, "NCMEC schema not found at " + SHARED_XSD);

    assertThatThrownBy(() -> validator().validate(new StreamSource(file.toFile()))).isInstanceOf(SAXException.class);
  }

  private static Validator validator() throws SAXException {
    Validator validator = schema.newValidator();
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    assertThat(validator).isNotNull();
    return validator;
  }
}
