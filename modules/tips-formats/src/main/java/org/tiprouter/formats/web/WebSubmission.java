package org.tiprouter.formats.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tiprouter.contract.IncidentType;

/**
 * One tip as the web JSON contract ({@code POST /api/v1/tips}) and the public form describe it,
 * after {@link WebSubmissionParser} checked every rule. Values are as the sender gave them
 * (untrimmed, un-normalised); {@link WebTipMapper} normalises them into the canonical Tip.
 *
 * @param submissionId optional client idempotency key, 1..64 of [A-Za-z0-9._-]
 * @param description what happened, 1..20000 characters, never blank
 * @param incidentTypes the canonical incident types given, possibly empty (the Tip then gets OTHER)
 * @param occurredAt ISO-8601 date-time with offset as given, not in the future; null when not given
 * @param location where it happened; null when not given
 * @param suspects people suspected, in the order given
 * @param victims children harmed or at risk, in the order given
 * @param childInImmediateDanger whether the sender said a child is in immediate danger (false when absent)
 * @param reporter who is reporting; null when the sender said nothing about themselves
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebSubmission(String submissionId, String description, List<IncidentType> incidentTypes,
    String occurredAt, WebAddress location, List<WebSuspect> suspects, List<WebVictim> victims,
    Boolean childInImmediateDanger, WebReporter reporter) {

  public WebSubmission {
    incidentTypes = incidentTypes == null ? List.of() : List.copyOf(incidentTypes);
    suspects = suspects == null ? List.of() : List.copyOf(suspects);
    victims = victims == null ? List.of() : List.copyOf(victims);
    childInImmediateDanger = Boolean.TRUE.equals(childInImmediateDanger);
  }

  /** {@link #occurredAt} as an instant (UTC, millisecond precision), or null. */
  public Instant occurredAtInstant() {
    return occurredAt == null ? null
        : OffsetDateTime.parse(occurredAt.trim()).toInstant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * A place: the incident location or a person's address. Every part is optional.
   *
   * @param address street address line
   * @param city city or place name
   * @param state two-letter state code (a US state or territory when the country is US)
   * @param zip 5-digit ZIP or ZIP+4
   * @param country ISO 3166-1 alpha-2 code; US when absent
   * @param latitude WGS84 latitude, -90..90, given together with longitude
   * @param longitude WGS84 longitude, -180..180, given together with latitude
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebAddress(String address, String city, String state, String zip, String country,
      Double latitude, Double longitude) {}

  /**
   * A person suspected.
   *
   * @param name name as given
   * @param age age in years, 0..120
   * @param emails e-mail addresses as given
   * @param phones phone numbers as given
   * @param usernames accounts on online services
   * @param urls links (profiles, pages) as given
   * @param address where the person lives or can be found
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebSuspect(String name, Integer age, List<String> emails, List<String> phones,
      List<WebUsername> usernames, List<String> urls, WebAddress address) {

    public WebSuspect {
      emails = emails == null ? List.of() : List.copyOf(emails);
      phones = phones == null ? List.of() : List.copyOf(phones);
      usernames = usernames == null ? List.of() : List.copyOf(usernames);
      urls = urls == null ? List.of() : List.copyOf(urls);
    }
  }

  /**
   * An account on an online service.
   *
   * @param service the service (app, game, site), optional
   * @param handle the user name as written, required
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebUsername(String service, String handle) {}

  /**
   * A child harmed or at risk.
   *
   * @param name name as given
   * @param age age in years, 0..17
   * @param address where the child lives or can be found
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebVictim(String name, Integer age, WebAddress address) {}

  /**
   * The person reporting.
   *
   * @param anonymous whether they asked to stay anonymous; when absent, true unless a name,
   *     e-mail or phone is given
   * @param name their name (never with anonymous = true)
   * @param email their e-mail (never with anonymous = true)
   * @param phone their phone (never with anonymous = true)
   * @param relationship how they relate to the child or the case
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WebReporter(Boolean anonymous, String name, String email, String phone,
      WebRelationship relationship) {}

  /** How the reporter relates to the child or the case (maps to the contract's ReporterKind). */
  public enum WebRelationship { PUBLIC, PARENT, EDUCATOR, THIRD_PARTY_GROUP, OTHER }
}
