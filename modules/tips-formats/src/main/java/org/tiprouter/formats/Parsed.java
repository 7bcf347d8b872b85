package org.tiprouter.formats;

import java.util.Objects;

/**
 * What a channel parser made of untrusted bytes: the parsed value, or a rejection with a code and
 * a detail that names the problem (a field or element) without quoting the input. Expected bad
 * input is a result, never an exception.
 */
public sealed interface Parsed<T> {

  /** The input was valid. */
  record Accepted<T>(T value) implements Parsed<T> {
    public Accepted {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The input was refused.
   *
   * @param code a stable machine-readable code (the channel documents its codes)
   * @param field where the problem is (JSON path, element path, CSV column), or null
   * @param detail plain words for the sender; never quotes the input
   */
  record Rejected<T>(String code, String field, String detail) implements Parsed<T> {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(detail, "detail");
    }
  }

  static <T> Parsed<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> Parsed<T> rejected(String code, String field, String detail) {
    return new Rejected<>(code, field, detail);
  }
}
