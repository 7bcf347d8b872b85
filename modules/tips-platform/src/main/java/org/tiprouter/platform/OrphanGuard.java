package org.tiprouter.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a child process die with its parent, even when the parent is killed with SIGKILL and runs no shutdown hook.
 *
 * <p>The command is started through a tiny POSIX shell script: the shell forks a watcher that checks every second
 * whether the parent (this JVM) is still alive, then {@code exec}s the real command, so the child keeps the shell's
 * pid (and {@link Process#pid()} is the real child's). When the parent is gone the watcher sends SIGTERM to the
 * child and, if it is still there after {@value #KILL_AFTER_SECONDS} s, SIGKILL. The watcher exits on its own once
 * the child is gone. Without {@code /bin/sh} (e.g. on Windows) the command runs unguarded.
 */
final class OrphanGuard {

  static final int KILL_AFTER_SECONDS = 10;
  private static final Path SHELL = Path.of("/bin/sh");

  private static final String SCRIPT = String.join("\n",
      "parent=\"$1\"; shift",
      "(",
      "  trap '' INT HUP",
      "  while kill -0 \"$parent\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done",
      "  if kill -0 $$ 2>/dev/null; then",
      "    kill -TERM $$ 2>/dev/null",
      "    waited=0",
      "    while [ $waited -lt " + KILL_AFTER_SECONDS + " ] && kill -0 $$ 2>/dev/null; do",
      "      sleep 1; waited=$((waited + 1))",
      "    done",
      "    kill -KILL $$ 2>/dev/null",
      "  fi",
      ") </dev/null >/dev/null 2>&1 &",
      "exec \"$@\"");

  private OrphanGuard() {
  }

  /** True when commands can be guarded on this machine. */
  static boolean isSupported() {
    return Files.isExecutable(SHELL);
  }

  /**
   * Wraps {@code command} so that it is stopped when the process {@code parentPid} is gone.
   *
   * @param command   the real command (executable first)
   * @param parentPid the process whose death must end the command, normally this JVM
   * @param name      a short name shown as the shell's {@code $0} in process listings
   */
  static List<String> wrap(List<String> command, long parentPid, String name) {
    if (!isSupported()) {
      return List.copyOf(command);
    }
    List<String> wrapped = new ArrayList<>(command.size() + 5);
    wrapped.add(SHELL.toString());
    wrapped.add("-c");
    wrapped.add(SCRIPT);
    wrapped.add(name);
    wrapped.add(Long.toString(parentPid));
    wrapped.addAll(command);
    return wrapped;
  }
}
