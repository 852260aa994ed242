package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.PublicationDate;
import dev.byline.config.Limits;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search with facets finds its page and its counts in two passes (the page by block-max WAND,
 * then every match for the counts), collapsed into stories or not. Randomized (the seed is
 * printed): the page with facets is the page without them, hit for hit and score for score (and
 * story size for story size), and the totals and the counts are those of every matching article
 * and story, counted here from the articles themselves and the stories the index gave them.
 * Words and phrases.
 */
class FacetPassesTest {
  @TempDir Path dir;

  /** Made-up words, so that no stemmer or stop list changes what matches them. */
  private static final String[] MARKERS = {"zorb", "quix", "blen", "trop", "vask", "drel"};

  private static final String[] FILLER = {
    "harbour", "ferry", "council", "market", "river", "bridge", "school", "station", "garden",
    "library", "museum", "tunnel"
  };
  private static final String[] SOURCES = {"Gazette", "Herald", "Courier", "Tribune", "Post"};
  private static final String[] AUTHORS = {"Ann Lee", "Bo Chen", "Cy Diaz", "Di Ng", "Ed Roe"};
  private static final String[] CATEGORIES = {"Politics", "Sport", "Arts", "Science"};

  private static SearchRequest request(String... params) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) map.put(params[i], List.of(params[i + 1]));
    return SearchRequest.fromParams(map);
  }

  @Test
  void facets_count_every_match_and_leave_the_page_as_it_is() throws IOException {
    long seed = new Random().nextLong();
    System.out.println("FacetPassesTest seed " + seed);
    Random random = new Random(seed);
    // Each marker is in a share of the articles from 1 in 100 to 3 in 5: small and large match
    // sets, the large ones past the bound up to which a search without facets counts exactly.
    double[] share = {0.01, 0.05, 0.15, 0.3, 0.45, 0.6};
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      StringBuilder body = new StringBuilder();
      int words = 20 + random.nextInt(60);
      for (int w = 0; w < words; w++) {
        body.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
        for (int m = 0; m < MARKERS.length; m++) {
          // Repeats vary the scores: a marker said often ranks its article higher.
          if (random.nextDouble() < share[m] / words * (1 + random.nextInt(3))) {
            body.append(MARKERS[m]).append(' ');
          }
        }
      }
      List<String> authors = new ArrayList<>();
      authors.add(AUTHORS[random.nextInt(AUTHORS.length)]);
      if (random.nextBoolean()) {
        String second = AUTHORS[random.nextInt(AUTHORS.length)];
        if (!authors.contains(second)) authors.add(second);
      }
      articles.add(
          new Article(
              "a" + i,
              null,
              "Report " + i,
              body.toString().strip() + ".",
              authors,
              PublicationDate.ofDay(LocalDate.of(2019, 1, 1).plusDays(random.nextInt(6 * 365))),
              SOURCES[random.nextInt(SOURCES.length)],
              List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]),
              null));
    }
    // Syndicated copies: the same text under another source, so stories of several articles.
    int originals = articles.size();
    for (int i = 0; i < originals; i += 7) {
      Article original = articles.get(i);
      for (int k = 1; k <= 1 + random.nextInt(3); k++) {
        articles.add(
            new Article(
                original.id() + "-copy" + k,
                null,
                "Copy " + k + " of report " + i,
                original.body(),
                original.author(),
                original.date(),
                SOURCES[random.nextInt(SOURCES.length)],
                original.category(),
                null));
      }
    }
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      for (int from = 0; from < articles.size(); from += 500) {
        index.write(articles.subList(from, Math.min(articles.size(), from + 500)));
      }
      ArticleSearch search =
          new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS.withResultCacheBytes(0));
      // The stories the index gave (copies join their original's): the counts' oracle.
      Map<String, String> storyOf = new java.util.HashMap<>();
      for (Article a : articles) storyOf.put(a.id(), index.get(a.id()).orElseThrow().story());
      assertThat(new java.util.HashSet<>(storyOf.values()).size()).isLessThan(articles.size());
      int large = 0;
      int collapsedSearches = 0;
      for (int round = 0; round < 60; round++) {
        String marker = MARKERS[random.nextInt(MARKERS.length)];
        // A third of the searches a phrase (a filler word, then the marker).
        String phrase =
            random.nextInt(3) == 0 ? FILLER[random.nextInt(FILLER.length)] + " " + marker : null;
        String q = phrase == null ? marker : "\"" + phrase + "\"";
        String mustHold = phrase == null ? marker : phrase;
        String sort = List.of("relevance", "newest", "oldest").get(random.nextInt(3));
        String size = Integer.toString(1 + random.nextInt(20));
        String source = random.nextInt(3) == 0 ? SOURCES[random.nextInt(SOURCES.length)] : null;
        boolean collapsed = random.nextBoolean();
        List<String> params = new ArrayList<>(List.of("q", q, "sort", sort, "size", size));
        if (source != null) params.addAll(List.of("source", source));
        if (collapsed) params.addAll(List.of("collapse", "story"));
        String what = params + " (seed " + seed + ")";

        List<String> withFacets = new ArrayList<>(params);
        withFacets.addAll(List.of("facets", "true", "snippets", "false"));
        SearchResponse counted = search.search(request(withFacets.toArray(String[]::new)));
        List<String> without = new ArrayList<>(params);
        without.addAll(List.of("facets", "false", "snippets", "false"));
        SearchResponse bare = search.search(request(without.toArray(String[]::new)));
        assertThat(counted.hits()).as(what).isEqualTo(bare.hits());

        Map<String, Map<String, Long>> expected = new TreeMap<>();
        long matching = 0;
        java.util.Set<String> stories = new java.util.HashSet<>();
        for (Article a : articles) {
          if (!a.body().contains(mustHold)) continue;
          // A source filter leaves the source's own counts over the other filters: all sources.
          if (source == null || source.equals(a.source())) {
            matching++;
            stories.add(storyOf.get(a.id()));
            for (String author : a.author()) count(expected, "author", author);
            count(expected, "category", a.category().get(0));
            count(expected, "year", Integer.toString(a.date().year()));
          }
          count(expected, "source", a.source());
        }
        if (matching > ArticleSearch.EXACT_TOTAL_UP_TO) large++;
        if (collapsed) {
          collapsedSearches++;
          assertThat(counted.total()).as("stories, " + what).isEqualTo(stories.size());
          assertThat(counted.totalArticles()).as("articles, " + what).isEqualTo(matching);
        } else {
          assertThat(counted.total()).as(what).isEqualTo(matching);
        }
        assertThat(counted.totalRelation()).as(what).isEqualTo("eq");
        for (String field : SearchRequest.DEFAULT_FACETS) {
          Map<String, Long> got = new TreeMap<>();
          for (SearchResponse.FacetValue v : counted.facets().get(field)) {
            got.put(v.value(), v.count());
          }
          assertThat(got)
              .as(field + " counts for " + what)
              .isEqualTo(expected.getOrDefault(field, Map.of()));
        }
      }
      assertThat(large).as("searches past the exact-count bound (seed " + seed + ")").isPositive();
      assertThat(collapsedSearches).as("collapsed searches (seed " + seed + ")").isPositive();
    }
  }

  private static void count(Map<String, Map<String, Long>> counts, String field, String value) {
    counts.computeIfAbsent(field, f -> new TreeMap<>()).merge(value, 1L, Long::sum);
  }
}
