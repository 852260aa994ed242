package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers every response carries, whatever the route and whatever the outcome. */
class ResponseHeadersTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void every_response_tells_browsers_not_to_sniff_its_type() {
    Response[] responses = {
      server.search("q=harbour"),
      server.get("/api/stats"),
      server.get("/api/suggest?q=ha"),
      server.get("/api/openapi.json"),
      server.get("/health"),
      server.get("/metrics"),
      server.get("/"),
      server.get("/static/app.js"),
      server.get("/static/nothing.js"),
      server.get("/api/nothing"),
      server.get("/api/articles/missing"),
      server.search("size=1000"),
      server.post("/api/search", "application/json", "{}"),
      server.postJson("{\"title\": "),
      server.post("/api/articles", "application/xml", "<a/>"),
      server.send(
          HttpRequest.newBuilder(server.uri("/api/articles/x"))
              .method("PATCH", HttpRequest.BodyPublishers.noBody())),
    };
    for (Response r : responses) {
      assertThat(r.raw().headers().firstValue("X-Content-Type-Options"))
          .as("%s %s", r.raw().request().uri(), r)
          .contains("nosniff");
    }
  }

  /**
   * The page is also a static file (/static/index.html): it was served there without the
   * Content-Security-Policy, so any site could frame it (an outside fault hunt).
   */
  @Test
  void the_page_has_its_content_security_policy_wherever_it_is_served() {
    for (String path : new String[] {"/", "/static/index.html", "/static/", "/static/app.js"}) {
      Response r = server.get(path);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Content-Security-Policy").orElse(""))
          .as(path)
          .contains("frame-ancestors 'none'")
          .contains("script-src 'self'");
    }
  }

  /**
   * HEAD answers as GET does, without the body (RFC 9110): it answered 200 where GET answered 404
   * or 400, so a client checking with HEAD that an article exists was told it did (an outside
   * fault hunt).
   */
  @Test
  void head_answers_with_the_status_and_headers_of_get() {
    String[][] cases = {
      {"/api/articles/missing", "404"},
      {"/api/search?bogus=1", "400"},
      {"/api/stats", "200"},
      {"/", "200"}
    };
    for (String[] c : cases) {
      Response head =
          server.send(
              HttpRequest.newBuilder(server.uri(c[0]))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      assertThat(head.status()).as("HEAD " + c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(head.body()).as("HEAD " + c[0]).isEmpty();
      assertThat(head.raw().headers().firstValue("Content-Type").orElse(""))
          .as("HEAD " + c[0])
          .isEqualTo(server.get(c[0]).raw().headers().firstValue("Content-Type").orElse(""));
    }
  }
}
