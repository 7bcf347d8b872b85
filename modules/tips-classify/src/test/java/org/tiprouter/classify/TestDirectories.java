package org.tiprouter.classify;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.tiprouter.classify.directory.AgencyDirectory;
import org.tiprouter.classify.directory.DirectoryFileReader;
import org.tiprouter.classify.geo.ReferenceData;

/** The bundled reference data (loaded once per test JVM) and the invented test directory. */
public final class TestDirectories {

  private static final class Holder {
    static final ReferenceData REFERENCE = ReferenceData.load();
  }

  private TestDirectories() {}

  public static ReferenceData reference() {
    return Holder.REFERENCE;
  }

  /** A file under {@code src/test/resources/directory}. */
  public static Path file(String name) {
    try {
      return Path.of(TestDirectories.class.getResource("/directory/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code test-directory.yaml}: invented agencies on real Tennessee and Georgia geography. */
  public static AgencyDirectory testDirectory() {
    DirectoryFileReader.Result result = new DirectoryFileReader(reference()).read(file("test-directory.yaml"));
    if (result instanceof DirectoryFileReader.Valid valid) {
      return valid.directory();
    }
    throw new IllegalStateException("test directory invalid: " + result);
  }
}
