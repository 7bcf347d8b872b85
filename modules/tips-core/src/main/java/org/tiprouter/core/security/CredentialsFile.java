package org.tiprouter.core.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The credentials file: Kafka logins, readable by its owner alone (mode 0600 or 0400), never given
 * on a command line and never logged.
 *
 * <p>One file may hold several users, one section each, as {@code provision} and the demo write it:
 * <pre>
 * agency-knoxville-pd.username=agency-knoxville-pd
 * agency-knoxville-pd.password=...
 * normalise.username=normalise
 * normalise.password=...
 * </pre>
 * A client picks its user's section ({@link #section}); a file without sections (plain
 * {@code username}/{@code password}, or any Kafka client settings such as {@code sasl.jaas.config},
 * {@code ssl.*}) is one user's and is used whole. {@code username} and {@code password} become a
 * SCRAM-SHA-512 login over SASL_PLAINTEXT unless {@code security.protocol} / {@code sasl.mechanism}
 * say otherwise ({@link #clientSettings}).
 */
public final class CredentialsFile {

  /** The SASL mechanism of every tiprouter user. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
  private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
      PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final SecureRandom RANDOM = new SecureRandom();

  private CredentialsFile() {}

  /**
   * Every entry of a credentials file. On a POSIX file system the file must not be readable,
   * writable or executable by group or others.
   */
  public static Map<String, String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("Credentials file " + file + " does not exist or is not a file");
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions;
      try {
        permissions = posix.readAttributes().permissions();
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the mode of credentials file " + file, e);
      }
      if (!OWNER_ONLY.containsAll(permissions)) {
        throw new IllegalArgumentException("Credentials file " + file + " has mode "
            + PosixFilePermissions.toString(permissions) + ": it must be readable by its owner alone (chmod 600)");
      }
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Credentials file " + file + " cannot be read", e);
    }
    Map<String, String> entries = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key).trim()));
    return entries;
  }

  /**
   * The entries of {@code user}'s section ({@code <user>.<key>}, prefix removed); a file without
   * that section but with top-level login keys is returned whole.
   *
   * @throws IllegalArgumentException when the file has sections but none for {@code user}
   */
  public static Map<String, String> section(Map<String, String> entries, String user) {
    String prefix = user + ".";
    Map<String, String> section = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        section.put(key.substring(prefix.length()), value);
      }
    });
    if (!section.isEmpty()) {
      return section;
    }
    boolean singleUser = entries.keySet().stream().anyMatch(key -> key.equals("username") || key.equals("password")
        || key.endsWith("sasl.jaas.config") || key.endsWith("security.protocol"));
    if (singleUser) {
      // a one-user file that provision also added sections to: the sections are not client settings
      Map<String, String> whole = new LinkedHashMap<>(entries);
      whole.keySet().removeIf(key -> key.endsWith(".username") || key.endsWith(".password"));
      return whole;
    }
    throw new IllegalArgumentException("The credentials file has no section for user " + user
        + " (expected " + prefix + "username and " + prefix + "password)");
  }

  /** Kafka client settings for {@code user} from {@code file}. */
  public static Map<String, Object> clientSettings(Path file, String user) {
    return clientSettings(section(read(file), user));
  }

  /** The users and passwords of a sectioned file ({@code <user>.password}), user → password. */
  public static Map<String, String> passwords(Map<String, String> entries) {
    Map<String, String> passwords = new TreeMap<>();
    entries.forEach((key, value) -> {
      if (key.endsWith(".password")) {
        passwords.put(key.substring(0, key.length() - ".password".length()), value);
      }
    });
    return passwords;
  }

  /**
   * Kafka client settings from {@code raw}: removes a {@code kafka.} prefix and turns
   * {@code username}/{@code password} into a SCRAM-SHA-512 login.
   */
  public static Map<String, Object> clientSettings(Map<String, ?> raw) {
    Map<String, Object> settings = new LinkedHashMap<>();
    raw.forEach((key, value) -> settings.put(key.startsWith("kafka.") ? key.substring(6) : key, value));
    Object username = settings.remove("username");
    Object password = settings.remove("password");
    if (username != null || password != null) {
      if (username == null || password == null) {
        throw new IllegalArgumentException("Credentials need both username and password");
      }
      settings.putAll(scramLogin(String.valueOf(username), String.valueOf(password), settings));
    }
    return settings;
  }

  /** A SCRAM-SHA-512 login over SASL_PLAINTEXT, unless {@code base} names another protocol or mechanism. */
  public static Map<String, Object> scramLogin(String username, String password, Map<String, Object> base) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("security.protocol", base.getOrDefault("security.protocol", "SASL_PLAINTEXT"));
    settings.put("sasl.mechanism", base.getOrDefault("sasl.mechanism", SCRAM_MECHANISM));
    settings.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";");
    return settings;
  }

  /** A SCRAM-SHA-512 login over SASL_PLAINTEXT. */
  public static Map<String, Object> scramLogin(String username, String password) {
    return scramLogin(username, password, Map.of());
  }

  /** True for keys that carry secrets and so must not be given on a command line. */
  public static boolean isSecret(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.contains("password") || lower.contains("jaas") || lower.contains("secret")
        || lower.contains("credential") || lower.endsWith("key");
  }

  /** A new random password: 32 characters of {@code [A-Za-z0-9_-]} (192 bits). */
  public static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Writes {@code passwords} (user → password) as a sectioned credentials file, replacing
   * {@code file} atomically; the file is created with mode 0600 and never exists with a wider one.
   */
  public static void write(Path file, Map<String, String> passwords) {
    Map<String, String> entries = new TreeMap<>();
    passwords.forEach((user, password) -> withUser(entries, user, password));
    writeEntries(file, entries);
  }

  /** Sets {@code user}'s section in {@code entries} to a SCRAM login with {@code password}. */
  public static void withUser(Map<String, String> entries, String user, String password) {
    entries.put(user + ".username", user);
    entries.put(user + ".password", password);
  }

  /** Removes {@code user}'s section from {@code entries}; true when there was one. */
  public static boolean withoutUser(Map<String, String> entries, String user) {
    return entries.keySet().removeIf(key -> key.startsWith(user + "."));
  }

  /**
   * Writes every entry (as {@link #read} returns them, e.g. with sections changed by
   * {@link #withUser}), replacing {@code file} atomically with mode 0600; entries this class did
   * not write (a one-user file's client settings) are kept.
   */
  public static void writeEntries(Path file, Map<String, String> entries) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      Path temp = createOwnerOnly(dir.resolve("." + file.getFileName() + ".tmp"));
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        out.write("# tiprouter Kafka credentials: one section per user (SCRAM-SHA-512). Keep this file owner-only"
            + " (0600); never paste it into a command line, a ticket or a log.\n");
        for (String key : new TreeMap<>(entries).keySet()) {
          // Properties escaping, one entry per line, sorted, no date comment
          StringWriter line = new StringWriter();
          Properties one = new Properties();
          one.setProperty(key, entries.get(key));
          one.store(line, null);
          line.toString().lines().filter(text -> !text.startsWith("#")).forEach(text -> write(out, text));
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the credentials file " + file, e);
    }
  }

  private static void write(Writer out, String line) {
    try {
      out.write(line + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createOwnerOnly(Path path) throws IOException {
    Files.deleteIfExists(path);
    if (Files.getFileStore(path.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
      FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      try {
        return Files.createFile(path, ownerOnly);
      } catch (FileAlreadyExistsException e) {
        throw new IOException("Someone else is writing " + path, e);
      }
    }
    return Files.createFile(path);
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
