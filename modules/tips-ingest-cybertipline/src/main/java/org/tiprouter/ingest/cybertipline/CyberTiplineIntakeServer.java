package org.tiprouter.ingest.cybertipline;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tiprouter.core.errors.ReasonCode;
import org.tiprouter.core.ingest.IntakeRefusals;
import org.tiprouter.formats.cybertipline.CyberTiplineCodes;
import org.tiprouter.ops.http.HttpEndpoint;
import org.tiprouter.ops.http.RequestBodies;
import org.tiprouter.ops.http.Responses;

/**
 * The CyberTipline intake's HTTP endpoints, answering like NCMEC's Reporting API:
 * {@code POST /cybertipline/submit} takes a {@code report} document and
 * {@code POST /cybertipline/fileinfo} a {@code fileDetails} document (both {@code text/xml} or
 * {@code application/xml}). Success ({@code responseCode} 0, with the report id) is answered only
 * after the broker acknowledged the raw record. {@link #handler()} serves these paths on another
 * endpoint (the demo shares the web intake's port); {@link #start()} runs an endpoint of its own.
 */
public final class CyberTiplineIntakeServer implements AutoCloseable {

  /** Every path of this intake starts with this. */
  public static final String PATH_PREFIX = "/cybertipline/";
  static final String SUBMIT_PATH = PATH_PREFIX + "submit";
  static final String FILEINFO_PATH = PATH_PREFIX + "fileinfo";
  static final String SOURCE = "ingest-cybertipline";
  /** The option that sets the intake port, named when the port is taken. */
  public static final String PORT_OPTION = "--intake-port";

  private final CyberTiplineReceiver receiver;
  private final CyberTiplineIntakeConfig config;
  private HttpEndpoint endpoint;

  CyberTiplineIntakeServer(CyberTiplineIntakeConfig config, CyberTiplineReceiver receiver) {
    this.config = config;
    this.receiver = receiver;
  }

  /** Serves {@value #PATH_PREFIX} requests; mount it on an endpoint that routes that prefix here. */
  public HttpEndpoint.RequestHandler handler() {
    return this::serve;
  }

  /** Starts an endpoint of its own on {@code intake.host}:{@code intake.port}. */
  public synchronized CyberTiplineIntakeServer start() {
    if (endpoint == null) {
      endpoint = new HttpEndpoint("CyberTipline intake", config.host(), config.port(), PORT_OPTION, 32, this::serve);
      endpoint.start();
    }
    return this;
  }

  /** The port of its own endpoint; -1 when it has none. */
  public synchronized int port() {
    return endpoint == null ? -1 : endpoint.port();
  }

  private boolean serve(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    boolean submit = path.equals(SUBMIT_PATH);
    if (!submit && !path.equals(FILEINFO_PATH)) {
      return send(response, callback, ReportResponse.error(404, ReportResponse.NOT_FOUND,
          "There is nothing here; submit reports to " + SUBMIT_PATH + " and file details to " + FILEINFO_PATH + "."));
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      return send(response, callback, ReportResponse.error(405, ReportResponse.METHOD_NOT_ALLOWED,
          "Send documents with POST."));
    }
    String header = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    Map<String, String> where = Map.of("endpoint", submit ? "submit" : "fileinfo");
    String contentType = xmlContentType(header);
    if (contentType == null) {
      RequestBodies.discard(request, response);
      String mediaType = IntakeRefusals.mediaTypeOf(header);
      receiver.refuseUnread(ReasonCode.PARSE_REJECTED, Integer.toString(ReportResponse.UNSUPPORTED_MEDIA_TYPE),
          "media type " + mediaType + " is not XML; no bytes kept", new CyberTiplineReceiver.Origin(SOURCE, mediaType,
              where));
      return send(response, callback, ReportResponse.error(415, ReportResponse.UNSUPPORTED_MEDIA_TYPE,
          "Send documents as text/xml or application/xml."));
    }
    CyberTiplineReceiver.Origin origin = new CyberTiplineReceiver.Origin(SOURCE, contentType, where);
    Optional<byte[]> body;
    try {
      body = RequestBodies.readAtMost(request, response, receiver.maxDocumentBytes());
    } catch (IOException e) {
      receiver.refuseUnread(ReasonCode.PARSE_REJECTED, CyberTiplineCodes.NOT_WELL_FORMED,
          "the request body could not be read; no bytes kept", origin);
      return send(response, callback, ReportResponse.error(400, ReportResponse.NOT_WELL_FORMED,
          "The request body could not be read."));
    }
    if (body.isEmpty()) {
      long declared = request.getLength();
      receiver.refuseOversized(declared > 0 ? "of " + declared + " bytes" : "of more than "
          + receiver.maxDocumentBytes() + " bytes (sent without a length)", origin);
      return send(response, callback, ReportResponse.error(413, ReportResponse.TOO_LARGE,
          "A document may be at most " + receiver.maxDocumentBytes() + " bytes."));
    }
    Receipt receipt = submit ? receiver.receiveReport(body.get(), origin)
        : receiver.receiveFileDetails(body.get(), origin);
    if (receipt instanceof Receipt.NotStored) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
    }
    return send(response, callback, answer(receipt));
  }

  static ReportResponse answer(Receipt receipt) {
    if (receipt instanceof Receipt.Stored stored) {
      return ReportResponse.success(stored.reportId(), stored.fileId());
    }
    if (receipt instanceof Receipt.Refused refused) {
      return switch (refused.responseCode()) {
        case CyberTiplineCodes.DOCUMENT_TOO_LARGE -> ReportResponse.error(413, ReportResponse.TOO_LARGE, refused.detail());
        case CyberTiplineCodes.NOT_WELL_FORMED -> ReportResponse.error(400, ReportResponse.NOT_WELL_FORMED,
            "XML is not well formed: " + refused.detail());
        default -> ReportResponse.error(400, ReportResponse.VALIDATION_FAILED, "Validation failed"
            + (refused.field() == null ? "" : " at " + refused.field()) + ": " + refused.detail());
      };
    }
    if (receipt instanceof Receipt.UnknownReport unknown) {
      return new ReportResponse(422, ReportResponse.UNKNOWN_REPORT, "No report with this id was received; submit "
          + "the report first.", unknown.reportId(), unknown.fileId());
    }
    return ReportResponse.error(503, ReportResponse.NOT_STORED,
        "The document could not be stored right now and was not received. Please try again shortly.");
  }

  /** The media type to record, or null when it is not XML. */
  private static String xmlContentType(String header) {
    if (header == null) {
      return null;
    }
    String mime = MimeTypes.getContentTypeWithoutCharset(header).trim().toLowerCase(Locale.ROOT);
    if (!mime.equals("text/xml") && !mime.equals("application/xml")) {
      return null;
    }
    String charset = MimeTypes.getCharsetFromContentType(header);
    boolean plainName = charset != null && charset.matches("[A-Za-z0-9._-]{1,40}");
    return plainName ? mime + "; charset=" + charset.toLowerCase(Locale.ROOT) : mime;
  }

  private static boolean send(Response response, Callback callback, ReportResponse answer) {
    return Responses.send(response, callback, answer.httpStatus(), "text/xml; charset=utf-8", answer.xml());
  }

  @Override
  public synchronized void close() {
    if (endpoint != null) {
      endpoint.close();
      endpoint = null;
    }
  }
}
