package org.tiprouter.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal client of the registry's Confluent-compatible API, for tests. */
final class CcompatClient {

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder()
      .proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  CcompatClient(String ccompatUrl) {
    this.baseUrl = ccompatUrl;
  }

  /** POST /subjects/{subject}/versions with an Avro schema. */
  HttpResponse<String> register(String subject, String avroSchema) {
    String body = "{\"schemaType\":\"AVRO\",\"schema\":" + jsonString(avroSchema) + "}";
    return send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
        .header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The id in a successful registration's body. */
  static int idOf(HttpResponse<String> response) {
    Matcher matcher = ID.matcher(response.body());
    if (response.statusCode() != 200 || !matcher.find()) {
      throw new AssertionError("Not a registration: " + response.statusCode() + " " + response.body());
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** GET /schemas/ids/{id}. */
  HttpResponse<String> schemaById(int id) {
    return send(HttpRequest.newBuilder(uri("/schemas/ids/" + id)).GET());
  }

  /** GET /subjects. */
  HttpResponse<String> subjects() {
    return send(HttpRequest.newBuilder(uri("/subjects")).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Registry request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Quotes text as a JSON string. */
  static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
