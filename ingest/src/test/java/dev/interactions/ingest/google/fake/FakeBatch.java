package dev.interactions.ingest.google.fake;

import dev.interactions.ingest.google.fake.FakeGoogle.Call;
import dev.interactions.ingest.google.fake.FakeHttp.Request;
import dev.interactions.ingest.google.fake.FakeHttp.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Google's batch format: a {@code multipart/mixed} POST whose parts ({@code application/http})
 * each hold one HTTP request; the answer is a {@code multipart/mixed} body with one
 * {@code application/http} part per request, in order, each a status line, headers and body.
 */
final class FakeBatch {
  /** Gmail allows 100 calls a batch; Google advises (and the source sends) at most 50. */
  static final int MAX_PARTS = 100;

  private FakeBatch() {}

  static Response answer(Request batch, Function<Request, Response> dispatch, Consumer<Call> log,
      java.util.function.Supplier<Response> envelopeFailure) {
    log.accept(new Call(null, batch.method(), batch.path(), Map.of()));
    Response failed = envelopeFailure.get();
    if (failed != null) {
      return failed;
    }
    String type = batch.header("content-type");
    if (!batch.method().equals("POST") || type == null || !type.startsWith("multipart/mixed")) {
      return Response.error(400, "badRequest", "Batch requests must be multipart/mixed POSTs.", "INVALID_ARGUMENT");
    }
    List<Request> requests = parse(batch.body(), boundary(type), batch.header("authorization"));
    if (requests.size() > MAX_PARTS) {
      return Response.error(400, "badRequest", "Too many requests in the batch.", "INVALID_ARGUMENT");
    }
    String boundary = "batch_" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Request r : requests) {
      Response answer = dispatch.apply(r);
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      out.append("--").append(boundary).append("\r\n")
          .append("Content-Type: application/http\r\n")
          .append("Content-ID: <response-").append(++n).append(">\r\n")
          .append("\r\n")
          .append("HTTP/1.1 ").append(answer.status()).append(' ').append(Response.reasonPhrase(answer.status()))
          .append("\r\n")
          .append("Content-Type: ").append(answer.contentType()).append("\r\n");
      answer.headers().forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
      out
          .append("Vary: Origin\r\n")
          .append("Content-Length: ").append(body.length).append("\r\n")
          .append("\r\n")
          .append(answer.body()).append("\r\n");
    }
    out.append("--").append(boundary).append("--\r\n");
    return new Response(200, "multipart/mixed; boundary=" + boundary, out.toString());
  }

  private static String boundary(String contentType) {
    for (String p : contentType.split(";")) {
      String t = p.trim();
      if (t.startsWith("boundary=")) {
        String b = t.substring("boundary=".length());
        return b.startsWith("\"") ? b.substring(1, b.length() - 1) : b;
      }
    }
    throw new IllegalArgumentException("multipart/mixed without boundary");
  }

  /** The requests of a batch body; a part without its own Authorization takes the batch's. */
  static List<Request> parse(String body, String boundary, String outerAuthorization) {
    List<Request> requests = new ArrayList<>();
    String delimiter = "--" + boundary;
    for (String part : body.split(java.util.regex.Pattern.quote(delimiter))) {
      String p = part.startsWith("\r\n") ? part.substring(2) : part;
      if (p.isBlank() || p.startsWith("--")) {
        continue;
      }
      int partHeadersEnd = p.indexOf("\r\n\r\n");
      String http = p.substring(partHeadersEnd + 4);
      int headersEnd = http.indexOf("\r\n\r\n");
      String head = headersEnd < 0 ? http : http.substring(0, headersEnd);
      String content = headersEnd < 0 ? "" : http.substring(headersEnd + 4).strip();
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      if (!headers.containsKey("authorization") && outerAuthorization != null) {
        headers.put("authorization", outerAuthorization);
      }
      // The request line carries the full URL (Google's client) or only the path.
      String target = requestLine[1];
      if (target.startsWith("http")) {
        java.net.URI uri = java.net.URI.create(target);
        target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      }
      requests.add(Request.of(requestLine[0], target, headers, content));
    }
    return requests;
  }
}
