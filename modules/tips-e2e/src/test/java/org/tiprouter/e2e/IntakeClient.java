package org.tiprouter.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends tips the way the public and partners do, over HTTP to the pipeline's intake port: the web
 * JSON API, the phone call-taker API and the CyberTipline submit endpoint. Each send expects the
 * intake's success answer (the broker acknowledged the raw tip) and returns the tip id where the
 * intake tells it.
 */
final class IntakeClient {

  private static final Pattern TIP_ID = Pattern.compile("\"tipId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  IntakeClient(int intakePort) {
    this.base = "http://127.0.0.1:" + intakePort;
  }

  /** A web tip (the JSON API's contract); returns its tip id. */
  UUID web(String json) throws Exception {
    return tipId(post("/api/v1/tips", "application/json", json, 202));
  }

  /** A hotline call taken by a call-taker, with a fresh call id; returns its tip id. */
  UUID phone(String description) throws Exception {
    String started = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS).toString();
    String json = "{\"description\":\"" + description + "\",\"call\":{\"callId\":\"e2e-" + UUID.randomUUID()
        + "\",\"callStartedAt\":\"" + started + "\"}}";
    return tipId(post("/api/v1/phone/calls", "application/json", json, 202));
  }

  /** A CyberTipline report (NCMEC XML); the answer names the report, not the tip id. */
  void cybertipline(String xml) throws Exception {
    String answer = post("/cybertipline/submit", "text/xml", xml, 200);
    if (!answer.contains("<responseCode>0</responseCode>")) {
      throw new AssertionError("CyberTipline intake refused the report: " + answer);
    }
  }

  private String post(String path, String contentType, String body, int expected) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", contentType).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static UUID tipId(String body) {
    Matcher matcher = TIP_ID.matcher(body);
    if (!matcher.find()) {
      throw new AssertionError("No tipId in the intake's answer: " + body);
    }
    return UUID.fromString(matcher.group(1));
  }
}
