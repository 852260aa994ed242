package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.article.Article;
import dev.byline.article.DateParser;
import dev.byline.config.ServerConfig;
import dev.byline.index.ArticleIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm-up searches before a server serves: they run, are bounded, and never stop a start. */
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
  void a_large_enough_index_is_warmed_within_the_budget() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      fill(index, Warmup.MIN_ARTICLES);
      ArticleSearch search = new ArticleSearch(index);
      List<Map<String, List<String>>> requests = index.withSearcher(Warmup::requests);
      assertThat(requests).isNotEmpty();
      long start = System.nanoTime();
      Warmup.Result r = Warmup.beforeServing(index, search, 300);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.searches()).isPositive();
      assertThat(r.failures()).isZero();
      // Bounded: each thread stops after the search it is in when the budget is spent.
      assertThat(ms).isLessThan(300 + 5_000);
    }
  }

  @Test
  void a_small_index_or_a_zero_budget_is_not_warmed() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      fill(index, 50);
      ArticleSearch search = new ArticleSearch(index);
      assertThat(Warmup.beforeServing(index, search, 10_000).searches()).isZero();
      fill(index, Warmup.MIN_ARTICLES);
      assertThat(Warmup.beforeServing(index, search, 0).searches()).isZero();
    }
  }

  @Test
  void a_failing_search_is_counted_and_skipped_and_the_others_run() throws Exception {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      fill(index, 100);
      ArticleSearch search = new ArticleSearch(index);
      Map<String, List<String>> broken = new LinkedHashMap<>();
      broken.put("q", List.of("title:(unclosed"));
      broken.put("syntax", List.of("lucene"));
      Map<String, List<String>> fine = new LinkedHashMap<>();
      fine.put("q", List.of("harbour"));
      fine.put("facets", List.of("true"));
      fine.put("snippets", List.of("true"));
      Warmup.Result r = Warmup.run(search, List.of(broken, fine), 200, 2);
      assertThat(r.failures()).isPositive();
      assertThat(r.searches()).isGreaterThan(r.failures());
    }
  }

  @Test
  void a_server_on_a_warmed_index_starts_and_answers() throws Exception {
    Path data = dir.resolve("data");
    try (ArticleIndex index = ArticleIndex.open(data.resolve("index"))) {
      fill(index, Warmup.MIN_ARTICLES);
    }
    try (TestServer server =
        TestServer.start(ServerConfig.defaults(data).withPort(0).withWarmupMs(500))) {
      TestServer.Response r = server.get("/api/search?q=harbour&facets=true&snippets=true");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().toString()).contains("<mark>");
    }
  }
}
