package org.tiprouter.formats.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;

class TipCanonicaliserTest {

  private final TipCanonicaliser canonicaliser = new TipCanonicaliser();

  private static Identifier identifier(IdentifierKind kind, String value) {
    return Identifier.newBuilder().setKind(kind).setValue(value).setSubjectRole(SubjectRole.SUSPECT).build();
  }

  @Test
  void writesEveryIdentifierOneWayAndKeepsWhatTheSourceWrote() {
    Tip tip = Tip.newBuilder(ContractFixtures.tip()).setIdentifiers(List.of(
        identifier(IdentifierKind.PHONE, "(865) 555-0142"),
        identifier(IdentifierKind.EMAIL, " Gamer.Kid@Example.com"),
        identifier(IdentifierKind.URL, "Example.com/u/kid"),
        identifier(IdentifierKind.IP, "2001:DB8::0:1"),
        identifier(IdentifierKind.USERNAME, "  kid_gamer_99 "),
        identifier(IdentifierKind.PHONE, "not a number"))).build();

    List<Identifier> identifiers = canonicaliser.canonicalise(tip).getIdentifiers();

    assertThat(identifiers).extracting(Identifier::getValue).containsExactly("+18655550142",
        "gamer.kid@example.com", "http://example.com/u/kid", "2001:db8::1", "kid_gamer_99", "not a number");
    assertThat(identifiers).extracting(Identifier::getOriginal).containsExactly("(865) 555-0142",
        " Gamer.Kid@Example.com", "Example.com/u/kid", "2001:DB8::0:1", "  kid_gamer_99 ", "not a number");
  }

  @Test
  void writesStatesAndZipsOfEveryLocationOneWay() {
    Location location = Location.newBuilder().setRole(LocationRole.INCIDENT).setPrecision(LocationPrecision.ZIP)
        .setState("Tennessee").setZip("37902-4410").setCountry("us").build();
    Tip tip = Tip.newBuilder(ContractFixtures.tip()).setLocations(List.of(location)).build();

    Location canonical = canonicaliser.canonicalise(tip).getLocations().get(0);

    assertThat(canonical.getState()).isEqualTo("TN");
    assertThat(canonical.getZip()).isEqualTo("37902");
    assertThat(canonical.getCountry()).isEqualTo("US");
  }

  @Test
  void keepsAValueTheChannelMapperAlreadyPreparedAndItsOriginal() {
    Identifier username = Identifier.newBuilder(identifier(IdentifierKind.USERNAME, "kid_gamer_99"))
        .setOriginal("@kid_gamer_99").setService("examplechat").build();
    Tip tip = Tip.newBuilder(ContractFixtures.tip()).setIdentifiers(List.of(username)).build();

    Identifier canonical = canonicaliser.canonicalise(tip).getIdentifiers().get(0);

    assertThat(canonical.getValue()).isEqualTo("kid_gamer_99");
    assertThat(canonical.getOriginal()).isEqualTo("@kid_gamer_99");
  }

  @Test
  void isIdempotent() {
    Tip once = canonicaliser.canonicalise(ContractFixtures.tip());
    assertThat(canonicaliser.canonicalise(once)).isEqualTo(once);
  }
}
