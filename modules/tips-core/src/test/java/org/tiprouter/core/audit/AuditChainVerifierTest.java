package org.tiprouter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.AuditEvent;
import org.tiprouter.contract.AuditEventType;
import org.tiprouter.core.Stage;
import org.tiprouter.core.audit.AuditChainVerifier.StoredEvent;
import org.tiprouter.core.serde.AvroBinarySerde;

class AuditChainVerifierTest {

  private static final UUID TIP = UUID.fromString("3f1c2a9e-7b4d-4e0a-9c61-2d8e5f0a7b13");
  private final AuditTrail trail = new AuditTrail(Stage.NORMALISE, Clock.fixed(Instant.parse("2025-03-14T07:30:00Z"), ZoneOffset.UTC));
  private final AvroBinarySerde<AuditEvent> encoding = new AvroBinarySerde<>(AuditEvent.class);
  private final AuditChainVerifier verifier = new AuditChainVerifier();

  private List<StoredEvent> honestChain() {
    List<StoredEvent> chain = new ArrayList<>();
    String previous = null;
    int offset = 0;
    for (AuditEventType type : List.of(AuditEventType.RECEIVED, AuditEventType.NORMALISED, AuditEventType.CLASSIFIED,
        AuditEventType.ROUTED)) {
      AuditEvent event = trail.event(TIP, type, previous).build();
      previous = AuditTrail.hash(event);
      chain.add(stored(event, offset++));
    }
    return chain;
  }

  private StoredEvent stored(AuditEvent event, int offset) {
    return new StoredEvent("tips.audit.v1-0@" + offset, encoding.serializer().serialize(null, event), event);
  }

  @Test
  void acceptsAnHonestChainAndItsHeadIsTheLastEvent() {
    List<StoredEvent> chain = honestChain();
    assertThat(verifier.verify(TIP, chain)).isEmpty();
    assertThat(AuditChainVerifier.head(chain)).isEqualTo(AuditTrail.hash(chain.get(3).event()));
  }

  @Test
  void namesTheEventAfterARemovedOne() {
    List<StoredEvent> chain = honestChain();
    chain.remove(1);
    assertThat(verifier.verify(TIP, chain)).singleElement().satisfies(found -> {
      assertThat(found.position()).isEqualTo("tips.audit.v1-0@2");
      assertThat(found.problem()).contains("CLASSIFIED").contains("removed, inserted or altered");
    });
  }

  @Test
  void noticesThatTheFirstEventsWereRemoved() {
    List<StoredEvent> chain = honestChain();
    chain.remove(0);
    assertThat(verifier.verify(TIP, chain)).singleElement()
        .satisfies(found -> assertThat(found.problem()).contains("an event before it was removed"));
  }

  @Test
  void noticesAnAlteredEvent() {
    List<StoredEvent> chain = honestChain();
    AuditEvent altered = AuditEvent.newBuilder(chain.get(1).event()).setDetail("routed elsewhere").build();
    chain.set(1, stored(altered, 1));
    assertThat(verifier.verify(TIP, chain)).singleElement()
        .satisfies(found -> assertThat(found.position()).isEqualTo("tips.audit.v1-0@2"));
  }

  @Test
  void groupsEventsByTipInAppendOrder() {
    List<StoredEvent> chain = honestChain();
    AuditEvent other = trail.event(UUID.randomUUID(), AuditEventType.RECEIVED, null).build();
    List<StoredEvent> mixed = new ArrayList<>(chain);
    mixed.add(2, stored(other, 9));
    assertThat(AuditChainVerifier.chains(mixed).get(TIP)).containsExactlyElementsOf(chain);
  }
}
