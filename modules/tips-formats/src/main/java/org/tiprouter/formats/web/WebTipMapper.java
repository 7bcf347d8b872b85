package org.tiprouter.formats.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tiprouter.contract.ExternalId;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Incident;
import org.tiprouter.contract.IncidentType;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Person;
import org.tiprouter.contract.RemainderFact;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;
import org.tiprouter.contract.Urgency;
import org.tiprouter.formats.canonical.PhoneNumbers;
import org.tiprouter.formats.canonical.TipCanonicaliser;
import org.tiprouter.formats.web.WebSubmission.WebAddress;
import org.tiprouter.formats.web.WebSubmission.WebRelationship;
import org.tiprouter.formats.web.WebSubmission.WebReporter;
import org.tiprouter.formats.web.WebSubmission.WebSuspect;
import org.tiprouter.formats.web.WebSubmission.WebUsername;
import org.tiprouter.formats.web.WebSubmission.WebVictim;

/**
 * Maps a checked {@link WebSubmission} to the content of the canonical {@link Tip}: incident,
 * locations, identifiers, people, reporter, urgency and the submission id. The caller (normalise)
 * sets the envelope: tip id, channel, times, provenance and audit head.
 *
 * <p>Normalisation follows docs/contract.md and uses the shared canonical forms of
 * {@code org.tiprouter.formats.canonical} (so normalise's canonicaliser leaves the result as it
 * is): e-mails trimmed and lower-cased, phones in E.164 where libphonenumber can place them,
 * usernames without a leading {@code @}, URLs with lower-case scheme and host, states and
 * countries upper-case, ZIP+4 cut to 5 digits, the time in UTC. Whatever
 * normalising changes or drops is kept: in {@code original} of an identifier, or as a
 * {@link RemainderFact} (the time as written with its offset, the full ZIP+4, the reporter's
 * e-mail and phone as written).
 */
public final class WebTipMapper {

  /** {@code ExternalId.kind} of the client's submission id. */
  public static final String SUBMISSION_ID = "SUBMISSION_ID";
  /** {@code Urgency.reason} when the sender said a child is in immediate danger. */
  public static final String DANGER_REASON = "reporter said a child is in immediate danger";

  /** Fills the content fields of {@code tip} from {@code submission}; returns {@code tip}. */
  public Tip.Builder fill(Tip.Builder tip, WebSubmission submission) {
    List<RemainderFact> remainder = new ArrayList<>();
    List<Location> locations = new ArrayList<>();
    List<Identifier> identifiers = new ArrayList<>();

    location(submission.location(), LocationRole.INCIDENT, null, "location", remainder).ifPresent(locations::add);
    List<Person> suspects = new ArrayList<>();
    for (int i = 0; i < submission.suspects().size(); i++) {
      WebSuspect suspect = submission.suspects().get(i);
      String path = "suspects[" + i + "]";
      suspects.add(person(suspect.name(), suspect.age()));
      identifiers(suspect, i, path, identifiers);
      location(suspect.address(), LocationRole.SUSPECT, i, path + ".address", remainder).ifPresent(locations::add);
    }
    List<Person> victims = new ArrayList<>();
    for (int i = 0; i < submission.victims().size(); i++) {
      WebVictim victim = submission.victims().get(i);
      victims.add(person(victim.name(), victim.age()));
      location(victim.address(), LocationRole.VICTIM, i, "victims[" + i + "].address", remainder)
          .ifPresent(locations::add);
    }
    if (submission.occurredAt() != null) {
      remainder.add(fact("occurredAt", submission.occurredAt()));
    }
    return tip
        .setExternalIds(submission.submissionId() == null ? List.of()
            : List.of(ExternalId.newBuilder().setKind(SUBMISSION_ID).setValue(submission.submissionId()).build()))
        .setIncident(Incident.newBuilder()
            .setTypes(types(submission.incidentTypes()))
            .setOccurredAt(submission.occurredAtInstant())
            .setOccurredAtDescription(null)
            .setNarrative(submission.description())
            .setPlatform(null)
            .setRemainder(remainder)
            .build())
        .setLocations(locations)
        .setIdentifiers(identifiers)
        .setSuspects(suspects)
        .setVictims(victims)
        .setRecipients(List.of())
        .setReporter(reporter(submission.reporter(), remainder))
        .setUrgency(Urgency.newBuilder()
            .setChildInImmediateDanger(submission.childInImmediateDanger())
            .setEscalated(false)
            .setReason(submission.childInImmediateDanger() ? DANGER_REASON : null)
            .build())
        .setAttachments(List.of());
  }

  private static List<IncidentType> types(List<IncidentType> given) {
    LinkedHashSet<IncidentType> types = new LinkedHashSet<>(given);
    return types.isEmpty() ? List.of(IncidentType.OTHER) : List.copyOf(types);
  }

  private static Person person(String name, Integer age) {
    return Person.newBuilder().setName(trimmed(name)).setAge(age).build();
  }

  private static void identifiers(WebSuspect suspect, int index, String path, List<Identifier> into) {
    for (int i = 0; i < suspect.emails().size(); i++) {
      String email = suspect.emails().get(i);
      into.add(identifier(IdentifierKind.EMAIL, canonical(IdentifierKind.EMAIL, email), email, null, index,
          path + ".emails[" + i + "]"));
    }
    for (int i = 0; i < suspect.phones().size(); i++) {
      String phone = suspect.phones().get(i);
      into.add(identifier(IdentifierKind.PHONE, canonical(IdentifierKind.PHONE, phone), phone, null, index,
          path + ".phones[" + i + "]"));
    }
    for (int i = 0; i < suspect.usernames().size(); i++) {
      WebUsername username = suspect.usernames().get(i);
      String handle = username.handle().trim();
      into.add(identifier(IdentifierKind.USERNAME, handle.startsWith("@") ? handle.substring(1) : handle,
          username.handle(), trimmed(username.service()), index, path + ".usernames[" + i + "]"));
    }
    for (int i = 0; i < suspect.urls().size(); i++) {
      String url = suspect.urls().get(i);
      into.add(identifier(IdentifierKind.URL, canonical(IdentifierKind.URL, url), url, null, index,
          path + ".urls[" + i + "]"));
    }
  }

  /** The shared canonical form (formats.canonical), or the text trimmed when it has none. */
  private static String canonical(IdentifierKind kind, String text) {
    return TipCanonicaliser.canonicalValue(kind, text).orElse(text.trim());
  }

  private static Identifier identifier(IdentifierKind kind, String value, String original, String service,
      int suspectIndex, String source) {
    return Identifier.newBuilder()
        .setKind(kind)
        .setValue(value)
        .setOriginal(original)
        .setService(service)
        .setSubjectRole(SubjectRole.SUSPECT)
        .setSubjectIndex(suspectIndex)
        .setSource(source)
        .build();
  }

  private static Optional<Location> location(WebAddress address, LocationRole role, Integer subjectIndex, String path,
      List<RemainderFact> remainder) {
    if (address == null) {
      return Optional.empty();
    }
    String country = address.country() == null ? "US" : address.country().trim().toUpperCase(Locale.ROOT);
    String stateCode = address.state() == null ? null : address.state().trim().toUpperCase(Locale.ROOT);
    boolean inUs = country.equals("US");
    String zip = address.zip() == null ? null : address.zip().trim();
    if (zip != null && zip.length() > 5) {
      remainder.add(fact(path + ".zip", address.zip()));
      zip = zip.substring(0, 5);
    }
    String street = trimmed(address.address());
    String city = trimmed(address.city());
    LocationPrecision precision = address.latitude() != null ? LocationPrecision.COORDINATES
        : street != null ? LocationPrecision.STREET
        : zip != null ? LocationPrecision.ZIP
        : city != null ? LocationPrecision.CITY
        : stateCode != null ? LocationPrecision.STATE
        : address.country() != null ? LocationPrecision.COUNTRY
        : LocationPrecision.UNKNOWN;
    if (precision == LocationPrecision.UNKNOWN) {
      return Optional.empty();
    }
    return Optional.of(Location.newBuilder()
        .setRole(role)
        .setPrecision(precision)
        .setSubjectIndex(subjectIndex)
        .setLatitude(address.latitude())
        .setLongitude(address.longitude())
        .setStreet(street)
        .setCity(city)
        .setState(inUs ? stateCode : null)
        .setRegion(inUs ? null : stateCode)
        .setZip(zip)
        .setCountry(country)
        .setSource(path)
        .build());
  }

  private static Reporter reporter(WebReporter reporter, List<RemainderFact> remainder) {
    if (reporter == null) {
      return null;
    }
    String name = trimmed(reporter.name());
    String email = reporter.email() == null ? null : reporter.email().trim().toLowerCase(Locale.ROOT);
    String phone = reporter.phone() == null ? null : PhoneNumbers.e164(reporter.phone()).orElse(reporter.phone().trim());
    if (email != null && !email.equals(reporter.email())) {
      remainder.add(fact("reporter.email", reporter.email()));
    }
    if (phone != null && !phone.equals(reporter.phone())) {
      remainder.add(fact("reporter.phone", reporter.phone()));
    }
    boolean anonymous = reporter.anonymous() != null ? reporter.anonymous()
        : name == null && email == null && phone == null;
    ReporterKind kind = reporter.relationship() != null ? kind(reporter.relationship())
        : anonymous ? ReporterKind.ANONYMOUS : ReporterKind.PUBLIC;
    return Reporter.newBuilder()
        .setKind(kind)
        .setAnonymous(anonymous)
        .setName(name)
        .setEmail(email)
        .setPhone(phone)
        .setOrganisation(null)
        .setCallbackConsent(null)
        .build();
  }

  private static ReporterKind kind(WebRelationship relationship) {
    return switch (relationship) {
      case PUBLIC -> ReporterKind.PUBLIC;
      case PARENT -> ReporterKind.PARENT;
      case EDUCATOR -> ReporterKind.EDUCATOR;
      case THIRD_PARTY_GROUP -> ReporterKind.THIRD_PARTY_GROUP;
      case OTHER -> ReporterKind.OTHER;
    };
  }

  private static RemainderFact fact(String path, String value) {
    return RemainderFact.newBuilder().setPath(path).setValue(value).build();
  }

  private static String trimmed(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
