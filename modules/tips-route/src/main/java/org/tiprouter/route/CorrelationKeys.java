package org.tiprouter.route;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tiprouter.contract.AttachmentRef;
import org.tiprouter.contract.FileHash;
import org.tiprouter.contract.Identifier;
import org.tiprouter.contract.IdentifierKind;
import org.tiprouter.contract.SubjectRole;
import org.tiprouter.contract.Tip;

/**
 * The identifiers of a tip that link it to other tips, as keyed hashes. Correlated: e-mail, phone,
 * device id and file hash (identifiers and attachment hashes) as normalised; a username together
 * with its service; an IP only with a capture time. Not correlated: URLs, ESP user ids, OTHER,
 * a username without a service, an IP without a capture time, and every identifier of the reporter
 * (an ESP's or a hotline's own contact details would link unrelated tips).
 *
 * <p>The canonical text hashed is {@code v1 US kind US [service US] value} (US = U+001F), so equal
 * values of different kinds, or the same username on two services, never meet.
 */
final class CorrelationKeys {

  private static final char SEPARATOR = '\u001f';
  private static final String VERSION = "v1";

  private final IdentifierHasher hasher;

  CorrelationKeys(IdentifierHasher hasher) {
    this.hasher = hasher;
  }

  /** The tip's correlation keys, without repeats, in the order the tip lists them. */
  List<CorrelationKey> of(Tip tip) {
    Set<CorrelationKey> keys = new LinkedHashSet<>();
    for (Identifier identifier : tip.getIdentifiers()) {
      CorrelationKey key = keyOf(identifier);
      if (key != null) {
        keys.add(key);
      }
    }
    for (AttachmentRef attachment : tip.getAttachments()) {
      for (FileHash fileHash : attachment.getHashes()) {
        if (!isBlank(fileHash.getValue())) {
          keys.add(new CorrelationKey(hash(IdentifierKind.FILE_HASH, null, fileHash.getValue().strip()
              .toLowerCase(Locale.ROOT)), IdentifierKind.FILE_HASH, null));
        }
      }
    }
    return List.copyOf(keys);
  }

  private CorrelationKey keyOf(Identifier identifier) {
    if (identifier.getSubjectRole() == SubjectRole.REPORTER || isBlank(identifier.getValue())) {
      return null;
    }
    String value = identifier.getValue().strip();
    IdentifierKind kind = identifier.getKind();
    return switch (kind) {
      case EMAIL, PHONE, DEVICE_ID -> new CorrelationKey(hash(kind, null, value), kind, null);
      case FILE_HASH -> new CorrelationKey(hash(kind, null, value.toLowerCase(Locale.ROOT)), kind, null);
      case USERNAME -> isBlank(identifier.getService()) ? null
          : new CorrelationKey(hash(kind, identifier.getService().strip().toLowerCase(Locale.ROOT), value), kind, null);
      case IP -> identifier.getCapture() == null ? null
          : new CorrelationKey(hash(kind, null, value), kind, identifier.getCapture().getCapturedAt().toEpochMilli());
      default -> null;
    };
  }

  private String hash(IdentifierKind kind, String service, String value) {
    StringBuilder canonical = new StringBuilder(VERSION).append(SEPARATOR).append(kind.name()).append(SEPARATOR);
    if (service != null) {
      canonical.append(service).append(SEPARATOR);
    }
    return hasher.hash(canonical.append(value).toString());
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
