package org.tiprouter.formats.cybertipline;

import java.util.List;
import java.util.Objects;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.DeviceId;
import org.tiprouter.formats.cybertipline.CyberTiplineReport.IpCaptureEvent;

/**
 * A CyberTipline {@code fileDetails} document: facts about one file of a report, never the file.
 * {@code fileViewedByEsp} and {@code publiclyAvailable} decide whether an agency may open the file
 * without a warrant.
 *
 * @param reportId the report the file belongs to, as a canonical decimal number
 * @param fileId the file's id (whitespace collapsed)
 * @param potentialMeme the standalone {@code potentialMeme} flag (the alternative to fileAnnotations), or null
 * @param annotations names of the {@code fileAnnotations} present (each means true), in document order
 */
public record FileDetails(String reportId, String fileId, String fileName, String originalFileName,
    XmlDateTime uploadedToEspTimestamp, String locationOfFile, Boolean fileViewedByEsp, Boolean exifViewedByEsp,
    Boolean publiclyAvailable, String fileRelevance, Boolean potentialMeme, List<String> annotations,
    String industryClassification, List<Hash> originalFileHashes, IpCaptureEvent ipCaptureEvent,
    List<DeviceId> deviceIds, List<Metadata> details, List<String> additionalInfo) implements CyberTiplineDocument {

  public FileDetails {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(fileId, "fileId");
    annotations = List.copyOf(annotations);
    originalFileHashes = List.copyOf(originalFileHashes);
    deviceIds = List.copyOf(deviceIds);
    details = List.copyOf(details);
    additionalInfo = List.copyOf(additionalInfo);
  }

  /** An {@code originalFileHash}: the value as written and its {@code hashType} attribute. */
  public record Hash(String hashType, String value) {}

  /** A {@code details} block of metadata name/value pairs, with its type (EXIF or HASH) or null. */
  public record Metadata(String type, List<NameValue> pairs) {
    public Metadata {
      pairs = List.copyOf(pairs);
    }
  }

  public record NameValue(String name, String value) {}
}
