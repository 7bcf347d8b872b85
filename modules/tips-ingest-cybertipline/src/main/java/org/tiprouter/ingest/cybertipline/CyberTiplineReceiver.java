package org.tiprouter.ingest.cybertipline;

import org.tiprouter.core.ingest.RawTopicFollower;
import org.tiprouter.core.ingest.IngestDeadLetters;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.ingest.RawTipPublisher.NotAcknowledgedException;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.cybertipline.CyberTiplineCodes;
import org.tiprouter.formats.cybertipline.CyberTiplineDocument;
import org.tiprouter.formats.cybertipline.CyberTiplineReport;
import org.tiprouter.formats.cybertipline.CyberTiplineReportParser;
import org.tiprouter.formats.cybertipline.FileDetails;

/**
 * Receives one CyberTipline document, whether it came over HTTP or from an import folder: checks
 * its size, parses it strictly, and stores its exact bytes as a {@link RawTip} on
 * {@code tips.raw.cybertipline.v1} once, however often it is sent.
 *
 * <ul>
 *   <li>A report gets its report id and tip id from its SHA-256 ({@link ReportIds}); the topic is
 *       read to its end first ({@link RecordedDocuments}), and a document already there is not
 *       written again, so the same document always gets the same report id and one record.
 *   <li>A fileDetails document for a recorded report becomes its own raw record (raw records are
 *       immutable) with the report's tip id as key and tip id, the report id as external id and
 *       {@code document=fileDetails}; normalise attaches it to the report's tip.
 *   <li>A refused document goes to {@code tips.dlq.ingest.v1} with its original bytes (none when it
 *       is oversized), its reason code and a detail that names the element, never its value.
 * </ul>
 *
 * <p>Logs carry report ids, tip ids and reason codes only.
 */
final class CyberTiplineReceiver {

  /** The attribute that says which kind of document a raw record holds. */
  static final String DOCUMENT = "document";
  static final String REPORT = "report";
  static final String FILE_DETAILS = "fileDetails";

  private static final Logger LOG = LoggerFactory.getLogger(CyberTiplineReceiver.class);
  private static final int LOCK_STRIPES = 64;

  private final CyberTiplineReportParser parser;
  private final RawTipPublisher publisher;
  private final RecordedDocuments recorded;
  private final IngestDeadLetters deadLetters;
  private final DeadLetters letters;
  private final Duration timeout;
  private final Clock clock;
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * Where a document came from.
   *
   * @param source the producer name written to RawTip.source: ingest-cybertipline or import-cybertipline
   * @param contentType the media type it arrived with
   * @param attributes non-personal metadata, e.g. the file name of an imported document
   */
  record Origin(String source, String contentType, Map<String, String> attributes) {
    Origin {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(contentType, "contentType");
      attributes = Map.copyOf(attributes);
    }
  }

  CyberTiplineReceiver(CyberTiplineReportParser parser, RawTipPublisher publisher, RecordedDocuments recorded,
      IngestDeadLetters deadLetters, DeadLetters letters, Duration timeout, Clock clock) {
    this.parser = parser;
    this.publisher = publisher;
    this.recorded = recorded;
    this.deadLetters = deadLetters;
    this.letters = letters;
    this.timeout = timeout;
    this.clock = clock;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The largest document accepted. */
  int maxDocumentBytes() {
    return parser.limits().maxDocumentBytes();
  }

  /** A {@code report} document. */
  Receipt receiveReport(byte[] document, Origin origin) {
    Parsed<CyberTiplineReport> parsed = parser.parseReport(document);
    if (parsed instanceof Parsed.Rejected<CyberTiplineReport> rejected) {
      return refuse(document, rejected, origin, REPORT);
    }
    return storeReport(document, origin);
  }

  /** A {@code fileDetails} document; an unknown report id is dead-lettered. */
  Receipt receiveFileDetails(byte[] document, Origin origin) {
    Parsed<FileDetails> parsed = parser.parseFileDetails(document);
    if (parsed instanceof Parsed.Rejected<FileDetails> rejected) {
      return refuse(document, rejected, origin, FILE_DETAILS);
    }
    Receipt receipt = storeFileDetails(document, ((Parsed.Accepted<FileDetails>) parsed).value(), origin);
    if (receipt instanceof Receipt.UnknownReport unknown) {
      deadLetterUnknownReport(document, unknown, origin);
    }
    return receipt;
  }

  /**
   * A report or a fileDetails document, whichever it is. A fileDetails document for an unknown
   * report is not dead-lettered here: the caller may retry it after other documents (the folder
   * import does) and calls {@link #deadLetterUnknownReport} when it gives up.
   */
  Receipt receive(byte[] document, Origin origin) {
    Parsed<CyberTiplineDocument> parsed = parser.parse(document);
    if (parsed instanceof Parsed.Rejected<CyberTiplineDocument> rejected) {
      return refuse(document, rejected, origin, null);
    }
    CyberTiplineDocument value = ((Parsed.Accepted<CyberTiplineDocument>) parsed).value();
    return value instanceof FileDetails file ? storeFileDetails(document, file, origin) : storeReport(document, origin);
  }

  /** Dead-letters a document too large to read (without its bytes: the detail says the size). */
  Receipt refuseOversized(String sizeDetail, Origin origin) {
    String detail = "document " + sizeDetail + "; at most " + maxDocumentBytes() + " bytes are accepted";
    deadLetters.send(letters.create(ReasonCode.PAYLOAD_TOO_LARGE, detail, null, DeadLetters.Source.NONE, null, null,
        context(origin, null, CyberTiplineCodes.DOCUMENT_TOO_LARGE)));
    LOG.info("CyberTipline document refused ({}) from {}", ReasonCode.PAYLOAD_TOO_LARGE, origin.source());
    return new Receipt.Refused(CyberTiplineCodes.DOCUMENT_TOO_LARGE, null, detail, ReasonCode.PAYLOAD_TOO_LARGE);
  }

  /**
   * Dead-letters a request refused before its body was read (its media type is not XML, or its body
   * could not be read): no bytes are kept, the detail and context say why.
   */
  void refuseUnread(ReasonCode reason, String responseCode, String detail, Origin origin) {
    deadLetters.send(letters.create(reason, detail, null, DeadLetters.Source.NONE, null, null,
        context(origin, null, responseCode)));
    LOG.info("CyberTipline request refused ({}, {}) from {}", reason, responseCode, origin.source());
  }

  /** Dead-letters a fileDetails document whose report was never received. */
  void deadLetterUnknownReport(byte[] document, Receipt.UnknownReport unknown, Origin origin) {
    String detail = "fileDetails for report id " + unknown.reportId() + ", which was never received";
    deadLetters.send(letters.create(ReasonCode.VALIDATION_FAILED, detail, null, DeadLetters.Source.NONE, null,
        document, context(origin, FILE_DETAILS, "9422")));
    LOG.info("CyberTipline fileDetails for unknown report {} refused ({})", unknown.reportId(),
        ReasonCode.VALIDATION_FAILED);
  }

  /** Waits for the dead letters sent so far. */
  void flushDeadLetters() {
    deadLetters.flush();
  }

  private Receipt storeReport(byte[] document, Origin origin) {
    String sha256 = Sha256.hex(document);
    String reportId = ReportIds.reportIdOf(sha256);
    UUID tipId = ReportIds.tipIdOf(sha256);
    synchronized (lockFor(sha256)) {
      try {
        recorded.catchUp(timeout);
      } catch (RawTopicFollower.UnavailableException e) {
        LOG.warn("Report {} not stored: {}", reportId, e.getMessage());
        return new Receipt.NotStored(e.getMessage());
      }
      if (recorded.contains(sha256)) {
        LOG.info("Report {} (tip {}) was already stored; not written again", reportId, tipId);
        return new Receipt.Stored(reportId, tipId, null, true);
      }
      RawTip raw = rawTip(tipId, document, sha256, reportId, origin, Map.of(DOCUMENT, REPORT));
      try {
        publisher.publish(raw, timeout);
      } catch (NotAcknowledgedException e) {
        return new Receipt.NotStored(e.getMessage());
      }
      recorded.remember(raw);
      LOG.info("Report {} stored as tip {}", reportId, tipId);
      return new Receipt.Stored(reportId, tipId, null, false);
    }
  }

  private Receipt storeFileDetails(byte[] document, FileDetails file, Origin origin) {
    String sha256 = Sha256.hex(document);
    synchronized (lockFor(sha256)) {
      try {
        recorded.catchUp(timeout);
      } catch (RawTopicFollower.UnavailableException e) {
        LOG.warn("fileDetails for report {} not stored: {}", file.reportId(), e.getMessage());
        return new Receipt.NotStored(e.getMessage());
      }
      UUID tipId = recorded.tipOfReport(file.reportId()).orElse(null);
      if (tipId == null) {
        return new Receipt.UnknownReport(file.reportId(), file.fileId());
      }
      if (recorded.contains(sha256)) {
        LOG.info("fileDetails for report {} (tip {}) was already stored; not written again", file.reportId(), tipId);
        return new Receipt.Stored(file.reportId(), tipId, file.fileId(), true);
      }
      RawTip raw = rawTip(tipId, document, sha256, file.reportId(), origin,
          Map.of(DOCUMENT, FILE_DETAILS, "fileId", file.fileId()));
      try {
        publisher.publish(raw, timeout);
      } catch (NotAcknowledgedException e) {
        return new Receipt.NotStored(e.getMessage());
      }
      recorded.remember(raw);
      LOG.info("fileDetails for report {} stored with tip {}", file.reportId(), tipId);
      return new Receipt.Stored(file.reportId(), tipId, file.fileId(), false);
    }
  }

  private RawTip rawTip(UUID tipId, byte[] document, String sha256, String reportId, Origin origin,
      Map<String, String> documentAttributes) {
    Map<String, String> attributes = new HashMap<>(origin.attributes());
    attributes.putAll(documentAttributes);
    return RawTip.newBuilder()
        .setTipId(tipId)
        .setChannel(Channel.CYBERTIPLINE)
        .setReceivedAt(clock.instant())
        .setContentType(origin.contentType())
        .setPayload(ByteBuffer.wrap(document))
        .setPayloadSha256(sha256)
        .setExternalId(reportId)
        .setSource(origin.source())
        .setAttributes(attributes)
        .build();
  }

  private <T> Receipt refuse(byte[] document, Parsed.Rejected<T> rejected, Origin origin, String kind) {
    ReasonCode reason = switch (rejected.code()) {
      case CyberTiplineCodes.NOT_WELL_FORMED -> ReasonCode.PARSE_REJECTED;
      case CyberTiplineCodes.DOCUMENT_TOO_LARGE -> ReasonCode.PAYLOAD_TOO_LARGE;
      default -> ReasonCode.VALIDATION_FAILED;
    };
    String detail = rejected.code() + (rejected.field() == null ? "" : " " + rejected.field()) + ": "
        + rejected.detail();
    byte[] original = reason == ReasonCode.PAYLOAD_TOO_LARGE ? null : document;
    deadLetters.send(letters.create(reason, detail, null, DeadLetters.Source.NONE, null, original,
        context(origin, kind, rejected.code())));
    LOG.info("CyberTipline document refused ({}, {}) from {}", reason, rejected.code(), origin.source());
    return new Receipt.Refused(rejected.code(), rejected.field(), rejected.detail(), reason);
  }

  private static Map<String, String> context(Origin origin, String kind, String responseCode) {
    Map<String, String> context = new HashMap<>(origin.attributes());
    context.put("channel", "cybertipline");
    context.put("source", origin.source());
    context.put("responseCode", responseCode);
    if (kind != null) {
      context.put(DOCUMENT, kind);
    }
    return context;
  }

  private Object lockFor(String sha256) {
    return locks[Math.floorMod(sha256.hashCode(), LOCK_STRIPES)];
  }
}
