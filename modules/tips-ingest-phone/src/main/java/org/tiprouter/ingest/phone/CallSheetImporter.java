package org.tiprouter.ingest.phone;

import org.tiprouter.core.ingest.RawTopicFollower;
import org.tiprouter.core.ingest.IngestDeadLetters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.formats.phone.CallSheet;
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.formats.phone.PhoneCodes;
import org.tiprouter.formats.phone.PhoneViolation;

/**
 * {@code tiprouter import phone FILE.csv}: a call centre's export of a shift's calls. Streams the
 * file record by record ({@link CallSheet.Reader}; never the whole file in memory); each row becomes
 * a {@link RawTip} on the phone raw topic (its exact bytes, {@code text/csv; charset=utf-8},
 * attributes {@code fileName} and {@code lineNumber}, source {@value #SOURCE}) or a dead letter on
 * the ingest DLQ with file name, line number and reason; one bad row never stops the file.
 * Idempotent by {@code call_id}: the raw topic is read to its end first, and a call already there
 * (or earlier in the same file) is counted as a duplicate and not written. Rows are written in
 * windows and each window waits for the broker's acknowledgement; when the broker does not confirm,
 * the import stops (the next run skips what was stored).
 */
final class CallSheetImporter {

  static final String SOURCE = "import-phone";
  private static final Logger LOG = LoggerFactory.getLogger(CallSheetImporter.class);
  private static final int WINDOW = 500;
  /** How long the start of an import may spend reading the raw topic back. */
  private static final Duration CATCH_UP = Duration.ofMinutes(2);

  private final PhoneCallParser parser;
  private final RecordedCalls recorded;
  private final Supplier<Producer<String, RawTip>> producers;
  private final String topic;
  private final IngestDeadLetters deadLetters;
  private final DeadLetters letters;
  private final int maxRowBytes;
  private final Duration ackTimeout;
  private final Clock clock;

  CallSheetImporter(PhoneCallParser parser, RecordedCalls recorded, Supplier<Producer<String, RawTip>> producers,
      String topic, IngestDeadLetters deadLetters, DeadLetters letters, int maxRowBytes, Duration ackTimeout,
      Clock clock) {
    this.parser = parser;
    this.recorded = recorded;
    this.producers = producers;
    this.topic = topic;
    this.deadLetters = deadLetters;
    this.letters = letters;
    this.maxRowBytes = maxRowBytes;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  private final class Run {
    final String fileName;
    final Producer<String, RawTip> producer;
    final List<Pending> pending = new ArrayList<>();
    long accepted;
    long duplicate;
    long rejected;
    long notStored;

    Run(String fileName, Producer<String, RawTip> producer) {
      this.fileName = fileName;
      this.producer = producer;
    }
  }

  private record Pending(String callId, RecordedCalls.Entry entry, Future<RecordMetadata> ack) {}

  CallSheetImportSummary importFile(Path file) {
    String fileName = file.getFileName().toString();
    if (!Files.isRegularFile(file)) {
      return refusedFile(file, "there is no such file");
    }
    try {
      recorded.catchUp(CATCH_UP);
    } catch (RawTopicFollower.UnavailableException e) {
      return refusedFile(file, "the raw topic could not be read (" + e.getMessage() + "); nothing was imported");
    }
    try (InputStream in = Files.newInputStream(file);
        CallSheet.Reader reader = new CallSheet.Reader(in, maxRowBytes);
        Producer<String, RawTip> producer = producers.get()) {
      Optional<CallSheet.Row> header = reader.next();
      Optional<String> headerProblem = header.isEmpty() ? Optional.of("the file is empty; a header row is required")
          : header.get().tooLarge() ? Optional.of("the header row is too long")
          : CallSheet.headerProblem(header.get().bytes());
      if (headerProblem.isPresent()) {
        deadLetter(ReasonCode.VALIDATION_FAILED, "CSV_HEADER: " + headerProblem.get(),
            header.map(CallSheet.Row::bytes).orElse(null), fileName, 1, "CSV_HEADER");
        deadLetters.flush();
        return refusedFile(file, headerProblem.get());
      }
      Run run = new Run(fileName, producer);
      for (Optional<CallSheet.Row> row = reader.next(); row.isPresent(); row = reader.next()) {
        if (!importRow(run, row.get())) {
          LOG.warn("Import of {} stopped at line {}: the broker did not confirm", fileName, row.get().lineNumber());
          break;
        }
      }
      drain(run);
      deadLetters.flush();
      CallSheetImportSummary summary = new CallSheetImportSummary(file, run.accepted, run.duplicate, run.rejected,
          run.notStored, null);
      LOG.info("Phone call-sheet import of {}: {} accepted, {} duplicate, {} rejected, {} not stored", fileName,
          run.accepted, run.duplicate, run.rejected, run.notStored);
      return summary;
    } catch (NoSuchFileException e) {
      return refusedFile(file, "there is no such file");
    } catch (IOException e) {
      return refusedFile(file, "the file could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Imports one row; false when the import must stop (the broker did not confirm). */
  private boolean importRow(Run run, CallSheet.Row row) {
    if (row.tooLarge()) {
      run.rejected++;
      deadLetter(ReasonCode.PAYLOAD_TOO_LARGE, PhoneCodes.CSV_ROW_TOO_LARGE + ": the row is longer than "
          + maxRowBytes + " bytes", null, run.fileName, row.lineNumber(), PhoneCodes.CSV_ROW_TOO_LARGE);
      return true;
    }
    PhoneCallParser.Checked checked = parser.checkCsvRow(row.bytes());
    if (!checked.valid()) {
      run.rejected++;
      PhoneViolation first = checked.violations().get(0);
      ReasonCode reason = first.code().startsWith("CSV_") ? ReasonCode.PARSE_REJECTED : ReasonCode.VALIDATION_FAILED;
      deadLetter(reason, first.code() + (first.field() == null ? "" : " " + first.field()) + ": " + first.message(),
          row.bytes(), run.fileName, row.lineNumber(), first.code());
      return true;
    }
    String callId = checked.call().callId();
    if (recorded.get(callId).isPresent()) {
      run.duplicate++;
      return true;
    }
    String sha256 = Sha256.hex(row.bytes());
    RawTip raw = CallRecorder.rawTip(callId, row.bytes(), sha256, CallSheet.CONTENT_TYPE, SOURCE,
        Map.of("fileName", run.fileName, "lineNumber", Long.toString(row.lineNumber())), clock);
    RecordedCalls.Entry entry = new RecordedCalls.Entry(raw.getTipId(), sha256);
    recorded.remember(callId, entry);
    try {
      run.pending.add(new Pending(callId, entry,
          run.producer.send(new ProducerRecord<>(topic, raw.getTipId().toString(), raw))));
    } catch (RuntimeException e) {
      recorded.forget(callId, entry);
      run.notStored++;
      return false;
    }
    return run.pending.size() < WINDOW || drain(run);
  }

  /** Waits for the window's acknowledgements; false when one was not confirmed. */
  private boolean drain(Run run) {
    boolean allStored = true;
    for (Pending pending : run.pending) {
      try {
        pending.ack().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        run.accepted++;
      } catch (ExecutionException | TimeoutException e) {
        recorded.forget(pending.callId(), pending.entry());
        run.notStored++;
        allStored = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        recorded.forget(pending.callId(), pending.entry());
        run.notStored++;
        allStored = false;
      }
    }
    run.pending.clear();
    return allStored;
  }

  private void deadLetter(ReasonCode reason, String detail, byte[] original, String fileName, long lineNumber,
      String code) {
    Map<String, String> context = new HashMap<>();
    context.put("fileName", fileName);
    context.put("lineNumber", Long.toString(lineNumber));
    context.put("channel", "phone");
    context.put("source", SOURCE);
    context.put("code", code);
    deadLetters.send(letters.create(reason, detail, null, DeadLetters.Source.NONE, null, original, context));
  }

  private CallSheetImportSummary refusedFile(Path file, String problem) {
    LOG.warn("Phone call-sheet import of {} refused: {}", file.getFileName(), problem);
    return new CallSheetImportSummary(file, 0, 0, 0, 0, problem);
  }
}
