package dev.byline.http;

import static dev.byline.Fixtures.archive;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile requests against the real server: random routes, parameters, query texts in
 * both syntaxes, bodies and content types. None may get a 5xx, and none may take longer than the
 * search time limit plus a second. A new seed each run, printed with every failure; re-run one
 * with {@code TESTS_SEED=N} in the environment; {@code TESTS_HOSTILE=N} sets how many requests
 * (default 2,000; bin/test --all and CI run 10,000). Half go to a server with semantic search on.
 */
class HostileRequestsTest {
  private static final long TIME_LIMIT_MS = 2_000;
  @TempDir static Path dir;
  static TestServer server;

  /** The same archive served with semantic search on (hybrid by default, vectors filling in). */
  static TestServer semantic;

  @BeforeAll
  static void start() throws Exception {
    var limits = new dev.byline.config.Limits(TIME_LIMIT_MS, 32, 10_000, 1024, 50);
    server =
        TestServer.start(
            dev.byline.config.ServerConfig.defaults(dir.resolve("data"))
                .withPort(0)
                .withLimits(limits));
    server.post("/api/articles", "application/x-ndjson", ndjson(archive()));
    semantic =
        TestServer.start(
            dev.byline.config.ServerConfig.defaults(dir.resolve("semantic"))
                .withPort(0)
                .withLimits(limits)
                .withSemantic(true));
    semantic.post("/api/articles", "application/x-ndjson", ndjson(archive()));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      server.close();
    } finally {
      semantic.close();
    }
  }

  private static final String[] WORDS = {
    "harbour",
    "the",
    "who",
    "AND",
    "OR",
    "NOT",
    "-",
    "+",
    "|",
    "\"",
    "(",
    ")",
    "*",
    "~",
    "~2",
    "\\",
    "/",
    ":",
    "title:",
    "date:",
    "[",
    "]",
    "{",
    "}",
    "^",
    "!",
    "?",
    "&&",
    "||",
    "since 2020",
    "last week",
    "in 1979.",
    "a*",
    "*a",
    "?x",
    "/.*/",
    "/a{1000}/",
    "/[a-z]{0,999}/",
    "ferry~",
    "zzzzzz~2",
    "x".repeat(300),
    "é",
    "日本",
    "\u0000",
    "%",
    "%%",
    "%u002e",
    "\ud83d\ude00",
    "NaN",
    "-1",
    "9999999999999999999",
    "TO",
    "*:*",
    "[* TO *]"
  };
  private static final String[] PARAMS = {
    "q",
    "syntax",
    "author",
    "source",
    "category",
    "from",
    "to",
    "sort",
    "page",
    "size",
    "cursor",
    "facets",
    "snippets",
    "recency",
    "story",
    "collapse",
    "mode",
    "semantic_ratio",
    "nope"
  };
  private static final String[] VALUES = {
    "",
    "0",
    "-1",
    "1",
    "10",
    "100",
    "101",
    "10000",
    "99999999999",
    "abc",
    "true",
    "lucene",
    "simple",
    "newest",
    "relevance",
    "oldest",
    "2020-01-01",
    "2020-13-45",
    "yesterdayish",
    "1y",
    "0d",
    "7d",
    "djJ8cmVsZXZhbmNlfHh8c3wxfDF8eA",
    "%00",
    "%ff%fe",
    "\"",
    "'",
    "<script>",
    "Ana Tubić",
    "story",
    "none",
    "keyword",
    "semantic",
    "hybrid",
    "0.5",
    "NaN",
    "1e309"
  };

  private static String random(Random r, String[] from) {
    return from[r.nextInt(from.length)];
  }

  private static String text(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) sb.append(random(r, WORDS)).append(r.nextBoolean() ? " " : "");
    return sb.toString();
  }

  private static String query(Random r) {
    List<String> parts = new ArrayList<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String name = random(r, PARAMS);
      String value = name.equals("q") || r.nextInt(4) == 0 ? text(r) : random(r, VALUES);
      parts.add(TestServer.enc(name) + "=" + TestServer.enc(value));
    }
    if (r.nextBoolean()) parts.add("q=" + TestServer.enc(text(r)));
    if (r.nextInt(3) == 0) parts.add("syntax=lucene");
    return String.join("&", parts);
  }

  private static String body(Random r) {
    return switch (r.nextInt(6)) {
      case 0 ->
          "{\"title\": "
              + (r.nextBoolean() ? "\"" + text(r).replace("\"", "") + "\"" : "42")
              + ", \"body\": \""
              + text(r).replace("\"", "").replace("\\", "")
              + "\"}";
      case 1 -> "[" + "{}".repeat(r.nextInt(3)) + "]";
      case 2 -> text(r);
      case 3 ->
          "{\"title\": \"t\", \"body\": \"b\", \"date\": \""
              + random(r, VALUES).replace("\"", "")
              + "\", \"url\": \"javascript:alert(1)\"}";
      case 4 ->
          "{\"id\": \""
              + random(r, VALUES).replace("\"", "")
              + "\", \"title\": \"x\", \"body\": \"y\", \"author\": [1, {}]}";
      default -> new String(randomBytes(r), StandardCharsets.ISO_8859_1);
    };
  }

  private static byte[] randomBytes(Random r) {
    byte[] b = new byte[r.nextInt(64)];
    r.nextBytes(b);
    return b;
  }

  private static HttpRequest.Builder request(Random r) {
    TestServer server = r.nextBoolean() ? HostileRequestsTest.server : semantic;
    String id = TestServer.enc(random(r, VALUES) + (r.nextBoolean() ? "" : random(r, WORDS)));
    String[] contentTypes = {
      "application/json",
      "application/x-ndjson",
      "text/plain",
      "text/html",
      "application/json; charset=nonsense",
      "multipart/form-data",
      ""
    };
    return switch (r.nextInt(9)) {
      case 0, 1, 2 -> HttpRequest.newBuilder(server.uri("/api/search?" + query(r))).GET();
      case 3 -> HttpRequest.newBuilder(server.uri("/api/suggest?" + query(r))).GET();
      case 4 ->
          HttpRequest.newBuilder(
                  server.uri(
                      "/api/articles/"
                          + (id.isEmpty() ? "x" : id)
                          + (r.nextBoolean() ? "/related?" + query(r) : "")))
              .GET();
      case 5 ->
          HttpRequest.newBuilder(server.uri("/api/articles/" + (id.isEmpty() ? "x" : id))).DELETE();
      case 6 -> {
        String type = random(r, contentTypes);
        HttpRequest.Builder b =
            HttpRequest.newBuilder(server.uri("/api/articles?" + query(r)))
                .POST(HttpRequest.BodyPublishers.ofString(body(r), StandardCharsets.UTF_8));
        yield type.isEmpty() ? b : b.header("Content-Type", type);
      }
      case 7 -> HttpRequest.newBuilder(server.uri("/api/tasks/" + (id.isEmpty() ? "x" : id))).GET();
      default ->
          HttpRequest.newBuilder(server.uri("/api/stories/" + (id.isEmpty() ? "x" : id))).GET();
    };
  }

  /** A system property, else the environment ({@code TESTS_SEED}, {@code TESTS_HOSTILE}), else the default. */
  private static String setting(String name, String fallback) {
    String value =
        System.getProperty(
            name, System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
    return value == null || value.isBlank() ? fallback : value;
  }

  @Test
  void no_generated_hostile_request_gets_a_5xx_or_outlives_the_time_limit() {
    long seed = Long.parseLong(setting("tests.seed", Long.toString(System.nanoTime())));
    int count = Integer.parseInt(setting("tests.hostile", "2000"));
    Random r = new Random(seed);
    int served = 0;
    for (int i = 0; i < count; i++) {
      HttpRequest.Builder request;
      try {
        request = request(r);
      } catch (IllegalArgumentException notAUri) {
        continue; // the client refuses to send it; the raw-socket tests cover malformed requests
      }
      String what = request.build().method() + " " + request.build().uri();
      long start = System.nanoTime();
      Response response;
      try {
        response = server.send(request);
      } catch (java.io.UncheckedIOException dropped) {
        // A kept-alive connection the server had just closed; the same request once more on a
        // new one must be answered.
        System.out.println(
            "HostileRequestsTest: seed "
                + seed
                + ", request "
                + i
                + " ("
                + what
                + ") retried: "
                + dropped.getMessage());
        start = System.nanoTime();
        response = server.send(request);
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(response.status())
          .as("seed %d, request %d: %s -> %s", seed, i, what, response)
          .isLessThan(500);
      assertThat(ms)
          .as("seed %d, request %d: %s took %d ms", seed, i, what, ms)
          .isLessThan(TIME_LIMIT_MS + 1_000);
      if (response.status() >= 400) {
        assertThat(response.json())
            .as("seed %d: %s -> %s is JSON {error, message}", seed, what, response)
            .isNotNull();
        assertThat(response.json().has("error") && response.json().has("message"))
            .as("seed %d: %s -> %s", seed, what, response)
            .isTrue();
      }
      served++;
    }
    assertThat(served).as("seed %d", seed).isGreaterThan(count * 9 / 10);
    System.out.println(
        "HostileRequestsTest: " + served + " requests, seed " + seed + ", none a 5xx");
  }
}
