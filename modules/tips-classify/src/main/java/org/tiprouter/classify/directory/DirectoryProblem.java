package org.tiprouter.classify.directory;

/**
 * Something wrong in a directory file, where it is and what it is.
 *
 * @param file the file name as given
 * @param line 1-based line number, 0 when the problem concerns the whole file
 * @param message what is wrong, e.g. {@code duplicate agency id 'knoxville-pd' (first on line 7)}
 */
public record DirectoryProblem(String file, int line, String message) {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
