package org.tiprouter.normalise;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.tiprouter.core.errors.DeadLetters;

/**
 * Carries where a raw record was read (topic, partition, offset, timestamp) across normalise's
 * internal repartition by payload, so provenance and dead letters still name the raw record.
 * Only normalise writes these headers; on raw input they are overwritten, never trusted.
 */
final class ProvenanceHeaders {

  static final String TOPIC = "tiprouter.raw.topic";
  static final String PARTITION = "tiprouter.raw.partition";
  static final String OFFSET = "tiprouter.raw.offset";
  static final String TIMESTAMP = "tiprouter.raw.timestamp";

  private ProvenanceHeaders() {}

  static void write(Headers headers, DeadLetters.Source source) {
    put(headers, TOPIC, source.topic());
    put(headers, PARTITION, source.partition() == null ? null : source.partition().toString());
    put(headers, OFFSET, source.offset() == null ? null : source.offset().toString());
    put(headers, TIMESTAMP, source.timestamp() == null ? null : Long.toString(source.timestamp().toEpochMilli()));
  }

  static DeadLetters.Source read(Headers headers) {
    String partition = get(headers, PARTITION);
    String offset = get(headers, OFFSET);
    String timestamp = get(headers, TIMESTAMP);
    return new DeadLetters.Source(get(headers, TOPIC), partition == null ? null : Integer.valueOf(partition),
        offset == null ? null : Long.valueOf(offset), timestamp == null ? null : Instant.ofEpochMilli(Long.parseLong(timestamp)));
  }

  private static void put(Headers headers, String name, String value) {
    headers.remove(name);
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String get(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
