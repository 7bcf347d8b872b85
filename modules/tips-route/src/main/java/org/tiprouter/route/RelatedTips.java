package org.tiprouter.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.tiprouter.contract.IdentifierKind;

/**
 * Merges a tip's lookup results into one link per earlier tip: who holds it and which kinds of
 * identifier the two share. The most recent earlier tips come first; at most {@code max}.
 */
final class RelatedTips {

  /**
   * An earlier tip related to the new one.
   *
   * @param tipId the earlier tip
   * @param seenAt its record time (epoch millis)
   * @param queueHolders agencies holding it on their queues
   * @param triageHolder the agency holding it on the triage topic, or null
   * @param sharedKinds kinds of identifier the two tips share
   */
  record Link(UUID tipId, long seenAt, List<String> queueHolders, String triageHolder,
      Set<IdentifierKind> sharedKinds) {

    Link {
      queueHolders = List.copyOf(queueHolders);
      sharedKinds = Set.copyOf(sharedKinds);
    }

    /** Every agency holding the earlier tip: queue holders, then the triage holder. */
    List<String> holders() {
      List<String> holders = new ArrayList<>(queueHolders);
      if (triageHolder != null && !holders.contains(triageHolder)) {
        holders.add(triageHolder);
      }
      return holders;
    }

    /** The shared kinds in the enum's order. */
    List<IdentifierKind> sortedKinds() {
      return sharedKinds.stream().sorted().toList();
    }
  }

  private RelatedTips() {}

  static List<Link> merge(UUID self, List<LookupResult> results, int max) {
    Map<UUID, Link> links = new LinkedHashMap<>();
    for (LookupResult result : results) {
      for (LookupResult.Match match : result.matches()) {
        if (match.tipId().equals(self)) {
          continue;
        }
        Link known = links.get(match.tipId());
        Set<IdentifierKind> kinds = EnumSet.of(result.kind());
        if (known != null) {
          kinds.addAll(known.sharedKinds());
        }
        links.put(match.tipId(), new Link(match.tipId(), match.seenAt(), match.queueHolders(), match.triageHolder(),
            kinds));
      }
    }
    return links.values().stream()
        .sorted(Comparator.comparingLong(Link::seenAt).reversed().thenComparing(Link::tipId))
        .limit(max)
        .toList();
  }
}
