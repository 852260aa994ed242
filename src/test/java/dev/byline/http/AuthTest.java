package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.ServerConfig;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
  @Test
  void with_a_key_configured_writes_need_it_and_reads_stay_open(@TempDir Path dir)
      throws Exception {
    try (TestServer server =
        TestServer.start(ServerConfig.defaults(dir).withPort(0).withApiKey("s3cret"))) {
      String body = json(article("k1", "Keyed", "Written with a key."));
      Response none = server.postJson(body);
      assertThat(none.status()).isEqualTo(401);
      assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
      assertThat(none.raw().headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(server.postJson(body, "Authorization", "Bearer wrong").status()).isEqualTo(401);
      assertThat(server.postJson(body, "Authorization", "Bearer s3cre").status()).isEqualTo(401);
      assertThat(server.articleCount()).isZero();

      assertThat(server.postJson(body, "Authorization", "Bearer s3cret").status()).isEqualTo(200);
      assertThat(server.search("q=keyed").json().get("total").asInt()).isEqualTo(1);
      assertThat(server.get("/api/articles/k1").status()).isEqualTo(200);

      assertThat(server.delete("/api/articles/k1").status()).isEqualTo(401);
      assertThat(server.delete("/api/articles/k1", "Authorization", "Bearer s3cret").status())
          .isEqualTo(200);
    }
  }

  @Test
  void without_a_key_writes_are_open(@TempDir Path dir) throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      // A brand-new, empty index answers searches (with empty facets), not errors.
      Response empty = server.search("q=anything");
      assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
      assertThat(empty.json().get("total").asInt()).isZero();
      assertThat(empty.json().get("facets").get("author").size()).isZero();
      assertThat(server.postJson(json(article("o1", "Open", "No key."))).status()).isEqualTo(200);
    }
  }

  @Test
  void a_read_key_guards_reads_and_the_write_key_also_reads(@TempDir Path dir) throws Exception {
    ServerConfig config =
        ServerConfig.defaults(dir).withPort(0).withApiKey("writer").withReadKey("reader");
    try (TestServer server = TestServer.start(config)) {
      assertThat(server.search("q=x").status()).isEqualTo(401);
      assertThat(
              server
                  .send(
                      java.net.http.HttpRequest.newBuilder(server.uri("/api/search?q=x"))
                          .header("Authorization", "Bearer reader"))
                  .status())
          .isEqualTo(200);
      assertThat(
              server
                  .send(
                      java.net.http.HttpRequest.newBuilder(server.uri("/api/search?q=x"))
                          .header("Authorization", "Bearer writer"))
                  .status())
          .isEqualTo(200);
      // The read key does not write.
      assertThat(
              server
                  .postJson(json(article("r1", "R", "B")), "Authorization", "Bearer reader")
                  .status())
          .isEqualTo(401);
      assertThat(server.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void cors_is_off_by_default_and_allows_only_configured_origins(@TempDir Path dir)
      throws Exception {
    try (TestServer closed = TestServer.start(dir.resolve("a"))) {
      Response r =
          closed.send(
              java.net.http.HttpRequest.newBuilder(closed.uri("/api/search?q=x"))
                  .header("Origin", "https://news.example"));
      assertThat(r.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    ServerConfig config =
        ServerConfig.defaults(dir.resolve("b"))
            .withPort(0)
            .withCorsOrigins(java.util.List.of("https://news.example"));
    try (TestServer open = TestServer.start(config)) {
      Response allowed =
          open.send(
              java.net.http.HttpRequest.newBuilder(open.uri("/api/search?q=x"))
                  .header("Origin", "https://news.example"));
      assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://news.example");
      Response other =
          open.send(
              java.net.http.HttpRequest.newBuilder(open.uri("/api/search?q=x"))
                  .header("Origin", "https://evil.example"));
      assertThat(other.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void with_cors_on_a_request_from_another_origin_is_refused_before_it_reads_or_writes(
      @TempDir Path dir) throws Exception {
    ServerConfig config =
        ServerConfig.defaults(dir)
            .withPort(0)
            .withCorsOrigins(java.util.List.of("https://news.example"));
    try (TestServer server = TestServer.start(config)) {
      server.postJson(json(article("c1", "Harbour news", "The harbour reopened.")));
      java.util.function.BiFunction<String, HttpRequest.Builder, Response> from =
          (origin, request) -> server.send(request.header("Origin", origin));

      Response allowed =
          from.apply(
              "https://news.example", HttpRequest.newBuilder(server.uri("/api/search?q=harbour")));
      assertThat(allowed.status()).isEqualTo(200);
      assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://news.example");

      // Refused as Elasticsearch refuses it: a 403, and no results in the body.
      Response read =
          from.apply(
              "https://evil.example", HttpRequest.newBuilder(server.uri("/api/search?q=harbour")));
      assertThat(read.status()).as(read.toString()).isEqualTo(403);
      assertThat(read.json().get("error").asText()).isEqualTo("origin_not_allowed");
      assertThat(read.body()).doesNotContain("Harbour").doesNotContain("hits");
      assertThat(read.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      Response article =
          from.apply(
              "https://evil.example", HttpRequest.newBuilder(server.uri("/api/articles/c1")));
      assertThat(article.status()).isEqualTo(403);
      assertThat(article.body()).doesNotContain("reopened");

      // A write a browser sends without asking first (text/plain) is refused before it happens.
      Response write =
          from.apply(
              "https://evil.example",
              HttpRequest.newBuilder(server.uri("/api/articles"))
                  .header("Content-Type", "text/plain")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "Planted story\n\nThis should never be indexed by the harbour.")));
      assertThat(write.status()).as(write.toString()).isEqualTo(403);
      Response delete =
          from.apply(
              "https://evil.example",
              HttpRequest.newBuilder(server.uri("/api/articles/c1")).DELETE());
      assertThat(delete.status()).isEqualTo(403);
      assertThat(server.articleCount()).isEqualTo(1);
      assertThat(server.get("/api/articles/c1").status()).isEqualTo(200);

      // Preflights: answered for an allowed origin, refused for another.
      HttpRequest.Builder preflight =
          HttpRequest.newBuilder(server.uri("/api/articles/c1"))
              .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
              .header("Access-Control-Request-Method", "DELETE")
              .header("Access-Control-Request-Headers", "authorization");
      Response askAllowed = from.apply("https://news.example", preflight.copy());
      assertThat(askAllowed.status()).as(askAllowed.toString()).isBetween(200, 204);
      assertThat(askAllowed.raw().headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://news.example");
      assertThat(askAllowed.raw().headers().firstValue("Access-Control-Allow-Methods").orElse(""))
          .contains("DELETE");
      assertThat(
              askAllowed
                  .raw()
                  .headers()
                  .firstValue("Access-Control-Allow-Headers")
                  .orElse("")
                  .toLowerCase(java.util.Locale.ROOT))
          .contains("authorization");
      Response askOther = from.apply("https://evil.example", preflight.copy());
      assertThat(askOther.status()).isEqualTo(403);
      assertThat(askOther.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

      // The server's own pages, and clients that send no Origin, are not cross-origin.
      Response same =
          from.apply(
              "http://127.0.0.1:" + server.server.port(),
              HttpRequest.newBuilder(server.uri("/api/search?q=harbour")));
      assertThat(same.status()).as(same.toString()).isEqualTo(200);
      assertThat(server.search("q=harbour").status()).isEqualTo(200);
    }
  }
}
