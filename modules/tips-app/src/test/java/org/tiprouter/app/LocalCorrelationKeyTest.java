package org.tiprouter.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's correlation key: generated once per state directory, then kept, readable by its owner only. */
class LocalCorrelationKeyTest {

  @TempDir
  Path stateDir;

  @Test
  void keepsTheSameKeyAcrossStartsOfTheSameStateDirectory() {
    String first = LocalCorrelationKey.keptIn(stateDir.resolve("streams"));
    String again = LocalCorrelationKey.keptIn(stateDir.resolve("streams"));

    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(again);
    assertThat(LocalCorrelationKey.keptIn(stateDir.resolve("other"))).isNotEqualTo(first);
  }

  @Test
  void makesTheKeyFileReadableByItsOwnerOnly() throws Exception {
    LocalCorrelationKey.keptIn(stateDir);

    Path file = stateDir.resolve(LocalCorrelationKey.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
