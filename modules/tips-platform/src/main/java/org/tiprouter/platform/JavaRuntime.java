package org.tiprouter.platform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Java runtime that can run a child process.
 *
 * @param executable     the {@code java} launcher
 * @param featureVersion the feature (major) version, e.g. 25
 * @param version        the full version as the runtime reports it, e.g. {@code 25.0.3}
 */
public record JavaRuntime(Path executable, int featureVersion, String version) {

  /** Validates. */
  public JavaRuntime {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(version, "version");
    if (featureVersion < 1) {
      throw new IllegalArgumentException("Unknown Java feature version for " + executable + ": " + version);
    }
  }
}
