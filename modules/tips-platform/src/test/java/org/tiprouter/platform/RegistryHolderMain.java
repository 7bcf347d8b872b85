package org.tiprouter.platform;

import java.nio.file.Path;

/**
 * A separate JVM for the orphan tests: starts a schema registry in the data directory given as the first argument,
 * prints {@value #PID_PREFIX}&lt;pid&gt; and then waits to be killed. It never closes the registry itself, so only the
 * shutdown hook (SIGTERM) or the orphan watcher (SIGKILL) can stop it.
 */
public final class RegistryHolderMain {

  static final String PID_PREFIX = "REGISTRY_PID=";

  private RegistryHolderMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    SchemaRegistrySettings settings = SchemaRegistrySettings.defaults().withDataDir(Path.of(args[0]));
    SchemaRegistryProcess registry = SchemaRegistryProcess.start(settings);
    System.out.println(PID_PREFIX + registry.pid());
    System.out.flush();
    Thread.currentThread().join();
  }
}
