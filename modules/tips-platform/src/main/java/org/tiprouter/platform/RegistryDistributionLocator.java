package org.tiprouter.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the unpacked Apicurio Registry distribution (the directory holding {@code quarkus-run.jar}).
 *
 * <p>Order: an explicitly configured directory; else the system property {@value #SYSTEM_PROPERTY} (the build sets
 * it for every test); else the environment variable {@value #ENV_VARIABLE}; else the first
 * {@value #BUILD_OUTPUT} found in the working directory or one of its parents (the build of
 * {@code modules/tips-platform} unpacks it there).
 */
public final class RegistryDistributionLocator {

  /** System property naming the distribution directory. */
  public static final String SYSTEM_PROPERTY = "tiprouter.registry.home";
  /** Environment variable naming the distribution directory. */
  public static final String ENV_VARIABLE = "TIPROUTER_REGISTRY_HOME";
  /** Where the build unpacks the distribution, relative to the project root. */
  public static final String BUILD_OUTPUT = "modules/tips-platform/target/apicurio-registry";
  /** The Quarkus launcher inside the distribution. */
  public static final String LAUNCHER = "quarkus-run.jar";

  private static final int LAUNCHER_SEARCH_DEPTH = 3;

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Path workingDirectory;

  /**
   * @param systemProperties system properties to read {@value #SYSTEM_PROPERTY} from
   * @param environment      environment variables to read {@value #ENV_VARIABLE} from
   * @param workingDirectory where the upward search for {@value #BUILD_OUTPUT} starts
   */
  public RegistryDistributionLocator(Map<String, String> systemProperties, Map<String, String> environment,
                    Path workingDirectory) {
    this.systemProperties = Map.copyOf(Objects.requireNonNull(systemProperties, "systemProperties"));
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** A locator reading this process's system properties, environment and working directory. */
  public static RegistryDistributionLocator forThisProcess() {
    String home = System.getProperty(SYSTEM_PROPERTY);
    Map<String, String> properties = home == null ? Map.of() : Map.of(SYSTEM_PROPERTY, home);
    return new RegistryDistributionLocator(properties, System.getenv(), Path.of(""));
  }

  /**
   * Finds the launcher jar.
   *
   * @param configured a distribution directory chosen explicitly, or {@code null}
   * @return the absolute path of {@value #LAUNCHER}
   * @throws IllegalStateException when none is found; the message says how to get one
   */
  public Path locateLauncher(Path configured) {
    if (configured != null) {
      return launcherIn(configured, "the configured registry home");
    }
    String property = systemProperties.get(SYSTEM_PROPERTY);
    if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property.trim()))) {
      return launcherIn(Path.of(property.trim()), "system property " + SYSTEM_PROPERTY);
    }
    String variable = environment.get(ENV_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return launcherIn(Path.of(variable.trim()), "environment variable " + ENV_VARIABLE);
    }
    for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(BUILD_OUTPUT);
      if (Files.isDirectory(candidate)) {
        Optional<Path> launcher = findLauncher(candidate);
        if (launcher.isPresent()) {
          return launcher.get();
        }
      }
    }
    throw new IllegalStateException("Apicurio Registry distribution not found: set " + SYSTEM_PROPERTY
        + " or " + ENV_VARIABLE + ", or build it into " + BUILD_OUTPUT + " with "
        + "'mvn -pl modules/tips-platform package' from the project root (searched upward from "
        + workingDirectory + ")");
  }

  private static Path launcherIn(Path home, String source) {
    return findLauncher(home).orElseThrow(() -> new IllegalStateException("No " + LAUNCHER + " in " + home
        + " (from " + source + "); unpack the Apicurio Registry distribution there, e.g. with "
        + "'mvn -pl modules/tips-platform package'"));
  }

  private static Optional<Path> findLauncher(Path home) {
    Path direct = home.resolve(LAUNCHER);
    if (Files.isRegularFile(direct)) {
      return Optional.of(direct.toAbsolutePath().normalize());
    }
    if (!Files.isDirectory(home)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(home, LAUNCHER_SEARCH_DEPTH)) {
      return files.filter(path -> path.getFileName().toString().equals(LAUNCHER))
          .filter(Files::isRegularFile)
          .min(Comparator.comparingInt(Path::getNameCount))
          .map(path -> path.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search " + home + " for " + LAUNCHER, e);
    }
  }
}
