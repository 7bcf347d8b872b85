package org.tiprouter.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything it started: a polite signal to all of them, a grace period, then a forced kill of
 * whatever is left.
 *
 * <p>The root is waited for through {@link ProcessHandle#onExit()}, which is immediate for our own child. Its
 * descendants are not our children: the JDK would notice their exit only by polling every few hundred
 * milliseconds, and a dead descendant stays a zombie, which the JDK reports as alive, until init reaps it (some
 * container inits do that only every second or two). So they are checked by a short poll that counts a zombie as
 * exited: it holds no ports, files or memory any more.
 */
final class ProcessTree {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
  private static final Duration DESCENDANTS_GRACE = Duration.ofSeconds(3);
  private static final Duration FORCED_GRACE = Duration.ofSeconds(5);
  private static final long POLL_MS = 20;

  private ProcessTree() {
  }

  /**
   * Sends SIGTERM to {@code root} and its descendants, waits up to {@code grace} for the root to exit and then
   * briefly for the descendants; kills survivors with SIGKILL.
   *
   * @return true when every process of the tree has exited
   */
  static boolean destroy(ProcessHandle root, Duration grace) {
    long startNanos = System.nanoTime();
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroy();
    descendants.forEach(ProcessHandle::destroy);

    boolean rootGone = awaitExit(root, grace);
    if (!rootGone) {
      LOG.warn("Process {} did not stop within {} ms; killing it", root.pid(), grace.toMillis());
      root.destroyForcibly();
      rootGone = awaitExit(root, FORCED_GRACE);
    }
    LOG.debug("Process {} exited {} ms after SIGTERM", root.pid(), (System.nanoTime() - startNanos) / 1_000_000);
    boolean descendantsGone = pollUntilGone(descendants, DESCENDANTS_GRACE);
    if (!descendantsGone) {
      List<ProcessHandle> survivors = descendants.stream().filter(ProcessTree::isRunning).toList();
      LOG.warn("Child process(es) {} of {} did not stop; killing them",
          survivors.stream().map(ProcessHandle::pid).toList(), root.pid());
      survivors.forEach(ProcessHandle::destroyForcibly);
      descendantsGone = pollUntilGone(survivors, FORCED_GRACE);
    }
    return rootGone && descendantsGone;
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static boolean pollUntilGone(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(ProcessTree::isRunning)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return processes.stream().noneMatch(ProcessTree::isRunning);
      }
    }
    return true;
  }

  /** Alive and not a zombie. Reads the state from /proc where there is one (Linux). */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    try {
      String text = Files.readString(stat, StandardCharsets.US_ASCII);
      int endOfName = text.lastIndexOf(')');
      return endOfName < 0 || endOfName + 2 >= text.length() || text.charAt(endOfName + 2) != 'Z';
    } catch (IOException e) {
      return process.isAlive();
    }
  }
}
