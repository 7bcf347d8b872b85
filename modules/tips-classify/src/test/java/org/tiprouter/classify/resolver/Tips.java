package org.tiprouter.classify.resolver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tiprouter.contract.Channel;
import org.tiprouter.contract.ContractFixtures;
import org.tiprouter.contract.Location;
import org.tiprouter.contract.LocationPrecision;
import org.tiprouter.contract.LocationRole;
import org.tiprouter.contract.Reporter;
import org.tiprouter.contract.ReporterKind;
import org.tiprouter.contract.Tip;

/** Builds test tips: the contract fixture's tip with only the locations and reporter a test gives. */
final class Tips {

  private final Tip.Builder tip;
  private final List<Location> locations = new ArrayList<>();

  private Tips(Channel channel) {
    tip = Tip.newBuilder(ContractFixtures.tip()).setTipId(UUID.fromString("6d0c1f3a-2b4e-4c5d-8e9f-0a1b2c3d4e5f"))
        .setChannel(channel).setLocations(List.of()).setIdentifiers(List.of()).setReporter(null)
        .setReceivedAt(Instant.parse("2025-03-14T02:17:05.123Z"));
  }

  static Tips web() {
    return new Tips(Channel.WEB);
  }

  static Tips of(Channel channel) {
    return new Tips(channel);
  }

  Tips at(LocationRole role, Location.Builder location) {
    locations.add(location.setRole(role).build());
    return this;
  }

  Tips coordinates(LocationRole role, double latitude, double longitude) {
    return at(role, Location.newBuilder().setPrecision(LocationPrecision.COORDINATES).setLatitude(latitude)
        .setLongitude(longitude));
  }

  Tips zip(LocationRole role, String zip) {
    return at(role, Location.newBuilder().setPrecision(LocationPrecision.ZIP).setZip(zip));
  }

  Tips city(LocationRole role, String city, String state) {
    return at(role, Location.newBuilder().setPrecision(LocationPrecision.CITY).setCity(city).setState(state));
  }

  Tips state(LocationRole role, String state) {
    return at(role, Location.newBuilder().setPrecision(LocationPrecision.STATE).setState(state));
  }

  Tips reporterPhone(String e164) {
    tip.setReporter(Reporter.newBuilder().setKind(ReporterKind.PUBLIC).setAnonymous(false).setPhone(e164).build());
    return this;
  }

  Tip build() {
    return tip.setLocations(List.copyOf(locations)).build();
  }
}
