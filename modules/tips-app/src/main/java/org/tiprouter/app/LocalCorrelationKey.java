package org.tiprouter.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The route correlation key of a pipeline that runs on one machine (the demo, the end-to-end
 * tests) when none is configured: 48 random bytes, generated on first start and kept, readable by
 * the owner only, in the pipeline's state directory, so correlation survives a restart of the
 * demo. Production sets {@code route.correlation.key} (TIPROUTER_ROUTE_CORRELATION_KEY) instead.
 */
final class LocalCorrelationKey {

  static final String FILE_NAME = "route-correlation.key";

  private LocalCorrelationKey() {}

  /** The key kept in {@code stateDir}, created when missing. */
  static String keptIn(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(stateDir);
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        write(file, Base64.getEncoder().encodeToString(random));
      }
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the route correlation key in " + stateDir, e);
    }
  }

  private static void write(Path file, String key) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      return;
    }
    Files.writeString(file, key, StandardCharsets.US_ASCII);
  }
}
