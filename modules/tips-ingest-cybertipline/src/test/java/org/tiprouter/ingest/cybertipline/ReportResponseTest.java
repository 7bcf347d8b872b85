package org.tiprouter.ingest.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.core.errors.ReasonCode;
import org.w3c.dom.Document;

/** Answers are NCMEC-shaped reportResponse documents, whatever they say. */
class ReportResponseTest {

  @Test
  void successCarriesCodeZeroAndTheReportId() {
    assertThat(ReportResponse.success("88410231", null).xml()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<reportResponse><responseCode>0</responseCode><responseDescription>Success</responseDescription>"
        + "<reportId>88410231</reportId></reportResponse>\n");
  }

  @Test
  void descriptionsAndFileIdsAreEscaped() throws Exception {
    String xml = new ReportResponse(422, 9422, "a <b> & \"c\" \u0001", "1", "f<1>&").xml();

    Document document = CyberTiplineSubmitIT.xml(xml);
    assertThat(CyberTiplineSubmitIT.text(document, "responseDescription")).isEqualTo("a <b> & \"c\"  ");
    assertThat(CyberTiplineSubmitIT.text(document, "fileId")).isEqualTo("f<1>&");
  }

  @Test
  void mapsEveryReceiptToItsStatusAndCode() {
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.Stored("7", UUID.randomUUID(), null, true)))
        .extracting(ReportResponse::httpStatus, ReportResponse::responseCode).containsExactly(200, 0);
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.Refused("4100", "/report/x", "bad", ReasonCode.VALIDATION_FAILED)))
        .satisfies(answer -> {
          assertThat(answer.httpStatus()).isEqualTo(400);
          assertThat(answer.responseCode()).isEqualTo(4100);
          assertThat(answer.description()).isEqualTo("Validation failed at /report/x: bad");
        });
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.Refused("4110", null, "broken", ReasonCode.PARSE_REJECTED)))
        .extracting(ReportResponse::httpStatus, ReportResponse::responseCode).containsExactly(400, 4110);
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.Refused("9413", null, "big", ReasonCode.PAYLOAD_TOO_LARGE)))
        .extracting(ReportResponse::httpStatus, ReportResponse::responseCode).containsExactly(413, 9413);
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.UnknownReport("5", "f")))
        .extracting(ReportResponse::httpStatus, ReportResponse::responseCode).containsExactly(422, 9422);
    assertThat(CyberTiplineIntakeServer.answer(new Receipt.NotStored("down")))
        .extracting(ReportResponse::httpStatus, ReportResponse::responseCode).containsExactly(503, 9503);
  }
}
