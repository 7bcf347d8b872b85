package org.tiprouter.formats.cybertipline;

import java.util.List;
import java.util.Objects;

/**
 * A CyberTipline {@code report} document, every section of it, as validated against NCMEC's schema.
 * Texts are as written; optional values absent from the document are null and repeated ones are
 * empty lists. Holds personal data: never log it.
 *
 * @param batchedReportReason {@code batchedReport/@reason}, e.g. VIRAL_POTENTIAL_MEME, or null
 * @param incidentSummary what, when, where online, and whether the company escalated it
 * @param internetDetails one entry per {@code internetDetails}, each of one of eight kinds
 * @param lawEnforcement the agency already involved, or null
 * @param reporter the reporting company's people and texts
 * @param personsOrUsersReported the {@code personOrUserReported} sections (suspects)
 * @param intendedRecipients the {@code intendedRecipient} sections
 * @param victims the {@code victim} sections
 * @param additionalInfo the report's own {@code additionalInfo}, or null
 */
public record CyberTiplineReport(
    String batchedReportReason,
    IncidentSummary incidentSummary,
    List<InternetDetail> internetDetails,
    LawEnforcement lawEnforcement,
    Reporter reporter,
    List<Party> personsOrUsersReported,
    List<Party> intendedRecipients,
    List<Party> victims,
    String additionalInfo) implements CyberTiplineDocument {

  public CyberTiplineReport {
    Objects.requireNonNull(incidentSummary, "incidentSummary");
    Objects.requireNonNull(reporter, "reporter");
    internetDetails = List.copyOf(internetDetails);
    personsOrUsersReported = List.copyOf(personsOrUsersReported);
    intendedRecipients = List.copyOf(intendedRecipients);
    victims = List.copyOf(victims);
  }

  /**
   * {@code incidentSummary}.
   *
   * @param annotations names of the {@code reportAnnotations} present (each means true), in document order
   */
  public record IncidentSummary(CyberTiplineIncidentType incidentType, String platform, String escalateToHighPriority,
      List<String> annotations, XmlDateTime incidentDateTime, String incidentDateTimeDescription) {
    public IncidentSummary {
      Objects.requireNonNull(incidentType, "incidentType");
      Objects.requireNonNull(incidentDateTime, "incidentDateTime");
      annotations = List.copyOf(annotations);
    }
  }

  /** One {@code internetDetails}: exactly one of NCMEC's eight incident kinds. */
  public sealed interface InternetDetail permits WebPageIncident, EmailIncident, NewsgroupIncident, ChatImIncident,
      OnlineGamingIncident, CellPhoneIncident, NonInternetIncident, Peer2PeerIncident {

    /** The element name of the kind, e.g. {@code webPageIncident}. */
    String kind();
  }

  public record WebPageIncident(List<String> urls, String additionalInfo, Boolean thirdPartyHostedContent)
      implements InternetDetail {
    public WebPageIncident {
      urls = List.copyOf(urls);
    }

    @Override
    public String kind() {
      return "webPageIncident";
    }
  }

  public record EmailIncident(List<Email> emailAddresses, String content, String additionalInfo)
      implements InternetDetail {
    public EmailIncident {
      emailAddresses = List.copyOf(emailAddresses);
    }

    @Override
    public String kind() {
      return "emailIncident";
    }
  }

  public record NewsgroupIncident(String name, List<Email> emailAddresses, String content, String additionalInfo)
      implements InternetDetail {
    public NewsgroupIncident {
      emailAddresses = List.copyOf(emailAddresses);
    }

    @Override
    public String kind() {
      return "newsgroupIncident";
    }
  }

  public record ChatImIncident(String chatClient, String chatRoomName, String content, String additionalInfo)
      implements InternetDetail {
    @Override
    public String kind() {
      return "chatImIncident";
    }
  }

  public record OnlineGamingIncident(String gameName, String console, String content, String additionalInfo)
      implements InternetDetail {
    @Override
    public String kind() {
      return "onlineGamingIncident";
    }
  }

  /**
   * {@code cellPhoneIncident}; latitude and longitude are {@code xs:double} texts (whitespace collapsed).
   */
  public record CellPhoneIncident(Phone phoneNumber, String latitude, String longitude, String additionalInfo)
      implements InternetDetail {
    @Override
    public String kind() {
      return "cellPhoneIncident";
    }
  }

  public record NonInternetIncident(String locationName, List<Address> incidentAddresses, String additionalInfo)
      implements InternetDetail {
    public NonInternetIncident {
      incidentAddresses = List.copyOf(incidentAddresses);
    }

    @Override
    public String kind() {
      return "nonInternetIncident";
    }
  }

  public record Peer2PeerIncident(String client, List<IpCaptureEvent> ipCaptureEvents, String fileNames,
      String additionalInfo) implements InternetDetail {
    public Peer2PeerIncident {
      ipCaptureEvents = List.copyOf(ipCaptureEvents);
    }

    @Override
    public String kind() {
      return "peer2peerIncident";
    }
  }

  /** {@code lawEnforcement}; {@code fleaCountry} is the attribute of servedLegalProcessInternational. */
  public record LawEnforcement(String agencyName, String caseNumber, Person officerContact, Boolean reportedToLe,
      Boolean servedLegalProcessDomestic, Boolean servedLegalProcessInternational, String fleaCountry) {}

  /** {@code reporter}: the reporting person (required) and optional contact, template, terms and URL. */
  public record Reporter(Person reportingPerson, Person contactPerson, String companyTemplate, String termsOfService,
      String legalUrl) {
    public Reporter {
      Objects.requireNonNull(reportingPerson, "reportingPerson");
    }
  }

  /**
   * A person record ({@code person} or {@code contactPerson}; a contact person has no age or date of
   * birth). {@code dateOfBirth} is the {@code xs:date} text, whitespace collapsed.
   */
  public record Person(String firstName, String lastName, List<Phone> phones, List<Email> emails,
      List<Address> addresses, Integer age, String dateOfBirth) {
    public Person {
      phones = List.copyOf(phones);
      emails = List.copyOf(emails);
      addresses = List.copyOf(addresses);
    }
  }

  /** A phone number as written, with its attributes. */
  public record Phone(String number, String type, Boolean verified, XmlDateTime verificationDate,
      String countryCallingCode, String extension) {}

  /** An email address as written, with its attributes. */
  public record Email(String address, String type, Boolean verified, XmlDateTime verificationDate) {}

  /** An {@code address}: {@code street} is its {@code address} element. */
  public record Address(String street, String city, String zipCode, String state, String nonUsaState, String country,
      String type) {}

  /**
   * A person or account involved: a {@code personOrUserReported}, an {@code intendedRecipient} or a
   * {@code victim}. The three share most elements; one that a section does not have is null or
   * empty ({@code vehicleDescription} and {@code thirdPartyUserReported} exist only for reported
   * persons, {@code schoolName} only for victims, {@code associatedAccounts} not for recipients;
   * only recipients may have several {@code additionalInfo}).
   */
  public record Party(Person person, String vehicleDescription, String espIdentifier, String espService,
      Boolean compromisedAccount, String screenName, List<String> displayNames, List<String> profileUrls,
      String profileBio, List<IpCaptureEvent> ipCaptureEvents, List<DeviceId> deviceIds, Boolean thirdPartyUserReported,
      String schoolName, List<String> priorCTReports, String groupIdentifier, AccountStatus accountTemporarilyDisabled,
      AccountStatus accountPermanentlyDisabled, EstimatedLocation estimatedLocation, Boolean allEmailsReported,
      List<AssociatedAccount> associatedAccounts, List<String> additionalInfo) {
    public Party {
      displayNames = List.copyOf(displayNames);
      profileUrls = List.copyOf(profileUrls);
      ipCaptureEvents = List.copyOf(ipCaptureEvents);
      deviceIds = List.copyOf(deviceIds);
      priorCTReports = List.copyOf(priorCTReports);
      associatedAccounts = List.copyOf(associatedAccounts);
      additionalInfo = List.copyOf(additionalInfo);
    }
  }

  /** An IP address seen in use; {@code eventName} is Login, Registration, Purchase, Upload, Other or Unknown. */
  public record IpCaptureEvent(String ipAddress, String eventName, XmlDateTime dateTime, Boolean possibleProxy,
      Integer port) {}

  /** A device id (IMEI, ICCID, SSID, ...) seen in use. */
  public record DeviceId(String idType, String idValue, String eventName, XmlDateTime dateTime) {}

  /** Where the reporting company estimates the person is. */
  public record EstimatedLocation(String city, String region, String countryCode, Boolean verified,
      XmlDateTime timestamp) {}

  /** {@code accountTemporarilyDisabled} or {@code accountPermanentlyDisabled} (no re-enabled date for the latter). */
  public record AccountStatus(boolean disabled, XmlDateTime disabledDate, Boolean userNotified,
      XmlDateTime userNotifiedDate, XmlDateTime reenabledDate) {}

  /** Another account of the same person, with its {@code type} (Billing, Linked, ...). */
  public record AssociatedAccount(String type, String platform, Boolean platformThirdPartyUser, String firstName,
      String middleName, String lastName, Integer approximateAge, String dateOfBirth, List<Phone> phones,
      List<Email> emails, Boolean allEmailsReported, List<Address> addresses, String espService, String espIdentifier,
      List<String> profileUrls, String screenName, List<String> displayNames, String profileBio, String groupIdentifier,
      Boolean compromisedAccount, AccountStatus accountTemporarilyDisabled, AccountStatus accountPermanentlyDisabled,
      List<IpCaptureEvent> ipCaptureEvents, List<DeviceId> deviceIds, List<String> priorCTReports,
      String additionalInfo) {
    public AssociatedAccount {
      phones = List.copyOf(phones);
      emails = List.copyOf(emails);
      addresses = List.copyOf(addresses);
      profileUrls = List.copyOf(profileUrls);
      displayNames = List.copyOf(displayNames);
      ipCaptureEvents = List.copyOf(ipCaptureEvents);
      deviceIds = List.copyOf(deviceIds);
      priorCTReports = List.copyOf(priorCTReports);
    }
  }
}
