package org.tiprouter.normalise;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.Incident;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Provenance;
import org.tiprouter.contract.RawTip;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;
import org.tiprouter.core.Sha256;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.errors.DeadLetters;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.streams.Received;
import org.tiprouter.core.streams.StageOutcome;
import org.tiprouter.core.topics.TopicNames;
import org.tiprouter.formats.canonical.TipCanonicaliser;

/**
 * Turns a raw tip into the canonical {@link Tip}. It checks custody first (the payload's SHA-256
 * must match the one recorded at receipt) and records provenance.
 *
 * <p>The channel's content comes from {@link ChannelContent}; a CyberTipline fileDetails document
 * becomes a {@code TipAttachment} for its report's tip instead of a tip.
 */
final class RawTipNormaliser {

  private final DeadLetters deadLetters;
  private final AuditTrail audit;
  private final Clock clock;
  private final Map<String, Channel> channelOfTopic;
  private final TipCanonicaliser canonicaliser = new TipCanonicaliser();
  private final ChannelContent channelContent;

  RawTipNormaliser(TopicNames topics, Clock clock) {
    this.clock = clock;
    this.channelOfTopic = Map.of(topics.raw(Channel.WEB), Channel.WEB, topics.raw(Channel.PHONE), Channel.PHONE,
        topics.raw(Channel.CYBERTIPLINE), Channel.CYBERTIPLINE);
    this.deadLetters = new DeadLetters(Stage.NORMALISE, clock);
    this.audit = new AuditTrail(Stage.NORMALISE, clock);
    this.channelContent = new ChannelContent(clock);
  }

  DeadLetters deadLetters() {
    return deadLetters;
  }

  /**
   * Custody checks before anything else: a known channel that matches the topic, a key that is
   * the tip id (or none), and a payload whose SHA-256 is the one recorded at receipt.
   */
  StageOutcome<Received<RawTip>> checkCustody(Received<RawTip> received) {
    RawTip raw = received.value();
    UUID tipId = raw.getTipId();
    if (raw.getChannel() == Channel.UNKNOWN) {
      return received.reject(deadLetters, ReasonCode.UNKNOWN_CHANNEL, "channel UNKNOWN", tipId);
    }
    Channel topicChannel = channelOfTopic.get(received.source().topic());
    if (topicChannel != null && topicChannel != raw.getChannel()) {
      return received.reject(deadLetters, ReasonCode.CHANNEL_MISMATCH,
          "channel " + raw.getChannel() + " on the " + topicChannel + " topic", tipId);
    }
    if (received.originalKey() != null
        && !tipId.toString().equals(new String(received.originalKey(), StandardCharsets.UTF_8))) {
      return received.reject(deadLetters, ReasonCode.INVALID_KEY, "key is not the tip id", tipId);
    }
    String actual = Sha256.hex(raw.getPayload());
    if (!actual.equals(raw.getPayloadSha256())) {
      return received.reject(deadLetters, ReasonCode.TAMPERED,
          "payload SHA-256 " + actual + " differs from recorded " + raw.getPayloadSha256(), tipId);
    }
    return StageOutcome.success(received);
  }

  /** The key under which identical payloads of one channel meet: channel and payload SHA-256. */
  static String payloadKey(RawTip raw) {
    return raw.getChannel().name() + ":" + raw.getPayloadSha256();
  }

  /**
   * The canonical tip of a raw tip that passed {@link #checkCustody}, with its audit events; or,
   * for a file of an earlier tip, the attachment for route (no events: see {@link Normalised}).
   */
  StageOutcome<Normalised> normalise(Received<RawTip> received) {
    RawTip raw = received.value();
    UUID tipId = raw.getTipId();
    String actual = raw.getPayloadSha256();
    Tip base = Tip.newBuilder()
        .setTipId(tipId)
        .setChannel(raw.getChannel())
        .setReceivedAt(raw.getReceivedAt())
        .setNormalisedAt(clock.instant())
        .setProvenance(provenance(received, actual))
        .setExternalIds(externalIds(raw))
        .setIncident(Incident.newBuilder().setTypes(List.of(IncidentType.OTHER)).build())
        .setUrgency(Urgency.newBuilder().build())
        .setAuditHead(null)
        .build();
    ChannelContent.Result content = channelContent.fill(raw, base);
    if (content instanceof ChannelContent.Result.Refused refused) {
      return received.reject(deadLetters, refused.reason(), refused.detail(), tipId);
    }
    if (content instanceof ChannelContent.Result.Attached attached) {
      return StageOutcome.success(Normalised.attachment(attached.attachment()));
    }
    Tip tip = canonicaliser.canonicalise(((ChannelContent.Result.Filled) content).tip());
    AuditEvent receivedEvent = receivedEvent(received);
    AuditEvent normalisedEvent = audit.event(tipId, AuditEventType.NORMALISED, AuditTrail.hash(receivedEvent))
        .setDetail("canonical tip written")
        .build();
    tip.setAuditHead(AuditTrail.hash(normalisedEvent));
    return StageOutcome.success(new Normalised(tip, List.of(receivedEvent, normalisedEvent)));
  }

  /**
   * A raw tip whose payload the channel already delivered as {@code originalTipId}: no second
   * tip, only its RECEIVED event and a DUPLICATE event naming the original.
   */
  Normalised duplicate(Received<RawTip> received, UUID originalTipId) {
    AuditEvent receivedEvent = receivedEvent(received);
    AuditEvent duplicate = audit.event(received.value().getTipId(), AuditEventType.DUPLICATE,
            AuditTrail.hash(receivedEvent))
        .setDetail("DUPLICATE_OF " + originalTipId)
        .setRelatedTipId(originalTipId)
        .setPayloadSha256(received.value().getPayloadSha256())
        .build();
    return new Normalised(null, List.of(receivedEvent, duplicate));
  }

  private AuditEvent receivedEvent(Received<RawTip> received) {
    RawTip raw = received.value();
    return audit.event(raw.getTipId(), AuditEventType.RECEIVED, null)
        .setDetail("raw tip from " + raw.getSource())
        .setSourceTopic(received.source().topic())
        .setSourcePartition(received.source().partition())
        .setSourceOffset(received.source().offset())
        .setPayloadSha256(raw.getPayloadSha256())
        .build();
  }

  private static Provenance provenance(Received<RawTip> received, String sha256) {
    RawTip raw = received.value();
    return Provenance.newBuilder()
        .setRawTopic(String.valueOf(received.source().topic()))
        .setRawPartition(received.source().partition() == null ? -1 : received.source().partition())
        .setRawOffset(received.source().offset() == null ? -1L : received.source().offset())
        .setPayloadSha256(sha256)
        .setContentType(raw.getContentType())
        .setSource(raw.getSource())
        .build();
  }

  private static List<ExternalId> externalIds(RawTip raw) {
    List<ExternalId> ids = new ArrayList<>();
    if (raw.getExternalId() != null && !raw.getExternalId().isBlank()) {
      ids.add(ExternalId.newBuilder().setKind(externalIdKind(raw.getChannel())).setValue(raw.getExternalId()).build());
    }
    return ids;
  }

  private static String externalIdKind(Channel channel) {
    return switch (channel) {
      case WEB -> "SUBMISSION_ID";
      case PHONE -> "CALL_ID";
      case CYBERTIPLINE -> "CYBERTIPLINE_REPORT_ID";
      default -> channel.name().toLowerCase(Locale.ROOT) + "_ID";
    };
  }

}
