package org.tiprouter.platform;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a child process's output, line by line, to a log file (appending), keeps its last lines in memory for
 * error messages, and shows every line to a listener (to spot ports or known failures). Runs on its own daemon
 * thread until the output ends.
 */
final class ProcessOutputLog {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessOutputLog.class);

  private final InputStream output;
  private final Path file;
  private final int keptLines;
  private final Consumer<String> listener;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private final Thread thread;

  ProcessOutputLog(InputStream output, Path file, int keptLines, Consumer<String> listener, String threadName) {
    this.output = output;
    this.file = file;
    this.keptLines = keptLines;
    this.listener = listener;
    this.thread = new Thread(this::copy, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Path file() {
    return file;
  }

  /** The last lines seen, oldest first. */
  List<String> lastLines() {
    synchronized (lastLines) {
      return List.copyOf(lastLines);
    }
  }

  /** Waits up to {@code millis} for the output to end (it ends when the process and its children are gone). */
  void awaitEnd(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void copy() {
    BufferedWriter writer = openLog();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer = write(writer, line);
        remember(line);
        listener.accept(line);
      }
    } catch (IOException e) {
      LOG.debug("Output of the child process ended: {}", e.toString());
    } catch (RuntimeException e) {
      LOG.warn("Error while reading the child process's output into {}", file, e);
    } finally {
      closeQuietly(writer);
    }
  }

  /** Keeps draining the pipe even when the file cannot be written: a full pipe would block the child. */
  private BufferedWriter openLog() {
    try {
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      LOG.warn("Cannot write the child process's output to {}: {}", file, e.toString());
      return null;
    }
  }

  private BufferedWriter write(BufferedWriter writer, String line) {
    if (writer == null) {
      return null;
    }
    try {
      writer.write(line);
      writer.newLine();
      writer.flush();
      return writer;
    } catch (IOException e) {
      LOG.warn("Cannot write the child process's output to {}: {}", file, e.toString());
      closeQuietly(writer);
      return null;
    }
  }

  private static void closeQuietly(BufferedWriter writer) {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      LOG.debug("Cannot close a child process log", e);
    }
  }

  private void remember(String line) {
    synchronized (lastLines) {
      if (lastLines.size() == keptLines) {
        lastLines.removeFirst();
      }
      lastLines.addLast(line);
    }
  }
}
