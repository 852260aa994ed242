package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.article.Article;
import dev.byline.article.DateParser;
import dev.byline.config.ServerConfig;
import dev.byline.index.ArticleIndex;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm-up requests after a server starts: made from the index, sent over HTTP, ended by the budget
 * or by a quiet compiler, said on /health; they never stop a start.
 */
class WarmupTest {
  @TempDir Path dir;

  private static final String[] WORDS = {
    "harbour",
    "ferry",
    "council",
    "glacier",
    "storm",
    "market",
    "bridge",
    "school",
    "river",
    "quay",
    "tunnel",
    "budget",
    "station",
    "library",
    "airport",
    "festival"
  };

  /** A data folder whose index holds {@code n} articles ({@link #fill}). */
  private Path dataWith(int n) throws Exception {
    Path data = dir.resolve("data");
    try (ArticleIndex index = ArticleIndex.open(data.resolve("index"))) {
      fill(index, n);
    }
    return data;
  }

  private static void fill(ArticleIndex index, int n) throws Exception {
    Random random = new Random(5);
    List<Article> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < 30; w++) body.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      batch.add(
          new Article(
              "w" + i,
              null,
              "Article " + WORDS[i % WORDS.length],
              body.toString().strip() + ".",
              List.of("Ann Author"),
              DateParser.parse("2020-01-01"),
              "The Source",
              List.of(i % 2 == 0 ? "news" : "sport"),
              "en"));
    }
    index.write(batch);
  }

  @Test
  void a_large_enough_index_gets_searches_and_suggestions_a_small_one_none() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      fill(index, 50);
      assertThat(index.withSearcher(Warmup::requests)).isEmpty();
      fill(index, Warmup.MIN_ARTICLES);
      List<String> requests = index.withSearcher(Warmup::requests);
      assertThat(requests).anyMatch(r -> r.startsWith("/api/search?q="));
      assertThat(requests).anyMatch(r -> r.startsWith("/api/suggest?q="));
      // Both syntaxes, with facets and snippets, and each one a valid request.
      assertThat(requests).anyMatch(r -> r.contains("syntax=lucene"));
      assertThat(requests).anyMatch(r -> r.contains("%22")); // a phrase, encoded
      for (String r : requests) {
        if (!r.startsWith("/api/search?")) continue;
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : r.substring(r.indexOf('?') + 1).split("&")) {
          String[] kv = pair.split("=", 2);
          params
              .computeIfAbsent(kv[0], k -> new ArrayList<>())
              .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(SearchRequest.fromParams(params).snippets()).isTrue();
      }
    }
  }

  @Test
  void the_warm_up_ends_when_the_compiler_goes_quiet() {
    AtomicInteger sent = new AtomicInteger();
    // A compiler that never compiles: quiet as soon as the warm-up may end.
    Warmup.Result r =
        Warmup.run(p -> sent.incrementAndGet(), List.of("/a", "/b"), 60_000, 2, () -> 1234);
    assertThat(r.quiet()).isTrue();
    assertThat(r.millis()).isBetween(Warmup.MIN_MS, Warmup.MIN_MS + 5_000);
    assertThat(r.searches()).isPositive().isEqualTo(sent.get());
  }

  @Test
  void a_busy_compiler_keeps_it_going_until_the_budget_is_spent() {
    long budget = Warmup.MIN_MS + 1_000;
    // Compiling all the time: never quiet.
    Warmup.Result r =
        Warmup.run(
            p -> Thread.sleep(1), List.of("/a"), budget, 2, () -> System.nanoTime() / 1_000_000);
    assertThat(r.quiet()).isFalse();
    // Bounded: each thread stops after the request it is in when the budget is spent.
    assertThat(r.millis()).isBetween(budget, budget + 5_000);
  }

  @Test
  void a_failing_request_is_counted_and_skipped_and_the_others_run() {
    List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
    Warmup.Result r =
        Warmup.run(
            p -> {
              if (p.equals("/broken")) throw new IllegalStateException("answered 400");
              ran.add(p);
            },
            List.of("/broken", "/fine"),
            300,
            2,
            () -> System.nanoTime() / 1_000_000);
    assertThat(r.failures()).isPositive();
    assertThat(r.searches()).isGreaterThan(r.failures());
    assertThat(ran).isNotEmpty().allMatch("/fine"::equals);
    assertThat(Warmup.run(p -> {}, List.of(), 300, 2, () -> 0)).isEqualTo(Warmup.Result.NONE);
  }

  @Test
  void a_server_warms_up_over_http_says_so_on_health_and_serves_meanwhile() throws Exception {
    Path data = dataWith(Warmup.MIN_ARTICLES);
    ServerConfig config =
        ServerConfig.defaults(data).withPort(0).withWarmupMs(Warmup.MIN_MS + 2_000);
    try (TestServer server = TestServer.start(config)) {
      // The warm-up lasts at least MIN_MS from the start: /health says so from the first answer
      // (the flag is set before the port opens), and a search is served meanwhile.
      TestServer.Response health = server.get("/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("status").asText()).isEqualTo("warming_up");
      assertThat(server.get("/api/search?q=harbour").status()).isEqualTo(200);
      awaitHealthy(server);
      // The warm-up went through HTTP, searches and suggestions, and past the result cache;
      // counted apart: the clients' figures hold the one search above and nothing of it.
      String metrics = server.get("/metrics").body();
      assertThat(count(metrics, "byline_warmup_requests_total", "/api/search")).isGreaterThan(10);
      assertThat(count(metrics, "byline_warmup_requests_total", "/api/suggest")).isPositive();
      assertThat(metrics).containsPattern("byline_result_cache_hits_total(\\{[^}]*\\})? 0\\.0");
      assertThat(count(metrics, "byline_http_requests_total", "/api/search")).isEqualTo(1);
      assertThat(count(metrics, "byline_http_requests_total", "/api/suggest")).isZero();
      assertThat(metrics).containsPattern("byline_search_duration_seconds_count 1\\b");
    }
  }

  @Test
  void a_client_sending_the_warm_up_header_is_counted_as_any_client() throws Exception {
    Path data = dataWith(10); // too few to warm up
    try (TestServer server = TestServer.start(ServerConfig.defaults(data).withPort(0))) {
      for (String guess : List.of("1", "true", "yes", "0".repeat(32))) {
        var answer =
            server.send(
                java.net.http.HttpRequest.newBuilder(server.uri("/api/search?q=harbour"))
                    .header("X-Byline-Warmup", guess));
        assertThat(answer.status()).isEqualTo(200);
      }
      String metrics = server.get("/metrics").body();
      assertThat(count(metrics, "byline_http_requests_total", "/api/search")).isEqualTo(4);
      assertThat(metrics).doesNotContain("byline_warmup_requests_total{");
    }
  }

  @Test
  void a_server_stopped_while_it_warms_up_stops_at_once() throws Exception {
    Path data = dataWith(Warmup.MIN_ARTICLES);
    TestServer server =
        TestServer.start(ServerConfig.defaults(data).withPort(0).withWarmupMs(120_000));
    assertThat(server.get("/health").status()).isEqualTo(503);
    long start = System.nanoTime();
    server.close();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    // No warm-up thread outlives it for long (each stops after the request it is in).
    long until = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < until && warmupThreads() > 0) Thread.sleep(50);
    assertThat(warmupThreads()).isZero();
  }

  private static long warmupThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("byline-warmup"))
        .count();
  }

  /** Waits until {@code /health} says 200 (the warm-up ended); fails after a minute. */
  private static void awaitHealthy(TestServer server) throws InterruptedException {
    long until = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < until && server.get("/health").status() != 200) Thread.sleep(50);
    TestServer.Response health = server.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isEqualTo("ok");
  }

  @Test
  void a_server_that_needs_a_key_for_reads_warms_up_with_it() throws Exception {
    Path data = dataWith(Warmup.MIN_ARTICLES);
    ServerConfig config =
        ServerConfig.defaults(data)
            .withPort(0)
            .withApiKey("write-key")
            .withReadKey("read-key")
            .withWarmupMs(Warmup.MIN_MS + 500);
    try (TestServer server = TestServer.start(config)) {
      awaitHealthy(server);
      String metrics = server.get("/metrics").body();
      assertThat(count(metrics, "byline_warmup_requests_total", "/api/search")).isGreaterThan(10);
      assertThat(metrics).doesNotContain("status=\"401\"");
      assertThat(server.get("/api/search?q=harbour").status()).isEqualTo(401); // still needed
    }
  }

  /** The 200 answers counted by {@code counter} on {@code route} in a Prometheus scrape. */
  private static double count(String scrape, String counter, String route) {
    double n = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(counter + "{")
          && line.contains("route=\"" + route + "\"")
          && line.contains("status=\"200\""))
        n += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
    return n;
  }
}
