package org.tiprouter.formats.cybertipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tiprouter.formats.Parsed;

/**
 * Strict like NCMEC: a document that breaks the schema is a 4100 naming the element, XML that is
 * not well-formed a 4110; the detail never repeats what the sender wrote.
 */
class CyberTiplineRejectionTest {

  private final CyberTiplineReportParser parser = new CyberTiplineReportParser();

  @ParameterizedTest(name = "{0} -> {1} at {2}")
  @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
      out-of-order.xml                        | 4100 | /report/incidentSummary/platform                       | out of order
      out-of-order-sections.xml               | 4100 | /report/personOrUserReported                           | out of order
      unknown-element.xml                     | 4100 | /report/reporter/reportingPerson/middleName            | not allowed in reportingPerson
      bad-incident-type.xml                   | 4100 | /report/incidentSummary/incidentType                   | not a valid incident type
      incident-type-with-spaces.xml           | 4100 | /report/incidentSummary/incidentType                   | not a valid incident type
      bad-state.xml                           | 4100 | /report/victim[1]/victimPerson/address[1]/state        | not a valid US state code
      bad-country.xml                         | 4100 | /report/personOrUserReported[1]/estimatedLocation/countryCode | not a valid country code
      annotation-false.xml                    | 4100 | /report/incidentSummary/reportAnnotations/sextortion   | presence-only annotation
      file-annotation-false.xml               | 4100 | /fileDetails/fileAnnotations/generativeAi              | presence-only annotation
      annotation-twice.xml                    | 4100 | /report/incidentSummary/reportAnnotations/spam         | at most once
      missing-reporter.xml                    | 4100 | /report/reporter                                       | required element reporter is missing
      missing-incident-time.xml               | 4100 | /report/incidentSummary/incidentDateTime               | required element incidentDateTime is missing
      impossible-date.xml                     | 4100 | /report/incidentSummary/incidentDateTime               | not a valid xs:dateTime
      bad-age.xml                             | 4100 | /report/victim[1]/victimPerson/age                     | not a valid xs:int
      two-incidents-in-one-details.xml        | 4100 | /report/internetDetails[1]/emailIncident               | only one of webPageIncident
      empty-internet-details.xml              | 4100 | /report/internetDetails[1]                             | one of webPageIncident, emailIncident
      unknown-attribute.xml                   | 4100 | /report/reporter/reportingPerson/email[1]/@kind        | attribute kind is not allowed on email
      bad-attribute-value.xml                 | 4100 | /report/reporter/reportingPerson/phone[1]/@countryCallingCode | not a valid country calling code
      missing-required-attribute.xml          | 4100 | /report/personOrUserReported[1]/associatedAccount[1]/@type | required attribute type
      in-a-namespace.xml                      | 4100 | /report                                                | in a namespace
      text-between-elements.xml               | 4100 | /report/incidentSummary                                | only elements, not text
      element-inside-text.xml                 | 4100 | /report/incidentSummary/platform/b                     | only text, not element b
      wrong-root.xml                          | 4100 | /reportResponse                                        | root element must be report or fileDetails
      file-details-missing-file-id.xml        | 4100 | /fileDetails/fileId                                    | required element fileId is missing
      file-details-hash-without-type.xml      | 4100 | /fileDetails/originalFileHash[1]/@hashType             | required attribute hashType
      file-details-both-meme-forms.xml        | 4100 | /fileDetails/fileAnnotations                           | only one of potentialMeme, fileAnnotations
      file-details-report-id-not-a-number.xml | 4100 | /fileDetails/reportId                                  | not a valid xs:long
      batched-report-with-text.xml            | 4100 | /report/batchedReport                                  | must be empty
      not-well-formed-mismatched-tag.xml      | 4110 | -                                                      | not well-formed XML at line 5
      not-well-formed-truncated.xml           | 4110 | -                                                      | not well-formed XML
      not-well-formed-undeclared-entity.xml   | 4110 | -                                                      | not well-formed XML at line 5
      not-well-formed-two-roots.xml           | 4110 | -                                                      | not well-formed XML
      not-well-formed-unescaped-ampersand.xml | 4110 | -                                                      | not well-formed XML at line 5
      not-well-formed-plain-text.xml          | 4110 | -                                                      | not well-formed XML
      not-well-formed-empty.xml               | 4110 | -                                                      | not well-formed XML
      """)
  void rejectsWithTheNcmecCodeAndTheElementPath(String file, String code, String field, String detail) {
    Parsed<CyberTiplineDocument> parsed = parser.parse(Fixtures.invalid(file));

    assertThat(parsed).isInstanceOf(Parsed.Rejected.class);
    Parsed.Rejected<CyberTiplineDocument> rejected = (Parsed.Rejected<CyberTiplineDocument>) parsed;
    assertThat(rejected.code()).as(rejected.toString()).isEqualTo(code);
    assertThat(rejected.field()).as(rejected.toString()).isEqualTo(field);
    assertThat(rejected.detail()).as(rejected.toString()).contains(detail);
  }

  @Test
  void everyInvalidFixtureIsCovered() {
    Set<String> files = Fixtures.invalidFiles().stream().map(Path::getFileName).map(Path::toString)
        .collect(Collectors.toSet());
    assertThat(files).hasSize(35);
  }

  @Test
  void detailsNeverRepeatTheValueTheSenderWrote() {
    List<String[]> cases = List.of(
        new String[] {"bad-incident-type.xml", "Child Abuse"},
        new String[] {"bad-state.xml", "Tennessee"},
        new String[] {"bad-country.xml", "USA"},
        new String[] {"bad-age.xml", "about 12"},
        new String[] {"impossible-date.xml", "2025-02-30"},
        new String[] {"file-details-report-id-not-a-number.xml", "R-88410231"},
        new String[] {"not-well-formed-undeclared-entity.xml", "examplePlatform"},
        new String[] {"not-well-formed-mismatched-tag.xml", "incidentDate"});
    for (String[] testCase : cases) {
      Parsed<CyberTiplineDocument> parsed = parser.parse(Fixtures.invalid(testCase[0]));
      assertThat(parsed.toString()).as(testCase[0]).doesNotContain(testCase[1]);
    }
  }

  @Test
  void outOfOrderNamesBothElements() {
    Parsed<CyberTiplineReport> parsed = parser.parseReport(Fixtures.invalid("out-of-order.xml"));

    assertThat(parsed).isEqualTo(Parsed.rejected("4100", "/report/incidentSummary/platform",
        "element platform is out of order in incidentSummary: it must come before escalateToHighPriority"));
  }

  @Test
  void aFalsePresenceOnlyAnnotationIsRefusedButEmptyTrueAndOneAreAccepted() {
    String template = """
        <report><incidentSummary><incidentType>Child Sex Tourism</incidentType>
        <reportAnnotations><spam>%s</spam></reportAnnotations>
        <incidentDateTime>2025-01-05T12:00:00Z</incidentDateTime></incidentSummary>
        <reporter><reportingPerson/></reporter></report>""";
    for (String accepted : List.of("", "true", "1", " true ")) {
      assertThat(parser.parseReport(String.format(template, accepted).getBytes()))
          .as("'%s'", accepted).isInstanceOf(Parsed.Accepted.class);
    }
    for (String refused : List.of("false", "0", "yes", " ")) {
      assertThat(parser.parseReport(String.format(template, refused).getBytes()))
          .as("'%s'", refused).isInstanceOf(Parsed.Rejected.class)
          .extracting(rejected -> ((Parsed.Rejected<?>) rejected).field())
          .isEqualTo("/report/incidentSummary/reportAnnotations/spam");
    }
  }
}
