package org.tiprouter.app;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import org.tiprouter.core.config.TiprouterConfig;
import org.tiprouter.ops.HealthCheck;
import org.tiprouter.ops.OpsServer;
import picocli.CommandLine.Option;

/**
 * What {@code tiprouter ingest web|phone|cybertipline} share: the intake's address options, and
 * running one intake alone until Ctrl-C with its {@code /health} on an operations port.
 */
final class IntakeProcess {

  /** The key every intake's config reads its port from. */
  static final String PORT = "intake.port";
  /** The key every intake's config reads its interface from. */
  static final String HOST = "intake.host";

  /** The options of an intake command (a picocli mixin). */
  static final class Options {
    @Option(names = "--intake-port", description = "Port of the intake (default: 8080, or intake.port).")
    Integer intakePort;

    @Option(names = "--host", description = "Interface to listen on (default: 127.0.0.1, or intake.host). "
        + "Put a TLS-terminating proxy in front of it in production.")
    String host;

    @Option(names = "--ops-port", defaultValue = "0",
        description = "Port of this process's /health endpoints on 127.0.0.1 (default: a free port).")
    int opsPort;

    /** {@code settings} with the port and interface options applied over them. */
    Map<String, Object> apply(Map<String, Object> settings) {
      if (intakePort != null) {
        settings.put(PORT, intakePort);
      }
      if (host != null) {
        settings.put(HOST, host);
      }
      return settings;
    }
  }

  /**
   * One intake, as the command runs it.
   *
   * @param start starts listening
   * @param port the port it listens on, once started
   * @param health its readiness
   * @param close stops it
   */
  record Intake(Runnable start, IntSupplier port, HealthCheck health, Runnable close) {}

  private IntakeProcess() {}

  /**
   * Starts {@code intake} and its health endpoint, prints {@code banner} (given the intake's port),
   * and waits for Ctrl-C; on a failure to start, stops what started and rethrows.
   */
  static int run(PrintWriter out, Intake intake, int opsPort, TiprouterConfig config, IntFunction<String> banner)
      throws InterruptedException {
    OpsServer ops = new OpsServer("127.0.0.1", opsPort).register(intake.health());
    ShutdownLatch latch = new ShutdownLatch(() -> {
      intake.close().run();
      ops.close();
    });
    try {
      intake.start().run();
      ops.start();
    } catch (RuntimeException e) {
      latch.release();
      throw e;
    }
    out.printf("%s, writing to %s; health on http://127.0.0.1:%d/health/ready%n", banner.apply(intake.port().getAsInt()),
        config.bootstrapServers(), ops.port());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    latch.await();
    return 0;
  }
}
