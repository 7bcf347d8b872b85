package org.tiprouter.formats.cybertipline;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An XML Schema simple type as the CyberTipline schema uses it: checks the text of an element or
 * attribute against the type's lexical space (after the type's whitespace rule). Types derived from
 * {@code xs:string} keep whitespace (so an enumeration value with a trailing space is refused);
 * numbers, booleans and dates collapse it.
 */
abstract class SimpleType {

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern DOUBLE = Pattern.compile(
      "[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|-?INF|NaN");
  private static final Pattern DATE_TIME = Pattern.compile(
      "-?([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?");
  private static final Pattern DATE = Pattern.compile(
      "-?([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?");

  private final String name;

  SimpleType(String name) {
    this.name = name;
  }

  /** The type's name for messages, e.g. {@code xs:dateTime} or {@code incidentType}. */
  final String name() {
    return name;
  }

  /** Whether {@code text} (as written, before whitespace processing) is valid. */
  abstract boolean accepts(String text);

  /** Whether the type is a boolean that must be true when present (a presence-only annotation). */
  boolean presenceOnly() {
    return false;
  }

  /** XML Schema's "collapse": runs of whitespace become one space, leading and trailing removed. */
  static String collapse(String text) {
    return text.replaceAll("[ \\t\\n\\r]+", " ").strip();
  }

  static final SimpleType STRING = new SimpleType("xs:string") {
    @Override
    boolean accepts(String text) {
      return true;
    }
  };

  static final SimpleType TOKEN = new SimpleType("xs:token") {
    @Override
    boolean accepts(String text) {
      return true;
    }
  };

  static final SimpleType BOOLEAN = new SimpleType("xs:boolean") {
    @Override
    boolean accepts(String text) {
      String value = collapse(text);
      return value.equals("true") || value.equals("false") || value.equals("1") || value.equals("0");
    }
  };

  /**
   * An {@code xs:boolean} element declared {@code fixed="true"}: present means true. It may be
   * empty (the fixed value applies) or say true; {@code false} contradicts the fixed value.
   */
  static final SimpleType PRESENCE = new SimpleType("presence-only annotation") {
    @Override
    boolean accepts(String text) {
      if (text.isEmpty()) {
        return true;
      }
      String value = collapse(text);
      return value.equals("true") || value.equals("1");
    }

    @Override
    boolean presenceOnly() {
      return true;
    }
  };

  static final SimpleType INT = integer("xs:int", Integer.MIN_VALUE, Integer.MAX_VALUE);
  static final SimpleType LONG = integer("xs:long", Long.MIN_VALUE, Long.MAX_VALUE);

  static final SimpleType DOUBLE_TYPE = new SimpleType("xs:double") {
    @Override
    boolean accepts(String text) {
      return DOUBLE.matcher(collapse(text)).matches();
    }
  };

  static final SimpleType DATE_TIME_TYPE = new SimpleType("xs:dateTime") {
    @Override
    boolean accepts(String text) {
      return XmlDateTime.parse(collapse(text)) != null;
    }
  };

  static final SimpleType DATE_TYPE = new SimpleType("xs:date") {
    @Override
    boolean accepts(String text) {
      var matcher = DATE.matcher(collapse(text));
      return matcher.matches() && validDate(matcher.group(1), matcher.group(2), matcher.group(3))
          && validOffset(matcher.group(4));
    }
  };

  private static SimpleType integer(String name, long min, long max) {
    return new SimpleType(name) {
      @Override
      boolean accepts(String text) {
        String value = collapse(text);
        if (!INTEGER.matcher(value).matches()) {
          return false;
        }
        try {
          long parsed = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
          return parsed >= min && parsed <= max;
        } catch (NumberFormatException e) {
          return false;
        }
      }
    };
  }

  /** A string restricted to listed values, compared exactly (whitespace is kept for strings). */
  static SimpleType enumeration(String name, List<String> values) {
    Set<String> allowed = new LinkedHashSet<>(values);
    return new SimpleType(name) {
      @Override
      boolean accepts(String text) {
        return allowed.contains(text);
      }
    };
  }

  /** A string matching a pattern as a whole. */
  static SimpleType pattern(String name, String regex) {
    Pattern compiled = Pattern.compile(regex);
    return new SimpleType(name) {
      @Override
      boolean accepts(String text) {
        return compiled.matcher(text).matches();
      }
    };
  }

  static boolean validDate(String year, String month, String day) {
    if (year.length() > 4 && year.startsWith("0") || year.equals("0000") || year.length() > 9) {
      return false;
    }
    try {
      LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return true;
    } catch (DateTimeException | NumberFormatException e) {
      return false;
    }
  }

  static boolean validOffset(String offset) {
    if (offset == null || offset.equals("Z")) {
      return true;
    }
    int hours = Integer.parseInt(offset.substring(1, 3));
    int minutes = Integer.parseInt(offset.substring(4, 6));
    return minutes < 60 && (hours < 14 || hours == 14 && minutes == 0);
  }

  static Pattern dateTimePattern() {
    return DATE_TIME;
  }
}
