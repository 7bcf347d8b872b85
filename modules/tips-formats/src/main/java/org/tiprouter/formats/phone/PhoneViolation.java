package org.tiprouter.formats.phone;

import java.util.Objects;

/**
 * One broken rule of a phone payload.
 *
 * @param code a {@link org.tiprouter.formats.web.WebErrorCode} name for every rule shared with the
 *     web contract, else a {@link PhoneCodes} code
 * @param field where: a contract path ({@code call.callStartedAt}, {@code location.zip}), a CSV
 *     column ({@code call_started_at}) or a form parameter ({@code CallSid}); null for the whole payload
 * @param message plain words for the sender; never quotes the value
 */
public record PhoneViolation(String code, String field, String message) {

  public PhoneViolation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
