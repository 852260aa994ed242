package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.PublicationDate;
import dev.byline.config.Limits;
import dev.byline.embed.StubEmbedder;
import dev.byline.index.ArticleIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging a semantic or hybrid search, by page number or by cursor, walks one list: every page of a
 * size shows the articles the one big page shows, in its order, none twice, whatever the sort.
 * More articles than the vector side's candidates, so that the depth of a page could change them.
 * Randomized; the seed is printed.
 */
class VectorPagingTest {
  @TempDir Path dir;

  private static final String[] WORDS = {
    "rent", "harbour", "ferry", "council", "budget", "storm", "choir", "bread", "tenant", "road"
  };

  /** Each word a fixed pseudo-random direction; a text the sum of its words'. Fast and stable. */
  private static final class WordVectors extends StubEmbedder {
    WordVectors() {
      super("word-vectors", 32);
    }

    @Override
    public float[] embedQuery(String query) {
      return vector(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      return passages.stream().map(WordVectors::vector).toList();
    }

    private static float[] vector(String text) {
      float[] v = new float[32];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.isEmpty()) continue;
        Random r = new Random(w.hashCode());
        for (int i = 0; i < v.length; i++) v[i] += (float) r.nextGaussian();
      }
      double norm = 0;
      for (float x : v) norm += x * x;
      norm = Math.sqrt(norm);
      for (int i = 0; i < v.length && norm > 0; i++) v[i] = (float) (v[i] / norm);
      return v;
    }
  }

  @Test
  void pages_and_cursors_of_a_vector_search_walk_one_list_in_every_sort() throws Exception {
    long seed = Long.getLong("vectorpaging.seed", System.nanoTime());
    System.out.println("VectorPagingTest seed " + seed + " (-Dvectorpaging.seed=" + seed + ")");
    Random r = new Random(seed);
    WordVectors model = new WordVectors();
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      List<Article> articles = new ArrayList<>();
      for (int i = 0; i < 260; i++) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 6; w++) body.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
        articles.add(
            new Article(
                "a" + i,
                null,
                "Title " + i + " " + WORDS[r.nextInt(WORDS.length)],
                body.toString().strip() + " number " + i,
                List.of(),
                PublicationDate.ofDay(LocalDate.of(2020, 1, 1).plusDays(r.nextInt(2000))),
                null,
                List.of(),
                "en",
                null));
      }
      index.write(articles);
      index.embedWith(model);
      long until = System.nanoTime() + 60_000_000_000L;
      while (index.embeddingStatus().backlog() > 0 && System.nanoTime() < until) Thread.sleep(20);
      assertThat(index.embeddingStatus().backlog()).isZero();
    }
    // Searched on a reopened index: closing waits for the merges the vectors' writes started. One
    // finishing between two pages would change the view under the cursor (other segments, other
    // graphs, so another approximate neighbour list), which search-after on a live index does not
    // promise to hide. It failed CI once so (seed 15596319450174, two pairs of near-ties swapped;
    // the same seed passed 12 runs of 12 on a quiet machine: timing, not the seed). With both cores
    // kept busy, the test as it was failed 1 run in 16, this one none in 24. It failed CI once
    // more (5 December, seed 26540169565494, hybrid by relevance, cursor of 5: two neighbours
    // swapped inside a cursor's page, the pages by number right); that seed passed alone and
    // under load. Every step of the lists is deterministic on one view (read again that evening:
    // the keyword top k, the graph walk without an executor, the rescoring, Lucene's RRF with its
    // ties broken by shard and doc), so each walk is now checked against the whole list taken
    // before and after it, and made again if the view changed meanwhile; a walk on one view that
    // disagrees with it still fails, and a changed view is printed. It failed CI a third time
    // (6 December, seed 47158347998465, semantic by relevance, cursor of 2: two neighbours
    // swapped across a page boundary, the view unchanged). The cause: Lucene's rescoring dot
    // product (the Panama Vector API) sums in another order once the JIT has compiled it, so a
    // score's last bits changed between the whole list and a cursor's page while the JVM warmed
    // up. Rescoring now uses ExactDotProduct, the same bits on every call.
    try (ArticleIndex index = ArticleIndex.open(dir)) {
      index.embedWith(model);
      assertThat(index.embeddingStatus().backlog()).isZero();
      ArticleSearch search =
          new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS, Ranking.DEFAULT, model);
      for (String mode : List.of("semantic", "hybrid")) {
        for (String sort : List.of("relevance", "newest", "oldest")) {
          String q = WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)];
          int size = 2 + r.nextInt(9);
          String what = "seed " + seed + ", " + mode + ", " + sort + ", q=" + q;
          // The lists are the same on one view of the index, so the whole list is taken before
          // and after the pages: if the two differ, the view changed under the walk (the
          // neighbours of an approximate search are another view's) and the walk is made again.
          // If they agree, every page must agree with them.
          boolean walked = false;
          for (int attempt = 0; attempt < 3 && !walked; attempt++) {
            walked = walk(search, q, mode, sort, size, what);
          }
          assertThat(walked).as(what + ": the view stayed the same for one walk in 3").isTrue();
        }
      }
    }
  }

  /**
   * Pages by number and by cursor against the whole list; false (nothing asserted) if the whole
   * list changed meanwhile.
   */
  private static boolean walk(
      ArticleSearch search, String q, String mode, String sort, int size, String what)
      throws Exception {
    List<String> whole = ids(search, q, mode, sort, 100, null, 1);
    List<String> byPage = new ArrayList<>();
    for (int page = 1; page <= 100 / size; page++) {
      byPage.addAll(ids(search, q, mode, sort, size, null, page));
    }
    List<String> byCursor = new ArrayList<>();
    String cursor = null;
    for (int hop = 0; hop < 200; hop++) {
      SearchResponse response = response(search, q, mode, sort, size, cursor, 1);
      response.hits().forEach(h -> byCursor.add(h.id()));
      cursor = response.nextCursor();
      if (cursor == null) break;
    }
    List<String> after = ids(search, q, mode, sort, 100, null, 1);
    if (!after.equals(whole)) {
      System.out.println("VectorPagingTest: the view changed during a walk (" + what + ")");
      return false;
    }
    assertThat(byPage).as(what + ", pages of " + size).isEqualTo(whole.subList(0, byPage.size()));
    assertThat(new HashSet<>(byCursor)).as(what + ", cursor").hasSize(byCursor.size());
    int n = Math.min(byCursor.size(), whole.size());
    assertThat(byCursor.subList(0, n))
        .as(what + ", cursor of " + size)
        .isEqualTo(whole.subList(0, n));
    return true;
  }

  private static List<String> ids(
      ArticleSearch search, String q, String mode, String sort, int size, String cursor, int page)
      throws Exception {
    List<String> ids = new ArrayList<>();
    response(search, q, mode, sort, size, cursor, page).hits().forEach(h -> ids.add(h.id()));
    return ids;
  }

  private static SearchResponse response(
      ArticleSearch search, String q, String mode, String sort, int size, String cursor, int page)
      throws Exception {
    Map<String, List<String>> params = new java.util.HashMap<>();
    params.put("q", List.of(q));
    params.put("mode", List.of(mode));
    params.put("sort", List.of(sort));
    params.put("size", List.of(Integer.toString(size)));
    params.put("facets", List.of("false"));
    if (cursor != null) params.put("cursor", List.of(cursor));
    else params.put("page", List.of(Integer.toString(page)));
    return search.search(SearchRequest.fromParams(params));
  }
}
