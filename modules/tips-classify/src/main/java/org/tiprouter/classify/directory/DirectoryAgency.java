package org.tiprouter.classify.directory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.tiprouter.contract.Channel;

/**
 * One agency of the directory, validated.
 *
 * @param id its id, {@code ^[a-z0-9][a-z0-9-]{1,47}$}
 * @param name its name
 * @param service NG911-style service kind
 * @param areas the areas it covers (empty only for the triage agency)
 * @param channels the channels it accepts tips from
 * @param copies agencies that receive a COPY of every tip it receives as PRIMARY
 * @param triage true for the directory's triage agency
 */
public record DirectoryAgency(String id, String name, String service, List<Area> areas, Set<Channel> channels,
    List<String> copies, boolean triage) {

  /** The channels an agency accepts when the directory does not say. */
  public static final Set<Channel> DEFAULT_CHANNELS = Set.of(Channel.WEB, Channel.PHONE, Channel.CYBERTIPLINE);

  /** The service kinds the directory accepts. */
  public static final List<String> SERVICES = List.of("police.local", "police.sheriff", "police.stateProvincial",
      "police.federal.fbi", "police.federal.hsi", "task-force.icac", "triage");

  public DirectoryAgency {
    areas = List.copyOf(areas);
    channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    copies = List.copyOf(copies);
  }

  /**
   * Whether the agency takes tips of {@code channel}. A tip of an unknown channel is taken by any
   * agency that accepts at least one channel.
   */
  public boolean accepts(Channel channel) {
    return channel == null || channel == Channel.UNKNOWN ? !channels.isEmpty() : channels.contains(channel);
  }
}
