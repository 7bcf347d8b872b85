package org.tiprouter.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Java runtime of at least a given feature version, for a child process that needs a newer Java than the
 * one we run on (the schema registry needs 21+; the project builds for 17).
 *
 * <p>Order: an explicitly configured path; else the environment variable {@value #ENV_VARIABLE}; else the running
 * JVM if it is new enough; else the newest new-enough JDK under the JVM roots ({@code /usr/lib/jvm} by default),
 * judged by each one's {@code release} file. A path may name a {@code java} binary or a Java home directory.
 */
public final class JavaRuntimeLocator {

  /** Environment variable naming a {@code java} binary or a Java home for the schema registry. */
  public static final String ENV_VARIABLE = "TIPROUTER_REGISTRY_JAVA";
  /** Where Debian-style systems install JDKs. */
  public static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");

  private static final Logger LOG = LoggerFactory.getLogger(JavaRuntimeLocator.class);
  private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)\"?\\s*$",
      Pattern.MULTILINE);
  private static final Pattern LAUNCHER_VERSION = Pattern.compile("version \"([^\"]+)\"");
  private static final long VERSION_PROBE_TIMEOUT_SECONDS = 20;

  private final int minimumFeatureVersion;
  private final Map<String, String> environment;
  private final JavaRuntime current;
  private final List<Path> jvmRoots;

  /**
   * @param minimumFeatureVersion the lowest acceptable feature version, e.g. 21
   * @param environment           environment variables to read {@value #ENV_VARIABLE} from
   * @param current               the running JVM
   * @param jvmRoots              directories whose sub-directories are Java homes
   */
  public JavaRuntimeLocator(int minimumFeatureVersion, Map<String, String> environment, JavaRuntime current,
               List<Path> jvmRoots) {
    this.minimumFeatureVersion = minimumFeatureVersion;
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.current = Objects.requireNonNull(current, "current");
    this.jvmRoots = List.copyOf(jvmRoots);
  }

  /** A locator that reads this process's environment, this JVM and {@code /usr/lib/jvm}. */
  public static JavaRuntimeLocator forThisMachine(int minimumFeatureVersion) {
    Runtime.Version running = Runtime.version();
    JavaRuntime current = new JavaRuntime(Path.of(System.getProperty("java.home"), "bin", "java"),
        running.feature(), running.toString());
    return new JavaRuntimeLocator(minimumFeatureVersion, System.getenv(), current, List.of(DEFAULT_JVM_ROOT));
  }

  /**
   * Finds the runtime.
   *
   * @param configured a {@code java} binary or Java home chosen explicitly, or {@code null}
   * @throws IllegalStateException when a chosen runtime is missing or too old, or none is found; the message says
   *                               how to fix it
   */
  public JavaRuntime locate(Path configured) {
    if (configured != null) {
      return requireNewEnough(inspect(configured, "the configured Java runtime"), "the configured runtime");
    }
    String fromEnvironment = environment.get(ENV_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      Path path = Path.of(fromEnvironment.trim());
      return requireNewEnough(inspect(path, ENV_VARIABLE), ENV_VARIABLE);
    }
    if (current.featureVersion() >= minimumFeatureVersion) {
      return current;
    }
    Optional<JavaRuntime> installed = newestInstalled();
    if (installed.isPresent()) {
      LOG.debug("Running on Java {}; using Java {} at {}", current.featureVersion(),
          installed.get().version(), installed.get().executable());
      return installed.get();
    }
    throw new IllegalStateException("The schema registry needs a Java " + minimumFeatureVersion
        + "+ runtime, but this JVM is Java " + current.featureVersion() + " and none was found under "
        + jvmRoots + ". Install a Java " + minimumFeatureVersion + "+ runtime (e.g. a Temurin JDK under "
        + DEFAULT_JVM_ROOT + ") or set " + ENV_VARIABLE + " to its java binary or Java home.");
  }

  private JavaRuntime requireNewEnough(JavaRuntime runtime, String source) {
    if (runtime.featureVersion() < minimumFeatureVersion) {
      throw new IllegalStateException("The schema registry needs Java " + minimumFeatureVersion + "+, but "
          + runtime.executable() + " (from " + source + ") is Java " + runtime.version()
          + ". Point " + ENV_VARIABLE + " at a Java " + minimumFeatureVersion + "+ runtime.");
    }
    return runtime;
  }

  private Optional<JavaRuntime> newestInstalled() {
    List<JavaRuntime> found = new ArrayList<>();
    for (Path root : jvmRoots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> homes = Files.list(root)) {
        homes.sorted()
            .map(JavaRuntimeLocator::fromReleaseFile)
            .flatMap(Optional::stream)
            .filter(runtime -> runtime.featureVersion() >= minimumFeatureVersion)
            .forEach(found::add);
      } catch (IOException e) {
        LOG.debug("Cannot list {}", root, e);
      }
    }
    return found.stream().max(Comparator.comparingInt(JavaRuntime::featureVersion)
        .thenComparing(JavaRuntime::version, JavaRuntimeLocator::compareVersions));
  }

  /** A Java home's runtime, judged by its {@code release} file, if it has one and a {@code bin/java}. */
  static Optional<JavaRuntime> fromReleaseFile(Path home) {
    Path executable = home.resolve("bin").resolve("java");
    if (!Files.isExecutable(executable)) {
      return Optional.empty();
    }
    return readReleaseVersion(home).map(version -> new JavaRuntime(executable, featureVersion(version), version));
  }

  private static JavaRuntime inspect(Path path, String source) {
    Path home;
    Path executable;
    if (Files.isDirectory(path)) {
      home = path;
      executable = path.resolve("bin").resolve("java");
    } else {
      executable = path;
      home = javaHomeOf(path);
    }
    if (!Files.isExecutable(executable)) {
      throw new IllegalStateException(source + " points at " + path + ", but " + executable
          + " is not an executable java launcher");
    }
    Optional<String> version = home == null ? Optional.empty() : readReleaseVersion(home);
    String resolved = version.orElseGet(() -> probeVersion(executable));
    return new JavaRuntime(executable, featureVersion(resolved), resolved);
  }

  private static Path javaHomeOf(Path executable) {
    try {
      Path real = executable.toRealPath();
      Path bin = real.getParent();
      return bin == null ? null : bin.getParent();
    } catch (IOException e) {
      return null;
    }
  }

  private static Optional<String> readReleaseVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return Optional.empty();
    }
    try {
      Matcher matcher = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (IOException e) {
      LOG.debug("Cannot read {}", release, e);
      return Optional.empty();
    }
  }

  /** Runs {@code java -version} for a launcher outside a Java home with a {@code release} file. */
  private static String probeVersion(Path executable) {
    ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-version").redirectErrorStream(true);
    try {
      Process process = builder.start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(VERSION_PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(executable + " -version did not finish");
      }
      Matcher matcher = LAUNCHER_VERSION.matcher(output);
      if (!matcher.find()) {
        throw new IllegalStateException("Cannot tell the Java version of " + executable + " from: "
            + output.strip());
      }
      return matcher.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + executable + " -version", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while asking " + executable + " for its version", e);
    }
  }

  /** The feature version of "25.0.3", "21", "21-ea", "1.8.0_292" (8). */
  static int featureVersion(String version) {
    String[] parts = version.split("[^0-9]+");
    int first = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 0;
    if (first == 1 && parts.length > 1) {
      return Integer.parseInt(parts[1]);
    }
    return first;
  }

  private static int compareVersions(String left, String right) {
    String[] a = left.split("[^0-9]+");
    String[] b = right.split("[^0-9]+");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length && !a[i].isEmpty() ? Integer.parseInt(a[i]) : 0;
      int y = i < b.length && !b[i].isEmpty() ? Integer.parseInt(b[i]) : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }
}
