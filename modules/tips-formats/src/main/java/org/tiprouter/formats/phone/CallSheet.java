package org.tiprouter.formats.phone;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A call-sheet CSV (RFC 4180, UTF-8): its columns, and a streaming reader that hands out one record
 * at a time as its exact bytes, so a file of any length is never held in memory. The reader only
 * finds where each record ends (a line break outside a quoted field); the fields themselves are
 * parsed by Apache Commons CSV ({@link #fields}).
 */
public final class CallSheet {

  /** The columns, in the order the header must name them. */
  public static final List<String> COLUMNS = List.of("call_id", "call_started_at", "caller_number",
      "caller_anonymous", "call_taker", "incident_types", "description", "occurred_at", "location_address",
      "location_city", "location_state", "location_zip", "location_latitude", "location_longitude", "victim_age",
      "suspect_name", "suspect_phone", "suspect_email", "suspect_username", "suspect_service",
      "child_in_immediate_danger");

  /** Media type of a call-sheet row stored as a raw tip. */
  public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  /** RFC 4180 fields, nothing trimmed, nothing skipped. */
  static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private CallSheet() {}

  /**
   * The fields of one record's text (without its line break), parsed with Commons CSV.
   *
   * @return the fields, or empty when the text is not exactly one well-formed RFC 4180 record
   */
  public static Optional<List<String>> fields(String record) {
    try (CSVParser parser = CSVParser.parse(new StringReader(record), FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        return Optional.empty();
      }
      List<String> fields = new ArrayList<>();
      records.get(0).forEach(fields::add);
      return Optional.of(fields);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks a header record's bytes: UTF-8 (a leading byte-order mark is allowed), one RFC 4180
   * record naming exactly {@link #COLUMNS} in order (names trimmed, case-insensitive).
   *
   * @return empty when the header is right, else what is wrong with it (names columns, never data)
   */
  public static Optional<String> headerProblem(byte[] header) {
    byte[] bytes = header;
    if (bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]) {
      bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    Optional<String> text = FormBodies.strictUtf8(bytes);
    if (text.isEmpty()) {
      return Optional.of("the header row is not valid UTF-8");
    }
    Optional<List<String>> names = fields(text.get());
    if (names.isEmpty()) {
      return Optional.of("the header row is not one well-formed CSV record");
    }
    List<String> given = names.get().stream().map(name -> name.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    for (String column : COLUMNS) {
      if (!given.contains(column)) {
        return Optional.of("the header has no column " + column + "; it must name exactly: " + String.join(",", COLUMNS));
      }
    }
    for (String name : given) {
      if (!COLUMNS.contains(name)) {
        return Optional.of("the header has an unknown column " + name + "; it must name exactly: "
            + String.join(",", COLUMNS));
      }
    }
    if (!given.equals(COLUMNS)) {
      return Optional.of("the header names the columns in another order or more than once; it must be exactly: "
          + String.join(",", COLUMNS));
    }
    return Optional.empty();
  }

  /**
   * One record of the file.
   *
   * @param lineNumber the line it starts on (the header is line 1)
   * @param bytes its exact bytes without the line break; null when it was longer than allowed
   */
  public record Row(long lineNumber, byte[] bytes) {
    public boolean tooLarge() {
      return bytes == null;
    }
  }

  /**
   * Reads records one at a time. A record ends at a line feed (LF or CRLF) outside a quoted field;
   * a quote opens a quoted field only at the start of a field, and {@code ""} inside one is an
   * escaped quote (RFC 4180). A record longer than the limit is reported as too large and skipped
   * up to the next line feed, whatever its quoting, so one bad record never stops the file. Blank
   * lines are skipped.
   */
  public static final class Reader implements Closeable {

    private final InputStream in;
    private final int maxRecordBytes;
    private long line = 1;
    private boolean ended;

    /** @param in the file; owned by this reader (buffered here when it is not) */
    public Reader(InputStream in, int maxRecordBytes) {
      this.in = in.markSupported() ? in : new java.io.BufferedInputStream(in, 64 * 1024);
      this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or empty at the end of the file. */
    public Optional<Row> next() throws IOException {
      while (!ended) {
        Optional<Row> row = read();
        if (row.isPresent() && (row.get().tooLarge() || !blank(row.get().bytes()))) {
          return row;
        }
      }
      return Optional.empty();
    }

    private Optional<Row> read() throws IOException {
      long start = line;
      ByteArrayOutputStream record = new ByteArrayOutputStream(256);
      boolean quoted = false;
      boolean fieldStart = true;
      boolean tooLarge = false;
      int previous = -1;
      int b;
      while ((b = in.read()) != -1) {
        if (b == '\n') {
          line++;
          if (!quoted || tooLarge) {
            return Optional.of(new Row(start, tooLarge ? null : withoutCr(record.toByteArray())));
          }
        }
        if (tooLarge) {
          continue;
        }
        if (quoted) {
          if (b == '"') {
            int following = peek();
            if (following == '"') {
              record.write(b);
              b = in.read();
            } else {
              quoted = false;
            }
          }
        } else if (b == '"' && fieldStart) {
          quoted = true;
        }
        fieldStart = !quoted && (b == ',' || b == '\n');
        record.write(b);
        if (record.size() > maxRecordBytes) {
          tooLarge = true;
          record = new ByteArrayOutputStream(0);
        }
        previous = b;
      }
      ended = true;
      if (previous == -1 && !tooLarge) {
        return Optional.empty();
      }
      return Optional.of(new Row(start, tooLarge ? null : record.toByteArray()));
    }

    private int peek() throws IOException {
      in.mark(1);
      int b = in.read();
      in.reset();
      return b;
    }

    private static byte[] withoutCr(byte[] bytes) {
      return bytes.length > 0 && bytes[bytes.length - 1] == '\r'
          ? java.util.Arrays.copyOf(bytes, bytes.length - 1) : bytes;
    }

    private static boolean blank(byte[] bytes) {
      for (byte b : bytes) {
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
