package dev.byline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A real Byline server on a free port and a temp directory, and a small HTTP client for it. */
public final class TestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final BylineServer server;
  public final Path dataDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(BylineServer server, Path dataDir) {
    this.server = server;
    this.dataDir = dataDir;
  }

  public static TestServer start(Path dataDir) throws IOException {
    return start(ServerConfig.defaults(dataDir).withPort(0));
  }

  public static TestServer start(ServerConfig config) throws IOException {
    return new TestServer(BylineServer.start(config), config.dataDir());
  }

  /** A server on an index the test opened (on a faked disk, say); the server closes it. */
  public static TestServer start(ServerConfig config, dev.byline.index.ArticleIndex index)
      throws IOException {
    return new TestServer(BylineServer.start(config, index), config.dataDir());
  }

  /** A status and a parsed JSON body. */
  public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  public Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
  }

  public Response delete(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).DELETE();
    if (headers.length > 0) b.headers(headers);
    return send(b);
  }

  public Response post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) b.headers(headers);
    return send(b);
  }

  public Response postJson(String body, String... headers) {
    return post("/api/articles", "application/json", body, headers);
  }

  public Response search(String query) {
    return get("/api/search?" + query);
  }

  /** {@code /api/search?q=<encoded words>&...extra}. */
  public Response searchFor(String words, String extra) {
    return search("q=" + enc(words) + (extra.isEmpty() ? "" : "&" + extra));
  }

  public long articleCount() {
    return get("/api/stats").json().get("articles").asLong();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      } catch (IOException notJson) {
        // left null: the test asserts on the body instead
      }
      return new Response(r.statusCode(), json, r.body(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
