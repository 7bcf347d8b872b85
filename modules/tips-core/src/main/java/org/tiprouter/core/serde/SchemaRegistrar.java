package org.tiprouter.core.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the contract's schemas in the Apicurio registry at deploy time, each as one artifact
 * (see {@link ContractArtifactStrategy}) with a BACKWARD compatibility rule, so the registry
 * refuses a schema change that readers of existing records could not handle. Idempotent: the same
 * schema again creates no new version.
 */
public final class SchemaRegistrar {

  /** The registry group of every contract artifact; Apicurio's default group. */
  public static final String GROUP = "default";
  private static final String API_PATH = "/apis/registry/v3";
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistrar.class);

  private final String apiUrl;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public SchemaRegistrar(String registryUrl) {
    this.apiUrl = apiUrl(registryUrl);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The v3 API URL for a registry base URL; a URL that already names an API is kept. */
  public static String apiUrl(String registryUrl) {
    String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
    return base.contains("/apis/") ? base : base + API_PATH;
  }

  /** One registered schema. */
  public record Registration(String artifactId, long contentId, String version) {}

  /** Registers every schema and its compatibility rule. */
  public List<Registration> registerAll(Collection<Schema> schemas) {
    List<Registration> result = new ArrayList<>();
    for (Schema schema : schemas) {
      result.add(register(schema));
    }
    return result;
  }

  /** Registers one record schema under its full name, with a BACKWARD rule. */
  public Registration register(Schema schema) {
    String artifactId = schema.getFullName();
    ObjectNode body = json.createObjectNode();
    body.put("artifactId", artifactId);
    body.put("artifactType", "AVRO");
    ObjectNode content = body.putObject("firstVersion").putObject("content");
    content.put("content", schema.toString());
    content.put("contentType", "application/json");
    JsonNode response = send("POST", "/groups/" + enc(GROUP) + "/artifacts?ifExists=FIND_OR_CREATE_VERSION",
        body, 200);
    JsonNode version = response.path("version");
    Registration registration = new Registration(artifactId, version.path("contentId").asLong(),
        version.path("version").asText());
    ensureBackwardRule(artifactId);
    LOG.info("Schema {} registered: version {}, content id {}", artifactId, registration.version(),
        registration.contentId());
    return registration;
  }

  private void ensureBackwardRule(String artifactId) {
    String rules = "/groups/" + enc(GROUP) + "/artifacts/" + enc(artifactId) + "/rules";
    ObjectNode rule = json.createObjectNode();
    rule.put("ruleType", "COMPATIBILITY");
    rule.put("config", "BACKWARD");
    HttpResponse<String> created = exchange("POST", rules, rule);
    if (created.statusCode() == 409) {
      ObjectNode update = json.createObjectNode();
      update.put("config", "BACKWARD");
      expect(exchange("PUT", rules + "/COMPATIBILITY", update), 200, "update rule of " + artifactId);
    } else {
      expect(created, 204, "create rule of " + artifactId);
    }
  }

  private JsonNode send(String method, String path, JsonNode body, int expected) {
    HttpResponse<String> response = exchange(method, path, body);
    expect(response, expected, method + " " + path);
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Schema registry answered " + method + " " + path
          + " with something other than JSON", e);
    }
  }

  private HttpResponse<String> exchange(String method, String path, JsonNode body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Schema registry at " + apiUrl + " is not reachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while talking to the schema registry", e);
    }
  }

  private static void expect(HttpResponse<String> response, int expected, String what) {
    if (response.statusCode() != expected) {
      throw new IllegalStateException("Schema registry refused to " + what + ": HTTP "
          + response.statusCode() + " " + abbreviate(response.body()));
    }
  }

  private static String abbreviate(String text) {
    return text == null || text.length() <= 500 ? String.valueOf(text) : text.substring(0, 500) + "...";
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
