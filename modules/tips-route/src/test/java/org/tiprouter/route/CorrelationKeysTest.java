package org.tiprouter.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tiprouter.route.TestTips.email;
import static org.tiprouter.route.TestTips.identifier;
import static org.tiprouter.route.TestTips.ip;
import static org.tiprouter.route.TestTips.phone;
import static org.tiprouter.route.TestTips.username;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Tip;

/** Which identifiers of a tip become correlation keys, and how. */
class CorrelationKeysTest {

  private final CorrelationKeys keys = new CorrelationKeys(
      new IdentifierHasher(RouteDriver.CORRELATION_KEY.getBytes(StandardCharsets.UTF_8)));

  @Test
  void correlatesTheFixtureReportsSubjectIdentifiersAndAttachmentHashesOnly() {
    List<CorrelationKey> found = keys.of(ContractFixtures.tip());

    assertThat(found).extracting(CorrelationKey::kind).containsExactly(IdentifierKind.EMAIL, IdentifierKind.PHONE,
        IdentifierKind.USERNAME, IdentifierKind.IP, IdentifierKind.DEVICE_ID, IdentifierKind.FILE_HASH,
        IdentifierKind.FILE_HASH);
    assertThat(found).filteredOn(key -> key.kind() == IdentifierKind.IP).singleElement()
        .satisfies(key -> assertThat(key.capturedAt()).isEqualTo(Instant.parse("2025-03-12T23:38:12Z").toEpochMilli()));
    assertThat(found).allSatisfy(key -> assertThat(key.hash()).matches("[0-9a-f]{64}"));
  }

  @Test
  void givesEqualIdentifiersOfTwoTipsTheSameKeyAndDifferentKindsDifferentKeys() {
    Tip first = tip(email("same@example.org"), phone("+18655550142"));
    Tip second = tip(phone("+18655550142"), email("same@example.org"), identifier(IdentifierKind.DEVICE_ID,
        "same@example.org"));

    List<String> firstKeys = keys.of(first).stream().map(CorrelationKey::hash).toList();
    List<String> secondKeys = keys.of(second).stream().map(CorrelationKey::hash).toList();
    assertThat(secondKeys.subList(0, 2)).containsExactlyInAnyOrderElementsOf(firstKeys);
    assertThat(firstKeys).doesNotContain(secondKeys.get(2));
  }

  @Test
  void keysAUsernameByItsServiceAndSkipsOneWithoutAService() {
    List<CorrelationKey> found = keys.of(tip(username("shadowfox_77", "Example Chat"),
        username("shadowfox_77", " example chat "), username("shadowfox_77", "Other Game"),
        identifier(IdentifierKind.USERNAME, "shadowfox_77")));

    assertThat(found).hasSize(2);
  }

  @Test
  void skipsAnIpWithoutCaptureTimeAndKeepsOneKeyPerCaptureTime() {
    Instant capture = Instant.parse("2025-03-12T23:38:12Z");
    List<CorrelationKey> found = keys.of(tip(ip("203.0.113.7", null), ip("203.0.113.7", capture),
        ip("203.0.113.7", capture), ip("203.0.113.7", capture.plusSeconds(3600))));

    assertThat(found).hasSize(2).extracting(CorrelationKey::hash).containsOnly(found.get(0).hash());
  }

  @Test
  void skipsReporterIdentifiersBlankValuesAndKindsThatAreNotCorrelated() {
    List<CorrelationKey> found = keys.of(tip(TestTips.reporter(email("tips@example-esp.com")), email("  "),
        identifier(IdentifierKind.URL, "https://chat.example.com/u/shadowfox_77"),
        identifier(IdentifierKind.ESP_USER_ID, "1009876543"), identifier(IdentifierKind.OTHER, "x")));

    assertThat(found).isEmpty();
  }

  @Test
  void treatsAFileHashTheSameWhateverItsLetterCase() {
    List<CorrelationKey> found = keys.of(tip(identifier(IdentifierKind.FILE_HASH, "9E107D9D372BB6826BD81D3542A419D6"),
        identifier(IdentifierKind.FILE_HASH, "9e107d9d372bb6826bd81d3542a419d6")));

    assertThat(found).hasSize(1);
  }

  private static Tip tip(org.tiprouter.contract.Identifier... identifiers) {
    return TestTips.tip(UUID.randomUUID(), TestTips.primaryAndCopy(), identifiers).getTip();
  }
}
