package org.tiprouter.formats.web;

/**
 * Why a web submission was refused: the {@code error} of a {@code 400} answer and the code of a
 * {@link org.tiprouter.formats.Parsed.Rejected}. Stable: clients may branch on them. Documented in
 * the tips-formats and tips-ingest-web READMEs.
 */
public enum WebErrorCode {
  /** The body is not one well-formed JSON object (syntax error, trailing content, nesting deeper than 16, an array...). */
  INVALID_JSON,
  /** A form body that is not valid {@code application/x-www-form-urlencoded} UTF-8. */
  INVALID_FORM_ENCODING,
  /** The same field appears twice in one object. */
  DUPLICATE_FIELD,
  /** A field the contract does not define (a typo must not silently lose information). */
  UNKNOWN_FIELD,
  /** A value of the wrong JSON type: text for a number, 12.5 for an age, a number for text, null in a list... */
  WRONG_TYPE,
  /** A required value is absent, null or blank (description, a username's handle, the other half of a coordinate pair, the time zone of a form time). */
  MISSING_FIELD,
  /** Text longer than the contract allows. */
  TOO_LONG,
  /** A list with more items than the contract allows. */
  TOO_MANY,
  /** Text that does not have the required form (submissionId, e-mail, phone, ZIP, state, country, date-time, URL). */
  INVALID_FORMAT,
  /** Not one of the allowed symbols (incident type, relationship, US state code, time zone). */
  UNKNOWN_VALUE,
  /** A number outside its range (ages, latitude, longitude). */
  OUT_OF_RANGE,
  /** {@code occurredAt} is later than now. */
  IN_THE_FUTURE,
  /** Fields that contradict each other: an anonymous reporter who also gives a name, e-mail or phone. */
  CONFLICTING_FIELDS
}
