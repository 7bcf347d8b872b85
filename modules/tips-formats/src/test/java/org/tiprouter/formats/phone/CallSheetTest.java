package org.tiprouter.formats.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallSheetTest {

  private static final String HEADER = String.join(",", CallSheet.COLUMNS);

  private static List<CallSheet.Row> rows(String text, int maxRowBytes) throws IOException {
    return rows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxRowBytes);
  }

  private static List<CallSheet.Row> rows(InputStream in, int maxRowBytes) throws IOException {
    List<CallSheet.Row> rows = new ArrayList<>();
    try (CallSheet.Reader reader = new CallSheet.Reader(in, maxRowBytes)) {
      for (Optional<CallSheet.Row> row = reader.next(); row.isPresent(); row = reader.next()) {
        rows.add(row.get());
      }
    }
    return rows;
  }

  private static String text(CallSheet.Row row) {
    return new String(row.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void handsOutEachRecordAsItsExactBytesWithTheLineItStartsOn() throws IOException {
    List<CallSheet.Row> rows = rows("h1,h2\r\na,\"multi\r\nline, with \"\"quotes\"\"\"\r\n\r\nb,c\nd,\"e\"", 1024);

    assertThat(rows).extracting(CallSheet.Row::lineNumber).containsExactly(1L, 2L, 5L, 6L);
    assertThat(rows).extracting(CallSheetTest::text)
        .containsExactly("h1,h2", "a,\"multi\r\nline, with \"\"quotes\"\"\"", "b,c", "d,\"e\"");
  }

  @Test
  void aQuoteInsideAnUnquotedFieldDoesNotOpenAQuotedField() throws IOException {
    assertThat(rows("a,b\"c,d\ne,f\n", 1024)).extracting(CallSheetTest::text).containsExactly("a,b\"c,d", "e,f");
  }

  @Test
  void skipsAnOverlongRecordToTheNextLineAndGoesOn() throws IOException {
    List<CallSheet.Row> rows = rows("a,b\n\"" + "x".repeat(5000) + "\nc,d\n", 1024);

    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).tooLarge()).isTrue();
    assertThat(rows.get(1).lineNumber()).isEqualTo(2);
    assertThat(text(rows.get(2))).isEqualTo("c,d");
    assertThat(rows.get(2).lineNumber()).isEqualTo(3);
  }

  @Test
  void streamsAHundredThousandRowsWithoutHoldingThem() throws IOException {
    InputStream generated = new InputStream() {
      private final byte[] row = "call-x,2025-03-14T18:02:11Z,,,,,\"a tip\",,,,,,,,,,,,,,\n".getBytes(StandardCharsets.UTF_8);
      private long position;

      @Override
      public int read() {
        if (position >= row.length * 100_000L) {
          return -1;
        }
        return row[(int) (position++ % row.length)];
      }
    };
    long[] count = {0};
    try (CallSheet.Reader reader = new CallSheet.Reader(generated, 1024)) {
      for (Optional<CallSheet.Row> row = reader.next(); row.isPresent(); row = reader.next()) {
        count[0]++;
      }
    }
    assertThat(count[0]).isEqualTo(100_000);
  }

  @Test
  void acceptsTheHeaderNamingEveryColumnInOrder() {
    assertThat(CallSheet.headerProblem(HEADER.getBytes(StandardCharsets.UTF_8))).isEmpty();
    byte[] withBom = ("\uFEFF" + HEADER.toUpperCase()).getBytes(StandardCharsets.UTF_8);
    assertThat(CallSheet.headerProblem(withBom)).isEmpty();
  }

  @Test
  void refusesAHeaderWithAMissingUnknownOrMisplacedColumn() {
    assertThat(CallSheet.headerProblem(HEADER.replace("call_started_at,", "").getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("the header has no column call_started_at"));
    assertThat(CallSheet.headerProblem((HEADER + ",notes").getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("the header has an unknown column notes"));
    assertThat(CallSheet.headerProblem(HEADER.replace("call_id,call_started_at", "call_started_at,call_id")
        .getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(problem -> assertThat(problem).contains("order"));
    assertThat(CallSheet.headerProblem(new byte[] {(byte) 0xC3, 0x28})).hasValue("the header row is not valid UTF-8");
  }
}
