package dev.byline.search;

import static dev.byline.search.SmallArchive.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A word typed run together ("newyork", "airconditioning") that a few articles hold joined (one
 * wrote "New-York") while many more write it as two words: the search box finds both, on a small
 * archive of our own.
 */
class RunTogetherWordTest {
  @TempDir static Path dir;
  private static ArticleIndex index;
  private static ArticleSearch search;

  @BeforeAll
  static void load() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"));
    List<Article> articles = new ArrayList<>();
    articles.add(article("hyphen", "A letter from abroad", "He sailed for New-York in May."));
    articles.add(article("tagged", "A photo", "A reader tagged the photo newyork online."));
    for (int i = 0; i < 4; i++) {
      articles.add(
          article("city" + i, "News of the city " + i, "The mayor of New York spoke on day " + i));
    }
    articles.add(
        article("cooling", "Summer offices", "Air-conditioning came to the offices in June."));
    for (int i = 0; i < 3; i++) {
      articles.add(
          article(
              "cooled" + i,
              "Heat wave " + i,
              "The air conditioning failed and the air conditioning men came " + i));
    }
    // Words that split into two the archive holds, but rarely side by side: no split.
    articles.add(article("carpet", "Carpet sale", "A red carpet for the hall, and a carpet."));
    articles.add(article("carpet2", "Carpet again", "The carpet was blue."));
    articles.add(article("car", "A car and a pet", "The car was new. The pet was a car pet."));
    for (int i = 0; i < 3; i++) {
      articles.add(article("pets" + i, "Pet " + i, "A pet and a car " + i));
    }
    // A stop word is no part: "therapist" never finds "the rapist".
    articles.add(article("therapist", "A therapist", "The therapist listened."));
    articles.add(article("court", "Court news", "The rapist was sentenced; the rapist appealed."));
    for (int i = 0; i < 3; i++) {
      articles.add(article("rapist" + i, "Trial " + i, "Police said the rapist fled " + i));
    }
    articles.addAll(SmallArchive.otherNews(30));
    index.write(articles);
    search = new ArticleSearch(index);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static List<String> ids(String q) throws IOException {
    return SmallArchive.ids(search, q);
  }

  @Test
  void a_word_typed_run_together_finds_it_written_as_two_words_too() throws IOException {
    assertThat(ids("newyork"))
        .containsExactlyInAnyOrder("hyphen", "tagged", "city0", "city1", "city2", "city3");
    assertThat(ids("NewYork mayor")).containsExactlyInAnyOrder("city0", "city1", "city2", "city3");
    assertThat(ids("airconditioning"))
        .containsExactlyInAnyOrder("cooling", "cooled0", "cooled1", "cooled2");
    assertThat(ids("airconditioning").subList(0, 3))
        .as("said twice, as two words")
        .containsExactlyInAnyOrder("cooled0", "cooled1", "cooled2");
  }

  @Test
  void a_word_the_archive_holds_more_often_than_its_parts_together_is_not_split()
      throws IOException {
    assertThat(ids("carpet")).containsExactlyInAnyOrder("carpet", "carpet2");
    assertThat(ids("therapist")).containsExactly("therapist");
  }

  /**
   * On random archives of few syllables (so that words split into others often, and some are
   * written run together), a word typed run together always finds every article holding it,
   * hyphenated or joined, whether or not it was split.
   */
  @Test
  void a_split_never_loses_the_articles_holding_the_word(@TempDir Path random) throws IOException {
    long seed = Long.getLong("runtogether.seed", System.nanoTime());
    System.out.println("RunTogetherWordTest seed: " + seed + " (-Druntogether.seed=" + seed + ")");
    java.util.Random r = new java.util.Random(seed);
    String[] syllables = {"ban", "cor", "dal", "fen", "gur", "hol", "mir", "nat", "pel", "tor"};
    List<String> vocabulary = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder w = new StringBuilder();
      for (int s = 0, n = 1 + r.nextInt(3); s < n; s++) w.append(syllables[r.nextInt(10)]);
      vocabulary.add(w.toString());
    }
    List<Article> articles = new ArrayList<>();
    Map<String, String> bodies = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      StringBuilder body = new StringBuilder();
      for (int w = 0, n = 3 + r.nextInt(12); w < n; w++) {
        body.append(vocabulary.get(r.nextInt(vocabulary.size())));
        // Some words written run together, as a tag or a typo would be.
        if (r.nextInt(6) == 0) body.append(vocabulary.get(r.nextInt(vocabulary.size())));
        body.append(r.nextInt(5) == 0 ? "-" : " ");
      }
      String text = body.toString().strip().replaceAll("-$", "");
      bodies.put("r" + i, text);
      articles.add(article("r" + i, "Random " + i, text));
    }
    try (ArticleIndex archive = ArticleIndex.open(random.resolve("index"))) {
      archive.write(articles);
      ArticleSearch searcher = new ArticleSearch(archive);
      for (int q = 0; q < 150; q++) {
        String word =
            vocabulary.get(r.nextInt(vocabulary.size()))
                + vocabulary.get(r.nextInt(vocabulary.size()));
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("q", List.of(r.nextBoolean() ? word : word.toUpperCase(java.util.Locale.ROOT)));
        params.put("size", List.of("100"));
        List<String> found =
            searcher.search(SearchRequest.fromParams(params)).hits().stream()
                .map(SearchResponse.Hit::id)
                .toList();
        for (Map.Entry<String, String> b : bodies.entrySet()) {
          boolean holds =
              java.util.Arrays.asList(b.getValue().replace('-', ' ').split(" ")).contains(word)
                  || java.util.Arrays.asList(b.getValue().replace("-", "").split(" "))
                      .contains(word);
          if (holds)
            assertThat(found).as("%s in %s (seed %d)", word, b.getKey(), seed).contains(b.getKey());
        }
      }
    }
  }

  @Test
  void the_word_as_typed_still_finds_the_article_holding_it_joined() throws IOException {
    assertThat(ids("new-york")).contains("hyphen", "city0");
    assertThat(ids("new york")).contains("hyphen", "city0");
  }
}
