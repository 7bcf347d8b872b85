package org.tiprouter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDistributionLocatorTest {

  @TempDir
  Path root;

  @Test
  void findsTheBuildOutputSearchingUpwardFromTheWorkingDirectory() throws IOException {
    Path launcher = fakeDistribution(root.resolve(RegistryDistributionLocator.BUILD_OUTPUT));
    Path workingDir = Files.createDirectories(root.resolve("modules/tips-e2e"));

    Path found = new RegistryDistributionLocator(Map.of(), Map.of(), workingDir).locateLauncher(null);

    assertThat(found).isEqualTo(launcher);
  }

  @Test
  void systemPropertyWinsOverEnvironmentAndSearch() throws IOException {
    fakeDistribution(root.resolve(RegistryDistributionLocator.BUILD_OUTPUT));
    Path fromProperty = fakeDistribution(root.resolve("property-home"));
    Path fromEnvironment = fakeDistribution(root.resolve("env-home"));

    Path found = new RegistryDistributionLocator(
        Map.of(RegistryDistributionLocator.SYSTEM_PROPERTY, fromProperty.getParent().toString()),
        Map.of(RegistryDistributionLocator.ENV_VARIABLE, fromEnvironment.getParent().toString()),
        root).locateLauncher(null);

    assertThat(found).isEqualTo(fromProperty);
  }

  @Test
  void environmentVariableIsUsedWhenNoSystemProperty() throws IOException {
    Path fromEnvironment = fakeDistribution(root.resolve("env-home"));

    Path found = new RegistryDistributionLocator(Map.of(),
        Map.of(RegistryDistributionLocator.ENV_VARIABLE, fromEnvironment.getParent().toString()),
        root).locateLauncher(null);

    assertThat(found).isEqualTo(fromEnvironment);
  }

  @Test
  void configuredHomeWinsAndMayHoldTheLauncherInASubdirectory() throws IOException {
    Path nested = fakeDistribution(root.resolve("configured/apicurio-registry-3.3.3/quarkus-app"));
    Path fromProperty = fakeDistribution(root.resolve("property-home"));

    Path found = new RegistryDistributionLocator(
        Map.of(RegistryDistributionLocator.SYSTEM_PROPERTY, fromProperty.getParent().toString()),
        Map.of(), root).locateLauncher(root.resolve("configured"));

    assertThat(found).isEqualTo(nested);
  }

  @Test
  void saysHowToBuildTheDistributionWhenNothingIsFound() {
    assertThatThrownBy(() -> new RegistryDistributionLocator(Map.of(), Map.of(), root).locateLauncher(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mvn -pl modules/tips-platform package")
        .hasMessageContaining(RegistryDistributionLocator.SYSTEM_PROPERTY)
        .hasMessageContaining(RegistryDistributionLocator.ENV_VARIABLE);
  }

  @Test
  void configuredHomeWithoutLauncherIsReported() throws IOException {
    Path empty = Files.createDirectories(root.resolve("empty"));

    assertThatThrownBy(() -> new RegistryDistributionLocator(Map.of(), Map.of(), root).locateLauncher(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No quarkus-run.jar in " + empty);
  }

  private static Path fakeDistribution(Path home) throws IOException {
    Files.createDirectories(home.resolve("lib/main"));
    return Files.writeString(home.resolve(RegistryDistributionLocator.LAUNCHER), "not really a jar");
  }
}
