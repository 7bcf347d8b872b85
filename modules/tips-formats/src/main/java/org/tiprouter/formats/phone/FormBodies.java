package org.tiprouter.formats.phone;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tiprouter.formats.phone.PhoneCall.FormParameter;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (as Twilio sends its webhooks): pairs
 * in order, {@code +} is a space, {@code %XX} a byte, and the bytes must be UTF-8. A malformed
 * escape or invalid UTF-8 is refused, never replaced.
 */
public final class FormBodies {

  private FormBodies() {}

  /** The pairs of {@code body} in order, or empty when it is not strictly URL-encoded UTF-8. */
  public static Optional<List<FormParameter>> decode(byte[] body) {
    List<FormParameter> pairs = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '&') {
        if (i > start) {
          Optional<FormParameter> pair = pair(body, start, i);
          if (pair.isEmpty()) {
            return Optional.empty();
          }
          pairs.add(pair.get());
        }
        start = i + 1;
      }
    }
    return Optional.of(pairs);
  }

  private static Optional<FormParameter> pair(byte[] body, int from, int to) {
    int equals = from;
    while (equals < to && body[equals] != '=') {
      equals++;
    }
    Optional<String> name = component(body, from, equals);
    Optional<String> value = equals < to ? component(body, equals + 1, to) : Optional.of("");
    return name.isPresent() && value.isPresent() && !name.get().isEmpty()
        ? Optional.of(new FormParameter(name.get(), value.get())) : Optional.empty();
  }

  private static Optional<String> component(byte[] body, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b == '+') {
        bytes.write(' ');
      } else if (b == '%') {
        if (i + 2 >= to) {
          return Optional.empty();
        }
        int high = Character.digit(body[i + 1], 16);
        int low = Character.digit(body[i + 2], 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(b);
      }
    }
    return strictUtf8(bytes.toByteArray());
  }

  /** {@code bytes} as UTF-8 text, or empty when they are not valid UTF-8. */
  public static Optional<String> strictUtf8(byte[] bytes) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
