package org.tiprouter.ops;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** One component's readiness, as the operations server reports it. */
public interface HealthCheck {

  /** A short, stable component name such as {@code normalise} or {@code ingest-web}. */
  String name();

  /** The component's current state. */
  Status check();

  /** A component's state: ready or not, and a detail for operators (never payload data). */
  record Status(boolean ready, String detail) {
    public static Status up(String detail) {
      return new Status(true, detail);
    }

    public static Status down(String detail) {
      return new Status(false, detail);
    }
  }

  /** A check from a readiness test and a detail supplier. */
  static HealthCheck of(String name, BooleanSupplier ready, Supplier<String> detail) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Status check() {
        return new Status(ready.getAsBoolean(), detail.get());
      }
    };
  }
}
