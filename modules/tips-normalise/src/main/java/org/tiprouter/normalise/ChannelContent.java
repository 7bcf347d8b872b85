package org.tiprouter.normalise;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.TipAttachment;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.formats.Parsed;
import org.tiprouter.formats.cybertipline.CyberTiplineDocument;
import org.tiprouter.formats.cybertipline.CyberTiplineReport;
import org.tiprouter.formats.cybertipline.CyberTiplineReportParser;
import org.tiprouter.formats.cybertipline.CyberTiplineTipMapper;
import org.tiprouter.formats.cybertipline.FileDetails;
import org.tiprouter.formats.phone.PhoneCall;
import org.tiprouter.formats.phone.PhoneCallParser;
import org.tiprouter.formats.phone.PhoneTipMapper;
import org.tiprouter.formats.web.WebSubmission;
import org.tiprouter.formats.web.WebSubmissionParser;
import org.tiprouter.formats.web.WebTipMapper;

/**
 * Reads a raw payload with its channel's parser (the same parsers the intakes use, from
 * tips-formats) and fills the canonical tip's content. Upstream feeds may write raw topics
 * directly, so every payload is parsed again here, strictly; one the parser refuses becomes a
 * dead letter with the parser's code and the field it names, never its text.
 */
final class ChannelContent {

  /** What a payload became. */
  sealed interface Result {
    /** The tip with the channel's content. */
    record Filled(Tip tip) implements Result {}

    /** A file of an earlier tip (a CyberTipline fileDetails document), to attach to that tip. */
    record Attached(TipAttachment attachment) implements Result {}

    /** Why the payload cannot become a tip (yet). */
    record Refused(ReasonCode reason, String detail) implements Result {}
  }

  private final WebSubmissionParser webParser;
  private final WebTipMapper webMapper = new WebTipMapper();
  private final CyberTiplineReportParser cyberTiplineParser = new CyberTiplineReportParser();
  private final CyberTiplineTipMapper cyberTiplineMapper = new CyberTiplineTipMapper();
  private final PhoneCallParser phoneParser;
  private final PhoneTipMapper phoneMapper = new PhoneTipMapper();

  ChannelContent(Clock clock) {
    this.webParser = new WebSubmissionParser(clock);
    this.phoneParser = new PhoneCallParser(clock);
  }

  /**
   * The tip of {@code raw}, built on {@code base} (identity, provenance and external id already
   * set).
   */
  Result fill(RawTip raw, Tip base) {
    byte[] payload = bytes(raw.getPayload());
    return switch (raw.getChannel()) {
      case WEB -> web(payload, raw.getContentType(), base);
      case CYBERTIPLINE -> cyberTipline(payload, raw, base);
      case PHONE -> phone(payload, raw.getContentType(), base);
      default -> new Result.Refused(ReasonCode.UNKNOWN_CHANNEL, "channel " + raw.getChannel());
    };
  }

  private Result phone(byte[] payload, String contentType, Tip base) {
    Parsed<PhoneCall> parsed = phoneParser.parse(payload, contentType);
    if (parsed instanceof Parsed.Rejected<PhoneCall> rejected) {
      return new Result.Refused(ReasonCode.VALIDATION_FAILED, refusal("phone", rejected));
    }
    PhoneCall call = ((Parsed.Accepted<PhoneCall>) parsed).value();
    return new Result.Filled(phoneMapper.fill(Tip.newBuilder(base), call).build());
  }

  private Result web(byte[] payload, String contentType, Tip base) {
    Parsed<WebSubmission> parsed = webParser.parse(payload, contentType);
    if (parsed instanceof Parsed.Rejected<WebSubmission> rejected) {
      return new Result.Refused(ReasonCode.VALIDATION_FAILED, refusal("web", rejected));
    }
    WebSubmission submission = ((Parsed.Accepted<WebSubmission>) parsed).value();
    return new Result.Filled(webMapper.fill(Tip.newBuilder(base), submission).build());
  }

  private Result cyberTipline(byte[] payload, RawTip raw, Tip base) {
    Parsed<CyberTiplineDocument> parsed = cyberTiplineParser.parse(payload);
    if (parsed instanceof Parsed.Rejected<CyberTiplineDocument> rejected) {
      return new Result.Refused(ReasonCode.PARSE_REJECTED, refusal("cybertipline", rejected));
    }
    CyberTiplineDocument document = ((Parsed.Accepted<CyberTiplineDocument>) parsed).value();
    if (document instanceof FileDetails file) {
      return fileDetails(file, raw, base);
    }
    CyberTiplineTipMapper.TipHeader header = new CyberTiplineTipMapper.TipHeader(base.getTipId(),
        base.getReceivedAt(), base.getNormalisedAt(), base.getProvenance(), raw.getExternalId());
    return new Result.Filled(cyberTiplineMapper.toTip((CyberTiplineReport) document, header));
  }

  /**
   * A fileDetails document becomes a {@link TipAttachment} for the tip of its report (the raw
   * record's tip id, which the intake took from the report's record). The document must name the
   * report the record says it belongs to. Its facts are mapped exactly as when a file is attached
   * to a tip ({@link CyberTiplineTipMapper#withFileDetails}), onto a tip that holds nothing else.
   */
  private Result fileDetails(FileDetails file, RawTip raw, Tip base) {
    String recorded = raw.getExternalId();
    if (recorded != null && !recorded.isBlank() && !recorded.strip().equals(file.reportId())) {
      return new Result.Refused(ReasonCode.REPORT_MISMATCH,
          "cybertipline fileDetails reportId differs from the raw record's externalId");
    }
    ExternalId report = ExternalId.newBuilder().setKind(CyberTiplineTipMapper.REPORT_ID).setValue(file.reportId())
        .build();
    Tip alone = cyberTiplineMapper.withFileDetails(Tip.newBuilder(base).setExternalIds(List.of(report)).build(), file);
    return new Result.Attached(TipAttachment.newBuilder()
        .setTipId(base.getTipId())
        .setReportExternalId(report)
        .setAttachment(alone.getAttachments().get(0))
        .setIdentifiers(alone.getIdentifiers())
        .setRemainder(alone.getIncident().getRemainder())
        .setProvenance(base.getProvenance())
        .setReceivedAt(base.getReceivedAt())
        .setNormalisedAt(base.getNormalisedAt())
        .build());
  }

  private static String refusal(String channel, Parsed.Rejected<?> rejected) {
    return channel + " " + rejected.code() + (rejected.field() == null ? "" : " at " + rejected.field());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
