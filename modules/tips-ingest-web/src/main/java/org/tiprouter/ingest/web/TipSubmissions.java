package org.tiprouter.ingest.web;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.RawTip;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.ingest.RawTipPublisher;
import org.tiprouter.core.ingest.RawTipPublisher.NotAcknowledgedException;
import org.tiprouter.formats.web.WebSubmission;
import org.tiprouter.formats.web.WebSubmissionParser;

/**
 * Stores checked web submissions, from the form or the API, exactly once per submission id: the
 * exact bytes received become a {@link RawTip} on the web raw topic, and the outcome is known only
 * after the broker acknowledged it. Nothing about the sender's connection (address, user agent)
 * is ever part of the tip.
 */
final class TipSubmissions {

  /** What storing a submission came to. */
  sealed interface Outcome {
    /** Stored now ({@code repeat} false) or earlier under the same submission id with the same content. */
    record Stored(UUID tipId, boolean repeat) implements Outcome {}

    /** The submission id was used before for a different tip; nothing was written. */
    record Reused(UUID earlierTipId) implements Outcome {}

    /** The broker did not confirm the write; nothing may be promised. */
    record NotStored() implements Outcome {}
  }

  static final String SOURCE = "ingest-web";

  private final RawTipPublisher publisher;
  private final SubmissionLedger ledger;
  private final WebSubmissionParser parser;
  private final Duration ackTimeout;
  private final Clock clock;

  TipSubmissions(RawTipPublisher publisher, SubmissionLedger ledger, WebSubmissionParser parser, Duration ackTimeout,
      Clock clock) {
    this.publisher = publisher;
    this.ledger = ledger;
    this.parser = parser;
    this.ackTimeout = ackTimeout;
    this.clock = clock;
  }

  WebSubmissionParser parser() {
    return parser;
  }

  /**
   * Stores {@code payload} (the exact request body) as a raw tip, unless its submission id was
   * stored before.
   *
   * @param contentType the raw tip's content type, e.g. {@code application/json}
   */
  Outcome submit(WebSubmission submission, byte[] payload, String contentType) {
    String submissionId = submission.submissionId();
    if (submissionId == null) {
      return publish(UUID.randomUUID(), null, payload, contentType);
    }
    String fingerprint = parser.fingerprint(submission);
    SubmissionLedger.Claim claim = ledger.claim(submissionId, ackTimeout);
    if (claim instanceof SubmissionLedger.Claim.Known known) {
      SubmissionLedger.Entry entry = known.entry();
      return entry.fingerprint() == null || Objects.equals(entry.fingerprint(), fingerprint)
          ? new Outcome.Stored(entry.tipId(), true) : new Outcome.Reused(entry.tipId());
    }
    if (!(claim instanceof SubmissionLedger.Claim.Reserved reserved)) {
      return new Outcome.NotStored();
    }
    UUID tipId = UUID.randomUUID();
    Outcome outcome = publish(tipId, submissionId, payload, contentType);
    if (outcome instanceof Outcome.Stored) {
      ledger.complete(reserved, new SubmissionLedger.Entry(tipId, fingerprint, clock.instant()));
    } else {
      ledger.abandon(reserved);
    }
    return outcome;
  }

  private Outcome publish(UUID tipId, String submissionId, byte[] payload, String contentType) {
    RawTip tip = RawTip.newBuilder()
        .setTipId(tipId)
        .setChannel(Channel.WEB)
        .setReceivedAt(clock.instant())
        .setContentType(contentType)
        .setPayload(ByteBuffer.wrap(payload))
        .setPayloadSha256(Sha256.hex(payload))
        .setExternalId(submissionId)
        .setSource(SOURCE)
        .setAttributes(Map.of())
        .build();
    try {
      publisher.publish(tip, ackTimeout);
      return new Outcome.Stored(tipId, false);
    } catch (NotAcknowledgedException e) {
      return new Outcome.NotStored();
    }
  }
}
