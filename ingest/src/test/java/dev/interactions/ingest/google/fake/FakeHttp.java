package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Requests and responses of the fake Google, independent of how they arrived (plain or in a batch). */
public final class FakeHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private FakeHttp() {}

  /** One request: method, path, decoded query parameters (repeatable), lower-cased headers, body. */
  public record Request(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
      String body) {

    static Request of(String method, String target, Map<String, String> headers, String body) {
      URI uri = URI.create(target);
      return new Request(method, uri.getRawPath(), parseQuery(uri.getRawQuery()), headers, body);
    }

    public String param(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> params(String name) {
      return query.getOrDefault(name, List.of());
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The access token of an {@code Authorization: Bearer} header, or null. */
    String bearer() {
      String auth = header("authorization");
      return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()).trim() : null;
    }
  }

  /** An answer; {@code headers} are extra response headers (Retry-After, for one). */
  public record Response(int status, String contentType, String body, Map<String, String> headers) {
    Response(int status, String contentType, String body) {
      this(status, contentType, body, Map.of());
    }

    Response withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, contentType, body, h);
    }

    static Response json(int status, Object node) {
      try {
        return new Response(status, "application/json; charset=UTF-8", JSON.writeValueAsString(node));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    static Response ok(Object node) {
      return json(200, node);
    }

    /** Google's JSON error body: {"error": {"code", "message", "errors": [{domain, reason, message}], "status"}}. */
    static Response error(int code, String reason, String message, String status) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode error = body.putObject("error");
      error.put("code", code);
      error.put("message", message);
      ArrayNode errors = error.putArray("errors");
      ObjectNode e = errors.addObject();
      e.put("message", message);
      e.put("domain", "global");
      e.put("reason", reason);
      error.put("status", status);
      return json(code, body);
    }

    static Response notFound(String message) {
      return error(404, "notFound", message, "NOT_FOUND");
    }

    static String reasonPhrase(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 400 -> "Bad Request";
        case 401 -> "Unauthorized";
        case 403 -> "Forbidden";
        case 404 -> "Not Found";
        case 410 -> "Gone";
        case 429 -> "Too Many Requests";
        case 500 -> "Internal Server Error";
        case 502 -> "Bad Gateway";
        case 503 -> "Service Unavailable";
        case 504 -> "Gateway Timeout";
        default -> "Error";
      };
    }
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
