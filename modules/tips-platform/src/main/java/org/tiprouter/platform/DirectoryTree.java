package org.tiprouter.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Creates and removes the directories the embedded services keep their data in.
 */
final class DirectoryTree {

  private DirectoryTree() {
  }

  static Path createTemporary(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a temporary directory", e);
    }
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir).toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create directory " + dir, e);
    }
  }

  /** Deletes a directory and everything below it; a missing directory is not an error. */
  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          deleteIfPresent(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          if (exc != null) {
            throw exc;
          }
          deleteIfPresent(dir);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          if (exc instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw exc;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Could not delete " + root, e);
    }
  }

  private static void deleteIfPresent(Path path) throws IOException {
    Files.deleteIfExists(path);
  }
}
