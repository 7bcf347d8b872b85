package org.tiprouter.route;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary form of route's internal records (repartition topics and state stores): a format
 * version byte, a type byte, then the fields in order. Internal records hold tip ids, agency ids,
 * identifier kinds and times; only the pending tip carries the classified tip's own bytes.
 */
final class Wire {

  static final byte VERSION = 1;

  private Wire() {}

  /** Writes one record. */
  static final class Writer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    private final DataOutputStream out = new DataOutputStream(bytes);

    Writer(byte type) {
      write(() -> {
        out.writeByte(VERSION);
        out.writeByte(type);
      });
    }

    Writer uuid(UUID value) {
      return write(() -> {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
      });
    }

    Writer integer(int value) {
      return write(() -> out.writeInt(value));
    }

    Writer bool(boolean value) {
      return write(() -> out.writeBoolean(value));
    }

    Writer longValue(long value) {
      return write(() -> out.writeLong(value));
    }

    Writer optionalLong(Long value) {
      return write(() -> {
        out.writeBoolean(value != null);
        if (value != null) {
          out.writeLong(value);
        }
      });
    }

    Writer optionalInt(Integer value) {
      return write(() -> {
        out.writeBoolean(value != null);
        if (value != null) {
          out.writeInt(value);
        }
      });
    }

    Writer string(String value) {
      return write(() -> {
        out.writeBoolean(value != null);
        if (value != null) {
          out.writeUTF(value);
        }
      });
    }

    Writer strings(List<String> values) {
      integer(values.size());
      values.forEach(this::string);
      return this;
    }

    Writer bytes(byte[] value) {
      return write(() -> {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
          out.write(value);
        }
      });
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }

    private Writer write(IoAction action) {
      try {
        action.run();
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Reads one record written by {@link Writer}; fails on another version or type. */
  static final class Reader {
    private final DataInputStream in;

    Reader(byte[] record, byte expectedType) {
      this.in = new DataInputStream(new ByteArrayInputStream(record));
      byte version = read(in::readByte);
      byte type = read(in::readByte);
      if (version != VERSION || type != expectedType) {
        throw new IllegalArgumentException("Not a route record of type " + (char) expectedType + " version " + VERSION);
      }
    }

    /** The type byte of {@code record}, checking its version. */
    static byte typeOf(byte[] record) {
      if (record == null || record.length < 2 || record[0] != VERSION) {
        throw new IllegalArgumentException("Not a route record of version " + VERSION);
      }
      return record[1];
    }

    UUID uuid() {
      return read(() -> new UUID(in.readLong(), in.readLong()));
    }

    int integer() {
      return read(in::readInt);
    }

    boolean bool() {
      return read(in::readBoolean);
    }

    long longValue() {
      return read(in::readLong);
    }

    Long optionalLong() {
      return read(() -> in.readBoolean() ? in.readLong() : null);
    }

    Integer optionalInt() {
      return read(() -> in.readBoolean() ? in.readInt() : null);
    }

    String string() {
      return read(() -> in.readBoolean() ? in.readUTF() : null);
    }

    List<String> strings() {
      int size = integer();
      List<String> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        values.add(string());
      }
      return values;
    }

    byte[] bytes() {
      return read(() -> {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
      });
    }

    private <T> T read(IoSupplier<T> supplier) {
      try {
        return supplier.get();
      } catch (IOException e) {
        throw new IllegalArgumentException("Truncated route record", e);
      }
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
