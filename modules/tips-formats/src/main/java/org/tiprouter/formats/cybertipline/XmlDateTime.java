package org.tiprouter.formats.cybertipline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * An {@code xs:dateTime} from a report: the text as written and the instant it denotes. XML
 * Schema allows a time without a zone offset; such a time is read as UTC and
 * {@link #hasOffset()} is false, so a mapper can keep the original text.
 *
 * @param lexical the value as written (whitespace collapsed)
 * @param instant the instant, UTC when no offset was written
 * @param hasOffset whether the text carried {@code Z} or an offset
 */
public record XmlDateTime(String lexical, Instant instant, boolean hasOffset) {

  public XmlDateTime {
    Objects.requireNonNull(lexical, "lexical");
    Objects.requireNonNull(instant, "instant");
  }

  /** The value of {@code text} (already collapsed), or null when it is not a valid xs:dateTime. */
  static XmlDateTime parse(String text) {
    var matcher = SimpleType.dateTimePattern().matcher(text);
    if (!matcher.matches() || !SimpleType.validDate(matcher.group(1), matcher.group(2), matcher.group(3))
        || !SimpleType.validOffset(matcher.group(8))) {
      return null;
    }
    int hour = Integer.parseInt(matcher.group(4));
    int minute = Integer.parseInt(matcher.group(5));
    int second = Integer.parseInt(matcher.group(6));
    String fraction = matcher.group(7);
    boolean endOfDay = hour == 24;
    if (endOfDay && (minute != 0 || second != 0 || fraction != null && !fraction.matches("\\.0+"))) {
      return null;
    }
    if (!endOfDay && (hour > 23 || minute > 59 || second > 59)) {
      return null;
    }
    try {
      int year = Integer.parseInt((text.startsWith("-") ? "-" : "") + matcher.group(1));
      LocalDate date = LocalDate.of(year, Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
      int nanos = 0;
      if (fraction != null && !endOfDay) {
        String digits = (fraction.substring(1) + "000000000").substring(0, 9);
        nanos = Integer.parseInt(digits);
      }
      LocalDateTime local = endOfDay ? date.plusDays(1).atStartOfDay()
          : LocalDateTime.of(date, LocalTime.of(hour, minute, second, nanos));
      String offset = matcher.group(8);
      ZoneOffset zone = offset == null || offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
      return new XmlDateTime(text, local.toInstant(zone), offset != null);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }
}
