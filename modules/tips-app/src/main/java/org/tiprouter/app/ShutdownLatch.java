package org.tiprouter.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C (or SIGTERM), then runs its shutdown in the
 * JVM's shutdown hook and waits for it, so that everything it started is stopped before exit.
 */
final class ShutdownLatch {

  private static final Logger LOG = LoggerFactory.getLogger(ShutdownLatch.class);

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch requested = new CountDownLatch(1);
  private final Runnable shutdown;
  private boolean ran;

  /** Registers {@code shutdown} to run once on Ctrl-C or when {@link #release()} is called. */
  ShutdownLatch(Runnable shutdown) {
    Thread hook = new Thread(() -> {
      requested.countDown();
      runOnce(shutdown);
    }, "tiprouter-shutdown");
    this.shutdown = shutdown;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private synchronized void runOnce(Runnable action) {
    if (!ran) {
      ran = true;
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("Shutdown did not complete cleanly: {}", e.getMessage());
      } finally {
        stopped.countDown();
      }
    }
  }

  /** Blocks until shutdown was requested and has completed. */
  void await() throws InterruptedException {
    requested.await();
    stopped.await();
  }

  /** Requests shutdown from inside the process (tests, fatal errors). */
  void release() {
    requested.countDown();
    runOnce(shutdown);
  }
}
