package org.tiprouter.formats.canonical;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP addresses validated and written one way: IPv4 dotted decimal without leading zeros, IPv6 in
 * the RFC 5952 form (lower case, longest zero run compressed, IPv4-mapped addresses in mixed
 * notation). Parsed by hand: no name is ever looked up.
 */
public final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private IpAddresses() {}

  /** The canonical address, or empty when the text is not an IP address. */
  public static Optional<String> canonical(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    if (trimmed.contains(":")) {
      return ipv6(trimmed);
    }
    return ipv4(trimmed).map(IpAddresses::dotted);
  }

  private static Optional<int[]> ipv4(String text) {
    var matcher = IPV4.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(matcher.group(i + 1));
      if (octets[i] > 255) {
        return Optional.empty();
      }
    }
    return Optional.of(octets);
  }

  private static String dotted(int[] octets) {
    return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
  }

  private static Optional<String> ipv6(String text) {
    if (!IPV6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    int[] groups = new int[8];
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      return Optional.empty();
    }
    int[] head = groups(halves[0]);
    int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
    if (head == null || tail == null) {
      return Optional.empty();
    }
    if (halves.length == 1 && head.length != 8 || halves.length == 2 && head.length + tail.length > 7) {
      return Optional.empty();
    }
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    return Optional.of(rfc5952(groups));
  }

  /** The 16-bit groups of one side of "::"; an embedded IPv4 tail counts as two; null if invalid. */
  private static int[] groups(String side) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int count = parts.length;
    String last = parts[parts.length - 1];
    boolean embedded = last.contains(".");
    int[] result = new int[embedded ? count + 1 : count];
    for (int i = 0; i < parts.length - (embedded ? 1 : 0); i++) {
      if (parts[i].isEmpty() || parts[i].length() > 4 || parts[i].contains(".")) {
        return null;
      }
      result[i] = Integer.parseInt(parts[i], 16);
    }
    if (embedded) {
      Optional<int[]> v4 = ipv4(last);
      if (v4.isEmpty()) {
        return null;
      }
      int[] o = v4.get();
      result[count - 1] = (o[0] << 8) | o[1];
      result[count] = (o[2] << 8) | o[3];
    }
    return result;
  }

  private static String rfc5952(int[] groups) {
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0 && groups[5] == 0xffff) {
      return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
    }
    return out.toString();
  }
}
