package org.tiprouter.core.topics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tiprouter.contract.Channel;
import org.tiprouter.core.Stage;

/**
 * Which component reads and writes which topic: the one table the security plan derives every
 * stage's and intake's ACLs from. Add a topic here in the same line as the component that reads or
 * writes it (e.g. the attachments topic: {@code .writes(...)} on normalise, {@code .reads(...)} on
 * route) and provisioning grants exactly that.
 *
 * <p>Checked against the code: normalise ({@code NormaliseTopology}), classify
 * ({@code ClassifyTopology}: the directory as a global store), route ({@code RouteTopology}: the
 * directory as a global store, writes through a {@code TopicNameExtractor} to any agency topic and
 * asks {@code AdminAgencyQueues} which agency topics exist), the intakes ({@code RawTipPublisher}
 * writes, {@code RawTopicFollower} / the web ledger read their own raw topic by assignment,
 * {@code IngestDeadLetters} writes the ingest dead letters).
 */
public final class TopicFlows {

  /** A topic name, or every topic whose name starts with {@code name} when {@code prefixed}. */
  public record TopicRef(String name, boolean prefixed) {
    public TopicRef {
      Objects.requireNonNull(name, "name");
    }

    static TopicRef literal(String name) {
      return new TopicRef(name, false);
    }

    static TopicRef prefix(String name) {
      return new TopicRef(name, true);
    }
  }

  /**
   * What one component does with topics.
   *
   * @param component the component id, also its principal's name ({@code normalise}, {@code intake-web})
   * @param applicationId the Kafka Streams {@code application.id} of a stream stage, else empty
   * @param reads topics it reads (consumes)
   * @param writes topics it writes (produces)
   * @param describes topics it only looks up (metadata), never reads or writes
   */
  public record Flow(String component, Optional<String> applicationId, List<TopicRef> reads, List<TopicRef> writes,
      List<TopicRef> describes) {
    public Flow {
      reads = List.copyOf(reads);
      writes = List.copyOf(writes);
      describes = List.copyOf(describes);
    }

    Flow reads(String... topics) {
      return new Flow(component, applicationId, plus(reads, topics, false), writes, describes);
    }

    Flow writes(String... topics) {
      return new Flow(component, applicationId, reads, plus(writes, topics, false), describes);
    }

    Flow writesPrefix(String prefix) {
      return new Flow(component, applicationId, reads, plus(writes, new String[] {prefix}, true), describes);
    }

    Flow describesPrefix(String prefix) {
      return new Flow(component, applicationId, reads, writes, plus(describes, new String[] {prefix}, true));
    }

    private static List<TopicRef> plus(List<TopicRef> refs, String[] topics, boolean prefixed) {
      List<TopicRef> out = new ArrayList<>(refs);
      Arrays.stream(topics).map(topic -> new TopicRef(topic, prefixed)).forEach(out::add);
      return out;
    }
  }

  /** Principal name of the web intake. */
  public static final String INTAKE_WEB = "intake-web";
  /** Principal name of the phone intake and its call-sheet importer. */
  public static final String INTAKE_PHONE = "intake-phone";
  /** Principal name of the CyberTipline intake and its folder importer. */
  public static final String INTAKE_CYBERTIPLINE = "intake-cybertipline";

  private final TopicNames names;

  public TopicFlows(TopicNames names) {
    this.names = Objects.requireNonNull(names, "names");
  }

  public TopicNames names() {
    return names;
  }

  /** Every stage and intake, in pipeline order. */
  public List<Flow> all() {
    return List.of(
        intake(INTAKE_WEB, Channel.WEB),
        intake(INTAKE_PHONE, Channel.PHONE),
        intake(INTAKE_CYBERTIPLINE, Channel.CYBERTIPLINE),
        stage(Stage.NORMALISE)
            .reads(names.raw(Channel.WEB), names.raw(Channel.PHONE), names.raw(Channel.CYBERTIPLINE))
            .writes(names.normalised(), names.attachments()),
        stage(Stage.CLASSIFY)
            .reads(names.normalised(), names.agencies())
            .writes(names.classified()),
        stage(Stage.ROUTE)
            .reads(names.classified(), names.attachments(), names.agencies())
            .writes(names.triage())
            .writesPrefix(names.agencyTopicsPrefix())
            .describesPrefix(names.agencyTopicsPrefix()));
  }

  /** The flow of {@code component}. */
  public Flow of(String component) {
    return all().stream().filter(flow -> flow.component().equals(component)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown component '" + component + "'"));
  }

  /** A stream stage: it also writes the audit topic and its own dead letters. */
  private Flow stage(Stage stage) {
    return new Flow(stage.id(), Optional.of(stage.applicationId()), List.of(), List.of(), List.of())
        .writes(names.audit(), names.deadLetters(stage));
  }

  /**
   * An intake writes its raw topic and the ingest dead letters (every refusal), and reads its raw
   * topic back for its idempotency index (by assignment, no group).
   */
  private Flow intake(String component, Channel channel) {
    return new Flow(component, Optional.empty(), List.of(), List.of(), List.of())
        .writes(names.raw(channel), names.deadLetters(Stage.INGEST))
        .reads(names.raw(channel));
  }
}
