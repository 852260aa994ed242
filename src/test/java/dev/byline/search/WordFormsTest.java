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
 * Words typed in the search box in another form than the article wrote them, on a small archive of
 * our own: two words that name one thing, a name typed split or joined, a word with a dot inside,
 * numbers written with or without their commas, percent signs and decades.
 */
class WordFormsTest {
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
    articles.add(
        article(
            "atoms",
            "Music of the atoms",
            "The lattice vibrates in many modes at once. ".repeat(8)
                + "When you listen to the neighbouring atoms you can put on a magic hearing aid and"
                + " then the lattice sounds like an orchestra tuning up before a concert."));
    articles.add(
        article(
            "harbour",
            "Harbour council meets",
            "The quay was rebuilt in the spring and boats moor there again. ".repeat(6)
                + "At the hearing the council spoke for an hour. The fishermen asked for aid,"
                + " and more aid was promised."));
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

  private static SearchResponse find(String q) throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(q));
    return search.search(SearchRequest.fromParams(params));
  }

  private static List<String> ids(String q) throws IOException {
    return find(q).hits().stream().map(SearchResponse.Hit::id).toList();
  }

  @Test
  void two_words_typed_together_rank_the_article_holding_them_together_first() throws IOException {
    assertThat(ids("hearing aids")).containsExactly("atoms", "harbour");
  }
}
