package org.tiprouter.classify.resolver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.AreaMatch;
import org.tiprouter.classify.directory.DirectoryAgency;
import org.tiprouter.contract.AgencyAssignment;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AreaKind;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.JurisdictionCandidate;
import org.tiprouter.contract.JurisdictionDecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Tip;

/**
 * Decides which agencies receive a tip, and explains why (rules in {@code docs/directory.md}).
 *
 * <ol>
 *   <li>The tip's locations are placed ({@link LocationPlacer}) and tried in order: incident and
 *       victim locations before all others; within that, coordinates, then ZIP or county, then city
 *       and state, then ESP estimates and IP locations, then the caller's area code, then state only.</li>
 *   <li>For a placement, the candidates are the agencies with an area containing it; the most
 *       specific area wins (polygon, smaller first; ZIP; county; state; ties by id) among those that
 *       accept the tip's channel. The first placement with such a winner decides: PRIMARY. The
 *       winner's {@code copies} receive a COPY.</li>
 *   <li>Where the incident, a victim, a suspect, an ESP estimate or an IP location resolves to
 *       another agency, that agency receives a COPY too.</li>
 *   <li>Nothing placed, or no candidate: the directory's triage agency, PRIMARY, with a
 *       {@link TriageReason}.</li>
 * </ol>
 *
 * Immutable and thread-safe; the same tip and directory always give the same decision.
 */
public final class JurisdictionResolver {

  /** Roles whose own jurisdiction receives a copy when it differs from the primary's. */
  private static final Set<LocationRole> COPY_ROLES = Set.of(LocationRole.INCIDENT, LocationRole.VICTIM,
      LocationRole.SUSPECT, LocationRole.ESP_ESTIMATE, LocationRole.IP);

  private final AgencyDirectory directory;
  private final LocationPlacer placer;
  private final String fallbackTriageAgency;

  /**
   * @param directory the agency directory, or null when none is loaded (every tip then goes to
   *     {@code fallbackTriageAgency} with {@link TriageReason#NO_DIRECTORY})
   * @param placer places the tip's locations
   * @param fallbackTriageAgency triage agency when the directory has none, or there is no directory
   */
  public JurisdictionResolver(AgencyDirectory directory, LocationPlacer placer, String fallbackTriageAgency) {
    this.directory = directory;
    this.placer = placer;
    this.fallbackTriageAgency = fallbackTriageAgency;
  }

  public Optional<AgencyDirectory> directory() {
    return Optional.ofNullable(directory);
  }

  /** A placement with its ranked candidates. */
  private record Considered(Placement placement, List<AreaMatch> matches, AreaMatch winner) {}

  public JurisdictionDecision decide(Tip tip, Instant decidedAt) {
    if (directory == null) {
      return triage(TriageReason.NO_DIRECTORY, "no agency directory loaded -> " + fallbackTriageAgency
          + " (fallback triage agency)", fallbackTriageAgency, List.of(), List.of(), null, decidedAt);
    }
    Channel channel = tip.getChannel();
    LocationPlacer.Placements placements = placer.place(tip);
    List<String> reasons = new ArrayList<>(placements.notes());
    List<JurisdictionCandidate> candidates = new ArrayList<>();
    List<Considered> considered = new ArrayList<>();
    for (Placement placement : placements.placements()) {
      considered.add(consider(placement, channel));
    }
    Considered primary = considered.stream().filter(c -> c.winner() != null).findFirst().orElse(null);
    if (primary == null) {
      boolean covered = false;
      for (Considered c : considered) {
        covered |= !c.matches().isEmpty();
        reasons.add(c.placement().text() + " -> " + (c.matches().isEmpty() ? "inside no agency's area"
            : "no agency there accepts channel " + channelName(channel)));
        c.matches().forEach(match -> candidates.add(candidate(match, false, notAccepting(channel))));
      }
      TriageReason reason = !considered.isEmpty()
          ? covered ? TriageReason.NO_AGENCY_FOR_CHANNEL : TriageReason.OUTSIDE_ALL_AREAS
          : placements.ambiguousCity() ? TriageReason.AMBIGUOUS_CITY
          : placements.foreign() ? TriageReason.OUTSIDE_ALL_AREAS : TriageReason.NO_LOCATION;
      String triageId = directory.triage().map(DirectoryAgency::id).orElse(fallbackTriageAgency);
      String text = switch (reason) {
        case NO_LOCATION -> (placements.anyLead() ? "no location in the tip could be placed" : "no location in the tip");
        case AMBIGUOUS_CITY -> "the city cannot be placed in one state";
        case NO_AGENCY_FOR_CHANNEL -> "no agency covering the tip's places accepts channel " + channelName(channel);
        default -> "no agency's area contains the tip's places";
      };
      String suffix = directory.triage().isPresent() ? " (triage)" : " (fallback triage agency: the directory names none)";
      reasons.add(text + " -> " + triageId + suffix);
      return triage(reason, null, triageId, reasons, candidates, directory.version(), decidedAt);
    }

    for (Considered c : considered) {
      if (c == primary) {
        break;
      }
      reasons.add(c.placement().text() + " -> " + (c.matches().isEmpty() ? "inside no agency's area"
          : "no agency there accepts channel " + channelName(channel)));
      c.matches().forEach(match -> candidates.add(candidate(match, false, notAccepting(channel))));
    }
    AreaMatch winner = primary.winner();
    String primaryId = winner.agency().id();
    Map<String, AgencyAssignment> assignments = new LinkedHashMap<>();
    String primaryReason = primary.placement().text() + " -> " + primaryId + " (" + winner.kindLabel() + ")";
    assignments.put(primaryId, assignment(primaryId, AgencyRole.PRIMARY, primaryReason));
    reasons.add(primaryReason);

    Map<String, String> copyReasons = new LinkedHashMap<>();
    for (String copy : winner.agency().copies()) {
      if (assignments.containsKey(copy)) {
        continue;
      }
      if (directory.agency(copy).isEmpty()) {
        reasons.add(primaryId + " copies " + copy + ", which is not in the directory: no copy");
        continue;
      }
      String reason = "copies of " + primaryId;
      assignments.put(copy, assignment(copy, AgencyRole.COPY, reason));
      copyReasons.put(copy, reason);
      reasons.add(primaryId + " copies -> " + copy);
    }
    crossRoleCopies(considered, primary, assignments, copyReasons, reasons);

    for (AreaMatch match : primary.matches()) {
      String id = match.agency().id();
      if (match == winner) {
        candidates.add(candidate(match, true, "most specific area accepting channel " + channelName(channel)));
      } else if (copyReasons.containsKey(id)) {
        candidates.add(candidate(match, true, copyReasons.remove(id)));
      } else if (!match.agency().accepts(channel)) {
        candidates.add(candidate(match, false, notAccepting(channel)));
      } else if (match.area().specificity() == winner.area().specificity()) {
        candidates.add(candidate(match, false, "as specific as the " + winner.kindLabel() + " of " + primaryId
            + "; tie broken by id"));
      } else {
        candidates.add(candidate(match, false, "less specific than the " + winner.kindLabel() + " of " + primaryId));
      }
    }
    copyReasons.forEach((id, reason) -> candidates.add(JurisdictionCandidate.newBuilder().setAgencyId(id)
        .setAreaKind(AreaKind.UNKNOWN).setAreaRef(null).setAccepted(true).setReason(reason).build()));

    return JurisdictionDecision.newBuilder()
        .setPrimaryAgencyId(primaryId)
        .setAssignments(List.copyOf(assignments.values()))
        .setLocation(primary.placement().location())
        .setLocationEvidence(primary.placement().text())
        .setCandidates(candidates)
        .setReasons(reasons)
        .setTriageReason(null)
        .setDirectoryVersion(directory.version())
        .setDecidedAt(decidedAt)
        .build();
  }

  /**
   * Where the incident, a victim, a suspect or an estimate resolves to another agency than the
   * primary, that agency receives a COPY (each role and person once, through its best placement).
   */
  private void crossRoleCopies(List<Considered> considered, Considered primary, Map<String, AgencyAssignment> assignments,
      Map<String, String> copyReasons, List<String> reasons) {
    Set<String> seen = new java.util.HashSet<>();
    seen.add(subjectKey(primary.placement()));
    for (Considered c : considered) {
      Placement placement = c.placement();
      if (c.winner() == null || !COPY_ROLES.contains(placement.role()) || !seen.add(subjectKey(placement))) {
        continue;
      }
      String id = c.winner().agency().id();
      if (assignments.containsKey(id)) {
        continue;
      }
      String reason = Placement.roleLabel(placement.role()) + " location -> " + id + " (would be primary there)";
      assignments.put(id, assignment(id, AgencyRole.COPY, reason));
      copyReasons.put(id, reason);
      reasons.add(placement.text() + " -> " + id + " (" + c.winner().kindLabel() + "): copy");
    }
  }

  private static String subjectKey(Placement placement) {
    return placement.role() + ":" + placement.subjectIndex();
  }

  private Considered consider(Placement placement, Channel channel) {
    List<AreaMatch> matches = directory.matches(placement.place());
    AreaMatch winner = matches.stream().filter(match -> match.agency().accepts(channel)).findFirst().orElse(null);
    return new Considered(placement, matches, winner);
  }

  private JurisdictionDecision triage(TriageReason reason, String reasonText, String triageId, List<String> reasons,
      List<JurisdictionCandidate> candidates, String version, Instant decidedAt) {
    List<String> allReasons = new ArrayList<>(reasons);
    if (reasonText != null) {
      allReasons.add(reasonText);
    }
    List<JurisdictionCandidate> allCandidates = new ArrayList<>(candidates);
    allCandidates.add(JurisdictionCandidate.newBuilder().setAgencyId(triageId).setAreaKind(AreaKind.UNKNOWN)
        .setAreaRef(null).setAccepted(true).setReason("triage agency").build());
    return JurisdictionDecision.newBuilder()
        .setPrimaryAgencyId(triageId)
        .setAssignments(List.of(assignment(triageId, AgencyRole.PRIMARY, "triage: " + reason.name())))
        .setLocation(null)
        .setLocationEvidence(null)
        .setCandidates(allCandidates)
        .setReasons(allReasons)
        .setTriageReason(reason.name())
        .setDirectoryVersion(version)
        .setDecidedAt(decidedAt)
        .build();
  }

  private static AgencyAssignment assignment(String agencyId, AgencyRole role, String reason) {
    return AgencyAssignment.newBuilder().setAgencyId(agencyId).setRole(role).setReason(reason).build();
  }

  private static JurisdictionCandidate candidate(AreaMatch match, boolean accepted, String reason) {
    return JurisdictionCandidate.newBuilder()
        .setAgencyId(match.agency().id())
        .setAreaKind(match.kind())
        .setAreaRef(match.ref())
        .setAccepted(accepted)
        .setReason(reason)
        .build();
  }

  private static String notAccepting(Channel channel) {
    return "does not accept channel " + channelName(channel);
  }

  private static String channelName(Channel channel) {
    return channel == null ? "unknown" : channel.name().toLowerCase(Locale.ROOT);
  }
}
