package org.tiprouter.formats.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.formats.Parsed;

/**
 * Hostile input is expected. Each attack is refused fast, reads no file (the canary's text never
 * appears), opens no connection (a local server socket stays untouched) and allocates little.
 */
class HostileDocumentTest {

  private static final Duration FAST = Duration.ofSeconds(2);
  private static final long LITTLE_MEMORY = 64L * 1024 * 1024;

  private final CyberTiplineReportParser parser = new CyberTiplineReportParser();

  @TempDir
  Path dir;

  private ServerSocket server;
  private String canaryText;
  private String canaryUri;
  private String serverUrl;

  @BeforeEach
  void plantCanaryAndListen() throws IOException {
    canaryText = "CANARY-" + UUID.randomUUID();
    Path canary = Files.writeString(dir.resolve("canary.txt"), canaryText);
    canaryUri = canary.toUri().toString();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serverUrl = "http://127.0.0.1:" + server.getLocalPort();
  }

  @AfterEach
  void noConnectionWasMade() throws IOException {
    try {
      server.setSoTimeout(200);
      assertThatThrownBy(server::accept).as("a connection reached the local server")
          .isInstanceOf(SocketTimeoutException.class);
    } finally {
      server.close();
    }
  }

  @Test
  void refusesXxeThroughAFileEntity() {
    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report [<!ENTITY xxe SYSTEM \"" + canaryUri + "\">]>", "&xxe;")));

    assertThat(parsed).isEqualTo(doctypeRefused());
    assertThat(parsed.toString()).doesNotContain(canaryText);
  }

  @Test
  void refusesXxeThroughAnHttpEntity() {
    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report [<!ENTITY xxe SYSTEM \"" + serverUrl + "/xxe\">]>", "&xxe;")));

    assertThat(parsed).isEqualTo(doctypeRefused());
  }

  @Test
  void refusesAnOutOfBandParameterEntity() {
    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report [<!ENTITY % remote SYSTEM \"" + serverUrl + "/oob.dtd\"> %remote;"
            + "<!ENTITY % file SYSTEM \"" + canaryUri + "\">]>", "Example")));

    assertThat(parsed).isEqualTo(doctypeRefused());
    assertThat(parsed.toString()).doesNotContain(canaryText);
  }

  @Test
  void refusesAnExternalDtd() {
    assertThat(refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report SYSTEM \"" + serverUrl + "/report.dtd\">", "Example")))).isEqualTo(doctypeRefused());
    assertThat(refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report PUBLIC \"-//Example//DTD Report//EN\" \"" + serverUrl + "/public.dtd\">", "Example"))))
        .isEqualTo(doctypeRefused());
    assertThat(refusedFast(() -> parser.parseReport(report(
        "<!DOCTYPE report SYSTEM \"" + canaryUri + "\">", "Example")))).isEqualTo(doctypeRefused());
  }

  @Test
  void refusesBillionLaughsFastAndWithLittleMemory() {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE report [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 12; i++) {
      doctype.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    doctype.append("]>");

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(report(doctype.toString(), "&lol12;")));

    assertThat(parsed).isEqualTo(doctypeRefused());
  }

  @Test
  void refusesQuadraticBlowup() {
    String big = "x".repeat(100_000);
    String doctype = "<!DOCTYPE report [<!ENTITY big \"" + big + "\">]>";

    assertThat(refusedFast(() -> parser.parseReport(report(doctype, "&big;".repeat(10_000)))))
        .isEqualTo(doctypeRefused());
  }

  @Test
  void xincludeIsJustAnElementInANamespaceAndIsRefused() {
    byte[] document = ("<report xmlns:xi=\"http://www.w3.org/2001/XInclude\"><incidentSummary>"
        + "<incidentType>Child Sex Tourism</incidentType><platform><xi:include href=\"" + canaryUri
        + "\" parse=\"text\"/></platform><incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime>"
        + "</incidentSummary><reporter><reportingPerson/></reporter></report>").getBytes(StandardCharsets.UTF_8);

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    assertThat(((Parsed.Rejected<CyberTiplineReport>) parsed).code()).isEqualTo("4100");
    assertThat(parsed.toString()).doesNotContain(canaryText);
  }

  @Test
  void schemaLocationHintsAreNeverFollowed() {
    byte[] document = ("<report xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
        + " xsi:noNamespaceSchemaLocation=\"" + serverUrl + "/cyber_tipline.xsd\"><incidentSummary>"
        + "<incidentType>Child Sex Tourism</incidentType><incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime>"
        + "</incidentSummary><reporter><reportingPerson/></reporter></report>").getBytes(StandardCharsets.UTF_8);

    Parsed<CyberTiplineReport> parsed = assertTimeoutPreemptively(FAST, () -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
  }

  @Test
  void refusesAnOversizeDocumentBeforeParsingIt() {
    byte[] document = new byte[XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES + 1];
    java.util.Arrays.fill(document, (byte) '<');

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(document));

    assertThat(parsed).isEqualTo(Parsed.rejected("9413", null,
        "the document is 5242881 bytes; at most 5242880 are accepted"));
  }

  @Test
  void acceptsAValidDocumentJustUnderTheLimit() {
    String head = "<report><incidentSummary><incidentType>Child Sex Tourism</incidentType>"
        + "<incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime></incidentSummary>"
        + "<reporter><reportingPerson/></reporter><additionalInfo>";
    String tail = "</additionalInfo></report>";
    String padding = "a &amp; b ".repeat((XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES - head.length() - tail.length()) / 10);
    byte[] document = (head + padding + tail).getBytes(StandardCharsets.UTF_8);
    assertThat(document.length).isLessThanOrEqualTo(XmlLimits.DEFAULT_MAX_DOCUMENT_BYTES);

    Parsed<CyberTiplineReport> parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Accepted.class);
    assertThat(((Parsed.Accepted<CyberTiplineReport>) parsed).value().additionalInfo()).startsWith("a & b a & b");
  }

  @Test
  void refusesAMillionNestedElementsFast() {
    int depth = 1_000_000;
    byte[] document = ("<report>" + "<a>".repeat(depth)).getBytes(StandardCharsets.UTF_8);

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    assertThat(((Parsed.Rejected<CyberTiplineReport>) parsed).code()).isEqualTo("4100");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    CyberTiplineReportParser shallow = new CyberTiplineReportParser(XmlLimits.defaults().withMaxDepth(4));

    Parsed<CyberTiplineReport> parsed = shallow.parseReport(Fixtures.valid("report-09-trafficking-multi.xml"));

    assertThat(parsed).isEqualTo(Parsed.rejected("4100", "/report/reporter/reportingPerson/address[1]/address",
        "elements are nested deeper than 4 levels"));
  }

  @Test
  void refusesAnElementWithThousandsOfAttributes() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      attributes.append(" a").append(i).append("=\"x\"");
    }
    byte[] document = ("<report" + attributes + "/>").getBytes(StandardCharsets.UTF_8);

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    assertThat(((Parsed.Rejected<CyberTiplineReport>) parsed).code()).isEqualTo("4100");
  }

  @Test
  void refusesAHugeElementName() {
    byte[] document = ("<report><" + "n".repeat(1_000_000) + "/></report>").getBytes(StandardCharsets.UTF_8);

    Parsed<CyberTiplineReport> parsed = refusedFast(() -> parser.parseReport(document));

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
  }

  private Parsed<CyberTiplineReport> refusedFast(Supplier<Parsed<CyberTiplineReport>> parse) {
    return assertTimeoutPreemptively(FAST, () -> {
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      Parsed<CyberTiplineReport> parsed = parse.get();
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(allocated).as("bytes allocated while refusing").isLessThan(LITTLE_MEMORY);
      assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
      return parsed;
    });
  }

  private static Parsed<CyberTiplineReport> doctypeRefused() {
    return Parsed.rejected("4100", "/", "DOCTYPE declarations are not accepted: a CyberTipline document has no DTD,"
        + " entities or external references");
  }

  private static byte[] report(String doctype, String platform) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + doctype + "<report><incidentSummary>"
        + "<incidentType>Child Sex Tourism</incidentType><platform>" + platform + "</platform>"
        + "<incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime></incidentSummary>"
        + "<reporter><reportingPerson/></reporter></report>").getBytes(StandardCharsets.UTF_8);
  }
}
