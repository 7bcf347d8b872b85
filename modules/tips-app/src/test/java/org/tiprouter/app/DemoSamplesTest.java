package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.Sha256;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.cybertipline.CyberTiplineDocument;
import org.tiprouter.formats.cybertipline.CyberTiplineReportParser;
import org.tiprouter.formats.cybertipline.FileDetails;
import org.tiprouter.ingest.cybertipline.ReportIds;

/** The demo's sample CyberTipline folder: found from anywhere in the checkout, and every file imports. */
class DemoSamplesTest {

  @Test
  void everySampleIsAValidDocumentAndTheFileDetailsBelongToASampleReport() throws Exception {
    Path samples = DemoSamples.find().orElseThrow();
    List<Path> files;
    try (Stream<Path> list = Files.list(samples)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);

    CyberTiplineReportParser parser = new CyberTiplineReportParser();
    List<String> reportIds = new java.util.ArrayList<>();
    List<FileDetails> fileDetails = new java.util.ArrayList<>();
    for (Path file : files) {
      byte[] document = Files.readAllBytes(file);
      Parsed<CyberTiplineDocument> parsed = parser.parse(document);
      assertThat(parsed).as(file.getFileName().toString()).isInstanceOf(Parsed.Accepted.class);
      if (((Parsed.Accepted<CyberTiplineDocument>) parsed).value() instanceof FileDetails details) {
        fileDetails.add(details);
      } else {
        reportIds.add(ReportIds.reportIdOf(Sha256.hex(document)));
      }
    }
    assertThat(fileDetails).isNotEmpty().allSatisfy(details -> assertThat(reportIds).contains(details.reportId()));
  }
}
