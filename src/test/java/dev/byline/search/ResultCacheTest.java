package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.article.Article;
import dev.byline.config.Limits;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache answers a repeated search from memory and never answers with a result older
 * than the index view it was made on: every write, update and delete that became searchable shows
 * in the next answer to the same request.
 */
class ResultCacheTest {
  @TempDir Path dir;

  private static final Limits NO_CACHE = Limits.DEFAULTS.withResultCacheBytes(0);

  private static Article article(String id, String title, String body) {
    return new Article(id, null, title, body, List.of(), null, null, List.of(), null);
  }

  private static SearchRequest request(String... params) {
    Map<String, List<String>> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) map.put(params[i], List.of(params[i + 1]));
    return SearchRequest.fromParams(map);
  }

  private static List<String> ids(SearchResponse response) {
    return response.hits().stream().map(SearchResponse.Hit::id).toList();
  }

  @Test
  void a_repeated_search_is_answered_from_the_cache_until_a_write_becomes_searchable()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(List.of(article("a", "Harbour festival opens", "Boats and music by the sea.")));
      SearchRequest q = request("q", "harbour");

      assertThat(ids(search.search(q))).containsExactly("a");
      assertThat(search.cacheStats().hits()).isZero();
      assertThat(ids(search.search(q))).containsExactly("a");
      assertThat(search.cacheStats().hits()).isEqualTo(1);
      assertThat(search.cacheStats().entries()).isEqualTo(1);
      assertThat(search.cacheStats().bytes()).isPositive();

      index.write(List.of(article("b", "Harbour wall repaired", "The harbour wall stands again.")));
      assertThat(ids(search.search(q))).containsExactlyInAnyOrder("a", "b");
      assertThat(search.cacheStats().hits()).isEqualTo(1); // a new view: not served from memory

      index.write(List.of(article("a", "Festival opens", "Boats and music by the sea.")));
      assertThat(ids(search.search(q))).containsExactly("b"); // an update shows at once

      index.delete("b");
      assertThat(search.search(q).total()).isZero();
    }
  }

  @Test
  void a_search_with_cache_false_neither_reads_nor_fills_the_cache() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      index.write(List.of(article("a", "Harbour festival opens", "Boats and music by the sea.")));
      SearchRequest off = request("q", "harbour", "cache", "false");
      assertThat(ids(search.search(off))).containsExactly("a");
      assertThat(ids(search.search(off))).containsExactly("a");
      assertThat(search.cacheStats().entries()).isZero();
      assertThat(search.cacheStats().hits() + search.cacheStats().misses()).isZero();
      SearchRequest on = request("q", "harbour");
      search.search(on);
      search.search(on);
      assertThat(search.cacheStats().hits()).isEqualTo(1);
      search.search(off); // the same search without the cache: not a hit
      assertThat(search.cacheStats().hits()).isEqualTo(1);
      // Anything but a yes or a no is the client's mistake, said as such.
      assertThatThrownBy(() -> request("q", "harbour", "cache", "maybe"))
          .isInstanceOf(dev.byline.errors.InvalidRequestException.class)
          .hasMessageContaining("cache");
    }
  }

  @Test
  void requests_differing_in_any_parameter_are_not_confused_and_clock_dependent_ones_not_kept()
      throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index);
      List<Article> articles = new ArrayList<>();
      for (int i = 0; i < 15; i++) {
        articles.add(article("n" + i, "Harbour note " + i, "The harbour in note number " + i));
      }
      index.write(articles);
      assertThat(search.search(request("q", "harbour", "size", "5")).hits()).hasSize(5);
      assertThat(search.search(request("q", "harbour", "size", "7")).hits()).hasSize(7);
      assertThat(search.search(request("q", "harbour", "size", "5", "page", "3")).hits())
          .hasSize(5);
      assertThat(search.search(request("q", "harbour", "facets", "false")).facets()).isEmpty();
      assertThat(search.search(request("q", "harbour")).facets()).isNotEmpty();
      assertThat(search.cacheStats().hits()).isZero();

      search.search(request("q", "harbour", "recency", "30d"));
      search.search(request("q", "harbour", "recency", "30d"));
      assertThat(search.cacheStats().hits()).isZero(); // freshness reads the clock: never kept
    }
  }

  @Test
  void with_the_cache_off_nothing_is_kept() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch search = new ArticleSearch(index, Clock.systemUTC(), NO_CACHE);
      index.write(List.of(article("a", "Harbour festival opens", "Boats and music.")));
      search.search(request("q", "harbour"));
      search.search(request("q", "harbour"));
      assertThat(search.cacheStats().hits()).isZero();
      assertThat(search.cacheStats().entries()).isZero();
    }
  }

  /**
   * Random writes, updates and deletes interleaved with searches from a small pool of requests: a
   * search through the cache always answers as a search without one does.
   */
  @Test
  void under_random_writes_the_cached_answer_is_always_the_current_one() throws IOException {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println("ResultCacheTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    String[] words = {"harbour", "budget", "council", "river", "school"};
    List<SearchRequest> pool = new ArrayList<>();
    for (String w : words) {
      pool.add(request("q", w));
      pool.add(request("q", w, "sort", "newest", "size", "3"));
    }
    pool.add(request("q", ""));
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      ArticleSearch cached = new ArticleSearch(index);
      ArticleSearch uncached = new ArticleSearch(index, Clock.systemUTC(), NO_CACHE);
      for (int step = 0; step < 300; step++) {
        int op = random.nextInt(10);
        String id = "d" + random.nextInt(20);
        if (op == 0) {
          index.delete(id);
        } else if (op <= 2) {
          String w1 = words[random.nextInt(words.length)];
          String w2 = words[random.nextInt(words.length)];
          index.write(List.of(article(id, "Note on the " + w1, "A note about the " + w2 + ".")));
        } else {
          SearchRequest r = pool.get(random.nextInt(pool.size()));
          SearchResponse a = cached.search(r);
          SearchResponse b = uncached.search(r);
          assertThat(ids(a)).as("step %d, seed %d, %s", step, seed, r).isEqualTo(ids(b));
          assertThat(a.total()).as("step %d, seed %d", step, seed).isEqualTo(b.total());
          assertThat(a.facets()).as("step %d, seed %d", step, seed).isEqualTo(b.facets());
        }
      }
      assertThat(cached.cacheStats().hits()).isPositive();
    }
  }
}
