package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.route.RouteDriver.RECORD_TIME;
import static org.tiprouter.route.TestTips.COPY;
import static org.tiprouter.route.TestTips.MEMPHIS;
import static org.tiprouter.route.TestTips.PRIMARY;
import static org.tiprouter.route.TestTips.TRIAGE_AGENCY;
import static org.tiprouter.route.TestTips.email;
import static org.tiprouter.route.TestTips.identifier;
import static org.tiprouter.route.TestTips.ip;
import static org.tiprouter.route.TestTips.phone;
import static org.tiprouter.route.TestTips.primaryAndCopy;
import static org.tiprouter.route.TestTips.singlePrimary;
import static org.tiprouter.route.TestTips.tip;
import static org.tiprouter.route.TestTips.username;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tiprouter.contract.AgencyRole;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.contract.ClassifiedTip;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.RelatedTip;
import org.tiprouter.contract.RoutedTip;
import org.tiprouter.contract.RoutedTipKind;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditTrail;
import org.tiprouter.core.topics.TopicNames;

/**
 * Correlation (deconfliction) through the whole topology: which identifiers link tips, both
 * directions of a link (the related list on the new tip, the RELATED_TIP notice to the earlier
 * tip's agencies), the 180-day window and its expiry, and that no identifier appears in clear in
 * any internal key.
 */
class CorrelationTopologyTest {

  private static final String SUSPECT_EMAIL = "jordan.placeholder@example.com";

  @TempDir
  Path stateDir;

  private RouteDriver route;
  private TopicNames topics;

  @BeforeEach
  void startDriver() {
    route = new RouteDriver(stateDir, PRIMARY, COPY, MEMPHIS, TRIAGE_AGENCY);
    topics = route.topics;
  }

  @AfterEach
  void closeDriver() {
    route.close();
  }

  // ---- links both ways -------------------------------------------------------------------------

  @Test
  void listsTheEarlierTipAndItsAgenciesOnTheNewTipAndNoticesTheEarlierTipsAgencies() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), primaryAndCopy(), email(SUSPECT_EMAIL));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL),
        phone("+19015550123"));
    route.pipe(earlier);
    route.pipe(later, RECORD_TIME.plus(Duration.ofDays(3)));

    List<RoutedTip> knoxville = route.readRouted(topics.agencyQueue(PRIMARY));
    List<RoutedTip> icac = route.readRouted(topics.agencyQueue(COPY));
    List<RoutedTip> memphis = route.readRouted(topics.agencyQueue(MEMPHIS));

    assertThat(knoxville).hasSize(2);
    assertThat(knoxville.get(0).getKind()).isEqualTo(RoutedTipKind.TIP);
    assertThat(knoxville.get(0).getRelated()).isEmpty();
    assertThat(memphis).singleElement().satisfies(routed -> {
      assertThat(routed.getTipId()).isEqualTo(later.getTip().getTipId());
      assertThat(routed.getRelated()).containsExactly(related(earlier, List.of(PRIMARY, COPY), IdentifierKind.EMAIL));
    });
    assertNotice(knoxville.get(1), earlier, PRIMARY, later, List.of(MEMPHIS));
    assertThat(icac).hasSize(2);
    assertNotice(icac.get(1), earlier, COPY, later, List.of(MEMPHIS));
  }

  @Test
  void keysNoticesByTheEarlierTipAndRecordsThemOnTheNewTipsChainOfCustody() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    route.pipe(earlier);
    route.audit().readRecordsToList();
    route.pipe(later);

    List<TestRecord<String, RoutedTip>> knoxville = route.readRoutedRecords(topics.agencyQueue(PRIMARY));
    TestRecord<String, RoutedTip> notice = knoxville.get(knoxville.size() - 1);
    assertThat(notice.key()).isEqualTo(earlier.getTip().getTipId().toString());

    List<TestRecord<String, AuditEvent>> trail = route.audit().readRecordsToList();
    assertThat(trail).extracting(TestRecord::key).containsOnly(later.getTip().getTipId().toString());
    assertThat(trail).extracting(record -> record.value().getType())
        .containsExactly(AuditEventType.ROUTED, AuditEventType.RELATED);
    AuditEvent related = trail.get(1).value();
    assertThat(related.getTipId()).isEqualTo(later.getTip().getTipId());
    assertThat(related.getRelatedTipId()).isEqualTo(earlier.getTip().getTipId());
    assertThat(related.getAgencyId()).isEqualTo(PRIMARY);
    assertThat(related.getDetail()).isEqualTo("RELATED_TIP notice to knoxville-pd");
    assertThat(trail.get(0).value().getPreviousEventHash()).isEqualTo(later.getAuditHead());
    assertThat(related.getPreviousEventHash()).isEqualTo(AuditTrail.hash(trail.get(0).value()));
    assertThat(notice.value().getAuditHead()).isEqualTo(AuditTrail.hash(related));
  }

  @Test
  void namesEverySharedKindOnceWhenTipsShareSeveralIdentifiers() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL),
        phone("+18655550142"), identifier(IdentifierKind.DEVICE_ID, "IMEI:356938035643809"));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), identifier(IdentifierKind.DEVICE_ID,
        "IMEI:356938035643809"), phone("+18655550142"), email(SUSPECT_EMAIL));
    route.pipe(earlier);
    route.pipe(later);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).singleElement().satisfies(related ->
            assertThat(related.getSharedIdentifierKinds()).containsExactly(IdentifierKind.EMAIL, IdentifierKind.PHONE,
                IdentifierKind.DEVICE_ID)));
    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).filteredOn(r -> r.getKind() == RoutedTipKind.RELATED_TIP)
        .hasSize(1);
  }

  @Test
  void linksAnAttachmentHashToTheSameFileHashIdentifierOfAnotherTip() {
    String md5 = "9e107d9d372bb6826bd81d3542a419d6";
    ClassifiedTip earlier = TestTips.withTip(UUID.randomUUID(), singlePrimary(PRIMARY), List.of(),
        List.of(TestTips.attachment(md5)));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS),
        identifier(IdentifierKind.FILE_HASH, md5.toUpperCase(java.util.Locale.ROOT)));
    route.pipe(earlier);
    route.pipe(later);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).containsExactly(related(earlier, List.of(PRIMARY), IdentifierKind.FILE_HASH)));
  }

  @Test
  void linksAUsernameOnlyOnTheSameService() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), username("shadowfox_77", "Example Chat"));
    ClassifiedTip otherService = tip(UUID.randomUUID(), singlePrimary(MEMPHIS),
        username("shadowfox_77", "Other Game"), identifier(IdentifierKind.USERNAME, "shadowfox_77"));
    ClassifiedTip sameService = tip(UUID.randomUUID(), singlePrimary(COPY), username("shadowfox_77", "example chat"));
    route.pipe(earlier);
    route.pipe(otherService);
    route.pipe(sameService);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
    assertThat(route.readRouted(topics.agencyQueue(COPY))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).containsExactly(related(earlier, List.of(PRIMARY), IdentifierKind.USERNAME)));
  }

  @Test
  void ignoresTheReportersOwnIdentifiersAndKindsThatDoNotIdentifyASubject() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), TestTips.reporter(email("reports@example.com")),
        identifier(IdentifierKind.URL, "https://chat.example.com/"), identifier(IdentifierKind.ESP_USER_ID, "1009876543"));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), TestTips.reporter(email("reports@example.com")),
        identifier(IdentifierKind.URL, "https://chat.example.com/"), identifier(IdentifierKind.ESP_USER_ID, "1009876543"));
    route.pipe(earlier);
    route.pipe(later);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
    assertThat(route.internalTopicsWritten()).doesNotContain(repartition("route-by-identifier"));
  }

  @Test
  void neverRelatesATipToItselfWhenItIsClassifiedTwice() {
    ClassifiedTip once = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
    route.pipe(once);
    route.pipe(once);

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).hasSize(2)
        .allSatisfy(routed -> {
          assertThat(routed.getKind()).isEqualTo(RoutedTipKind.TIP);
          assertThat(routed.getRelated()).isEmpty();
        });
  }

  @Test
  void listsAtMostTheConfiguredNumberOfRelatedTipsTheMostRecentFirst() {
    route.close();
    route = new RouteDriver(stateDir.resolve("capped"), RouteDriver.correlation(2), PRIMARY, MEMPHIS);
    List<ClassifiedTip> earlier = new ArrayList<>();
    for (int day = 0; day < 3; day++) {
      ClassifiedTip tip = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
      earlier.add(tip);
      route.pipe(tip, RECORD_TIME.plus(Duration.ofDays(day)));
    }
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    route.pipe(later, RECORD_TIME.plus(Duration.ofDays(5)));

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).extracting(RelatedTip::getTipId)
            .containsExactly(earlier.get(2).getTip().getTipId(), earlier.get(1).getTip().getTipId()));
  }

  // ---- notices to agencies that can no longer receive them --------------------------------------

  @Test
  void sendsTheNoticeForAnAgencyWhoseQueueIsGoneToTriage() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
    route.pipe(earlier);
    route.queues.delete(topics.agencyQueue(PRIMARY));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    route.pipe(later);

    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).hasSize(1);
    assertThat(route.readRouted(topics.triage())).singleElement().satisfies(notice -> {
      assertThat(notice.getKind()).isEqualTo(RoutedTipKind.RELATED_TIP);
      assertThat(notice.getTipId()).isEqualTo(earlier.getTip().getTipId());
      assertThat(notice.getAgencyId()).isEqualTo(RouteDriver.FALLBACK_TRIAGE);
      assertThat(notice.getTip()).isNull();
    });
    assertThat(route.audit().readValuesToList()).filteredOn(event -> event.getType() == AuditEventType.RELATED)
        .singleElement().satisfies(event ->
            assertThat(event.getDetail()).isEqualTo("RELATED_TIP notice to triage for AGENCY_QUEUE_MISSING knoxville-pd"));
  }

  @Test
  void sendsTheNoticeAboutATriagedEarlierTipToTheTriageTopic() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), TestTips.triage(), email(SUSPECT_EMAIL));
    route.pipe(earlier);
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    route.pipe(later);

    List<RoutedTip> triage = route.readRouted(topics.triage());
    assertThat(triage).extracting(RoutedTip::getKind).containsExactly(RoutedTipKind.TIP, RoutedTipKind.RELATED_TIP);
    assertThat(triage.get(1).getAgencyId()).isEqualTo(TRIAGE_AGENCY);
    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).containsExactly(related(earlier, List.of(TRIAGE_AGENCY), IdentifierKind.EMAIL)));
  }

  // ---- IP addresses ----------------------------------------------------------------------------

  @Test
  void linksAnIpOnlyWhenBothCaptureTimesAreWithin24Hours() {
    Instant capture = Instant.parse("2025-03-12T23:38:12Z");
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), ip("2001:db8::42", capture));
    ClassifiedTip sameDay = tip(UUID.randomUUID(), singlePrimary(MEMPHIS),
        ip("2001:db8::42", capture.plus(Duration.ofHours(23))));
    ClassifiedTip twoDaysLater = tip(UUID.randomUUID(), singlePrimary(COPY),
        ip("2001:db8::42", capture.plus(Duration.ofHours(49))));
    route.pipe(earlier);
    route.pipe(sameDay);
    route.pipe(twoDaysLater);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).containsExactly(related(earlier, List.of(PRIMARY), IdentifierKind.IP)));
    assertThat(route.readRouted(topics.agencyQueue(COPY))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
  }

  @Test
  void neverLinksAnIpWithoutACaptureTime() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), ip("203.0.113.7", null));
    ClassifiedTip later = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), ip("203.0.113.7", null));
    ClassifiedTip captured = tip(UUID.randomUUID(), singlePrimary(COPY),
        ip("203.0.113.7", Instant.parse("2025-03-12T23:38:12Z")));
    route.pipe(earlier);
    route.pipe(later);
    route.pipe(captured);

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
    assertThat(route.readRouted(topics.agencyQueue(COPY))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
  }

  // ---- the window and its expiry ---------------------------------------------------------------

  @Test
  void linksTipsUpTo180DaysApartButNotLonger() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
    ClassifiedTip within = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    ClassifiedTip beyond = tip(UUID.randomUUID(), singlePrimary(COPY), phone("+18655550142"));
    ClassifiedTip first = tip(UUID.randomUUID(), singlePrimary(PRIMARY), phone("+18655550142"));
    route.pipe(earlier);
    route.pipe(within, RECORD_TIME.plus(Duration.ofDays(179)));
    route.pipe(first, RECORD_TIME.plus(Duration.ofDays(180)));
    route.pipe(beyond, RECORD_TIME.plus(Duration.ofDays(361)));

    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement().satisfies(routed ->
        assertThat(routed.getRelated()).extracting(RelatedTip::getTipId).containsExactly(earlier.getTip().getTipId()));
    assertThat(route.readRouted(topics.agencyQueue(COPY))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
  }

  @Test
  void forgetsIdentifiersOnceStreamTimeHasPassedTheRetention() {
    ClassifiedTip earlier = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));
    route.pipe(earlier);
    assertThat(indexedTips()).containsExactly(earlier.getTip().getTipId());

    ClassifiedTip unrelated = tip(UUID.randomUUID(), singlePrimary(PRIMARY), phone("+15555550100"));
    route.pipe(unrelated, RECORD_TIME.plus(Duration.ofDays(300)));
    assertThat(indexedTips()).containsExactly(unrelated.getTip().getTipId());

    ClassifiedTip late = tip(UUID.randomUUID(), singlePrimary(MEMPHIS), email(SUSPECT_EMAIL));
    route.pipe(late, RECORD_TIME.plus(Duration.ofDays(100)));
    assertThat(route.readRouted(topics.agencyQueue(MEMPHIS))).singleElement()
        .satisfies(routed -> assertThat(routed.getRelated()).isEmpty());
  }

  // ---- keyed hashes: no identifier in clear in any key ------------------------------------------

  @Test
  void keysTheIndexAndEveryInternalTopicByKeyedHashesOrTipIdsNeverByAnIdentifier() {
    List<String> identifiers = List.of(SUSPECT_EMAIL, "+18655550142", "shadowfox_77", "2001:db8::42",
        "IMEI:356938035643809", "9e107d9d372bb6826bd81d3542a419d6");
    ClassifiedTip earlier = tip(UUID.randomUUID(), primaryAndCopy(), email(SUSPECT_EMAIL), phone("+18655550142"),
        username("shadowfox_77", "Example Chat"), ip("2001:db8::42", Instant.parse("2025-03-12T23:38:12Z")),
        identifier(IdentifierKind.DEVICE_ID, "IMEI:356938035643809"),
        identifier(IdentifierKind.FILE_HASH, "9e107d9d372bb6826bd81d3542a419d6"));
    ClassifiedTip later = ClassifiedTip.newBuilder(earlier).setTip(
        org.tiprouter.contract.Tip.newBuilder(earlier.getTip()).setTipId(UUID.randomUUID()).build()).build();
    route.pipe(earlier);
    route.pipe(later);

    assertThat(route.internalTopicsWritten()).containsExactlyInAnyOrder(
        repartition("route-pending-by-tip"), repartition("route-by-identifier"), repartition("route-results-by-tip"),
        changelog(IdentifierIndex.STORE), changelog(RouteCollector.STORE), changelog(AttachmentDesk.STORE));
    for (String topic : route.internalTopicsWritten()) {
      for (TestRecord<byte[], byte[]> record : route.rawRecords(topic)) {
        assertThat(record.key()).as("a key on " + topic).isNotNull();
        assertNoIdentifierIn(new String(record.key(), StandardCharsets.ISO_8859_1), identifiers, topic + " key");
        if (!topic.equals(repartition("route-pending-by-tip")) && !topic.equals(changelog(RouteCollector.STORE))) {
          assertNoIdentifierIn(new String(record.value(), StandardCharsets.ISO_8859_1), identifiers, topic + " value");
        }
      }
    }
    for (TestRecord<byte[], byte[]> record : route.rawRecords(repartition("route-by-identifier"))) {
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).matches("[0-9a-f]{64}");
    }
    WindowStore<String, byte[]> index = route.driver.getWindowStore(IdentifierIndex.STORE);
    try (KeyValueIterator<Windowed<String>, byte[]> all = index.all()) {
      List<String> keys = new ArrayList<>();
      all.forEachRemaining(entry -> keys.add(entry.key.key()));
      assertThat(keys).hasSize(12).allMatch(key -> key.matches("[0-9a-f]{64}"));
    }
    assertThat(route.readRouted(topics.agencyQueue(PRIMARY))).filteredOn(r -> r.getKind() == RoutedTipKind.TIP)
        .last().satisfies(routed -> assertThat(routed.getRelated()).singleElement().satisfies(related ->
            assertThat(related.getSharedIdentifierKinds()).containsExactly(IdentifierKind.EMAIL, IdentifierKind.PHONE,
                IdentifierKind.USERNAME, IdentifierKind.IP, IdentifierKind.DEVICE_ID, IdentifierKind.FILE_HASH)));
  }

  @Test
  void hashesTheSameIdentifierToDifferentKeysUnderDifferentSecrets() {
    IdentifierHasher one = new IdentifierHasher("first secret, at least 32 characters".getBytes(StandardCharsets.UTF_8));
    IdentifierHasher two = new IdentifierHasher("second secret, at least 32 characters".getBytes(StandardCharsets.UTF_8));
    CorrelationKeys first = new CorrelationKeys(one);
    CorrelationKeys second = new CorrelationKeys(two);
    ClassifiedTip tip = tip(UUID.randomUUID(), singlePrimary(PRIMARY), email(SUSPECT_EMAIL));

    assertThat(first.of(tip.getTip()).get(0).hash()).isNotEqualTo(second.of(tip.getTip()).get(0).hash())
        .doesNotContain(SUSPECT_EMAIL);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private List<UUID> indexedTips() {
    WindowStore<String, byte[]> index = route.driver.getWindowStore(IdentifierIndex.STORE);
    List<UUID> tips = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, byte[]> all = index.all()) {
      all.forEachRemaining((KeyValue<Windowed<String>, byte[]> entry) -> tips.add(IndexEntry.decode(entry.value).tipId()));
    }
    return tips;
  }

  private static void assertNoIdentifierIn(String text, List<String> identifiers, String what) {
    for (String identifier : identifiers) {
      assertThat(text).as(what).doesNotContainIgnoringCase(identifier);
    }
  }

  private static RelatedTip related(ClassifiedTip tip, List<String> agencies, IdentifierKind... kinds) {
    return RelatedTip.newBuilder().setTipId(tip.getTip().getTipId()).setAgencyIds(agencies)
        .setSharedIdentifierKinds(List.of(kinds)).build();
  }

  private static void assertNotice(RoutedTip notice, ClassifiedTip earlier, String agencyId, ClassifiedTip later,
      List<String> laterAgencies) {
    assertThat(notice.getKind()).isEqualTo(RoutedTipKind.RELATED_TIP);
    assertThat(notice.getTipId()).isEqualTo(earlier.getTip().getTipId());
    assertThat(notice.getAgencyId()).isEqualTo(agencyId);
    assertThat(notice.getRole()).isEqualTo(AgencyRole.COPY);
    assertThat(notice.getTip()).isNull();
    assertThat(notice.getDecision()).isNull();
    assertThat(notice.getUrgent()).isFalse();
    assertThat(notice.getRelated()).containsExactly(related(later, laterAgencies, IdentifierKind.EMAIL));
  }

  private static String repartition(String name) {
    return Stage.ROUTE.applicationId() + "-" + name + "-repartition";
  }

  private static String changelog(String store) {
    return Stage.ROUTE.applicationId() + "-" + store + "-changelog";
  }
}
