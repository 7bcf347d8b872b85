package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimeLocatorTest {

  @TempDir
  Path jvmRoot;

  private final JavaRuntime running17 = new JavaRuntime(Path.of("/opt/running/bin/java"), 17, "17.0.15");

  @Test
  void picksNewestInstalledJdkOfAtLeast21WhenRunningOn17() throws IOException {
    fakeJdk("java-17-openjdk-amd64", "17.0.15");
    fakeJdk("temurin-21-jdk-amd64", "21.0.7");
    Path temurin25 = fakeJdk("temurin-25-jdk-amd64", "25.0.3");
    fakeJdk("temurin-25.0.1-jdk", "25.0.1");

    JavaRuntime runtime = locator(Map.of(), running17).locate(null);

    assertThat(runtime.executable()).isEqualTo(temurin25.resolve("bin/java"));
    assertThat(runtime.featureVersion()).isEqualTo(25);
    assertThat(runtime.version()).isEqualTo("25.0.3");
  }

  @Test
  void usesRunningJvmWhenItIsNewEnough() throws IOException {
    fakeJdk("temurin-25-jdk-amd64", "25.0.3");
    JavaRuntime running21 = new JavaRuntime(Path.of("/opt/running/bin/java"), 21, "21.0.7");

    assertThat(locator(Map.of(), running21).locate(null)).isEqualTo(running21);
  }

  @Test
  void environmentVariableNamingAJavaHomeWinsOverRunningJvmAndInstalledOnes() throws IOException {
    fakeJdk("temurin-25-jdk-amd64", "25.0.3");
    Path chosen = fakeJdk("custom-22", "22.0.2");
    JavaRuntime running21 = new JavaRuntime(Path.of("/opt/running/bin/java"), 21, "21.0.7");

    JavaRuntime runtime = locator(Map.of(JavaRuntimeLocator.ENV_VARIABLE, chosen.toString()), running21)
        .locate(null);

    assertThat(runtime.executable()).isEqualTo(chosen.resolve("bin/java"));
    assertThat(runtime.featureVersion()).isEqualTo(22);
  }

  @Test
  void environmentVariableMayNameTheJavaBinary() throws IOException {
    Path chosen = fakeJdk("custom-23", "23.0.1");

    JavaRuntime runtime = locator(Map.of(JavaRuntimeLocator.ENV_VARIABLE,
        chosen.resolve("bin/java").toString()), running17).locate(null);

    assertThat(runtime.featureVersion()).isEqualTo(23);
    assertThat(runtime.version()).isEqualTo("23.0.1");
  }

  @Test
  void configuredPathWinsOverEnvironment() throws IOException {
    Path fromEnvironment = fakeJdk("env-25", "25.0.3");
    Path configured = fakeJdk("configured-21", "21.0.1");

    JavaRuntime runtime = locator(Map.of(JavaRuntimeLocator.ENV_VARIABLE, fromEnvironment.toString()), running17)
        .locate(configured);

    assertThat(runtime.executable()).isEqualTo(configured.resolve("bin/java"));
  }

  @Test
  void configuredRuntimeThatIsTooOldIsRejectedWithItsVersion() throws IOException {
    Path old = fakeJdk("java-17", "17.0.15");

    assertThatThrownBy(() -> locator(Map.of(), running17).locate(old))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs Java 21+")
        .hasMessageContaining("17.0.15")
        .hasMessageContaining(JavaRuntimeLocator.ENV_VARIABLE);
  }

  @Test
  void environmentVariablePointingNowhereIsReportedByName() {
    Path missing = jvmRoot.resolve("does-not-exist");

    assertThatThrownBy(() -> locator(Map.of(JavaRuntimeLocator.ENV_VARIABLE, missing.toString()), running17)
        .locate(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(JavaRuntimeLocator.ENV_VARIABLE)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void failsWithInstructionsWhenNoJava21IsAnywhere() throws IOException {
    fakeJdk("java-17-openjdk-amd64", "17.0.15");
    fakeJdk("java-11-openjdk-amd64", "11.0.2");
    Files.createDirectories(jvmRoot.resolve("broken-no-release/bin"));

    assertThatThrownBy(() -> locator(Map.of(), running17).locate(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a Java 21+ runtime")
        .hasMessageContaining("Install a Java 21+ runtime")
        .hasMessageContaining(JavaRuntimeLocator.ENV_VARIABLE);
  }

  @Test
  void skipsHomesWithoutAnExecutableLauncher() throws IOException {
    Path noLauncher = jvmRoot.resolve("temurin-26-jre-broken");
    Files.createDirectories(noLauncher);
    Files.writeString(noLauncher.resolve("release"), "JAVA_VERSION=\"26\"\n");
    Path usable = fakeJdk("temurin-21", "21.0.7");

    assertThat(locator(Map.of(), running17).locate(null).executable()).isEqualTo(usable.resolve("bin/java"));
  }

  @Test
  void asksTheLauncherForItsVersionWhenThereIsNoReleaseFile() throws IOException {
    Path dir = Files.createDirectories(jvmRoot.resolve("bare/bin"));
    Path launcher = dir.resolve("java");
    Files.writeString(launcher, "#!/bin/sh\necho 'openjdk version \"24.0.2\" 2025-07-15' >&2\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

    JavaRuntime runtime = locator(Map.of(), running17).locate(launcher);

    assertThat(runtime.featureVersion()).isEqualTo(24);
    assertThat(runtime.version()).isEqualTo("24.0.2");
  }

  @Test
  void readsFeatureVersionsOfEveryVersionStyle() {
    assertThat(JavaRuntimeLocator.featureVersion("25.0.3")).isEqualTo(25);
    assertThat(JavaRuntimeLocator.featureVersion("21")).isEqualTo(21);
    assertThat(JavaRuntimeLocator.featureVersion("22-ea")).isEqualTo(22);
    assertThat(JavaRuntimeLocator.featureVersion("1.8.0_292")).isEqualTo(8);
  }

  private JavaRuntimeLocator locator(Map<String, String> environment, JavaRuntime current) {
    return new JavaRuntimeLocator(21, environment, current, List.of(jvmRoot, jvmRoot.resolve("missing-root")));
  }

  /** A directory that looks like a JDK: a release file and an executable bin/java that is never run. */
  private Path fakeJdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(jvmRoot.resolve(name));
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path launcher = bin.resolve("java");
    Files.writeString(launcher, "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version
        + "\"\nJAVA_VERSION_DATE=\"2025-01-01\"\n");
    return home;
  }
}
