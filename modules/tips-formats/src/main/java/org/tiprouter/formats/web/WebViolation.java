package org.tiprouter.formats.web;

import java.util.Objects;

/**
 * One broken rule of the web contract.
 *
 * @param code what kind of problem
 * @param field where, as a path in the contract's terms ({@code description},
 *     {@code suspects[0].emails[1]}, {@code location.zip}); null for the whole body
 * @param message plain words for the person who sent it; never quotes the value
 */
public record WebViolation(WebErrorCode code, String field, String message) {

  public WebViolation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
