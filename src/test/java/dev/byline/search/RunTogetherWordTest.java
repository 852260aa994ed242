package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
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

  private static Article article(String id, String title, String body) {
    return new Article(
        id, null, title, body, List.of(), DateParser.parse("1961-01-01"), null, List.of(), null);
  }

  @BeforeAll
  static void load() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"));
    List<Article> articles = new ArrayList<>();
    articles.add(article("hyphen", "A letter from abroad", "He sailed for New-York in May."));
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
    // Other news, so that the words above are rare, as words are in an archive.
    for (int i = 0; i < 30; i++) {
      articles.add(
          article("other" + i, "Ferry timetable " + i, "Boats leave the quay at " + i + " past."));
    }
    index.write(articles);
    search = new ArticleSearch(index);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static List<String> ids(String q) throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(q));
    return search.search(SearchRequest.fromParams(params)).hits().stream()
        .map(SearchResponse.Hit::id)
        .toList();
  }

  @Test
  void a_word_typed_run_together_finds_it_written_as_two_words_too() throws IOException {
    assertThat(ids("newyork"))
        .containsExactlyInAnyOrder("hyphen", "city0", "city1", "city2", "city3");
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

  @Test
  void the_word_as_typed_still_finds_the_article_holding_it_joined() throws IOException {
    assertThat(ids("new-york")).contains("hyphen", "city0");
    assertThat(ids("new york")).contains("hyphen", "city0");
  }
}
