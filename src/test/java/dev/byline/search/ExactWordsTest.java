package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name is not lost among the words it stems with: "Mays" and "may", "Maris" and "Mary" share a
 * Porter stem, and an archive holds the common word in far more articles, and more often in each.
 * In a short query the word as typed ranks the articles holding it first.
 */
class ExactWordsTest {
  @TempDir Path dir;

  private static Article article(String id, String title, String body) {
    return new Article(id, null, title, body, List.of(), null, null, List.of(), null);
  }

  private static List<String> ids(ArticleSearch search, String q) throws IOException {
    List<String> ids = new ArrayList<>();
    for (SearchResponse.Hit hit :
        search.search(SearchRequest.fromParams(Map.of("q", List.of(q)))).hits()) {
      ids.add(hit.id());
    }
    return ids;
  }

  @Test
  void a_name_ranks_above_the_commoner_word_it_stems_with() throws IOException {
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      List<Article> articles = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        articles.add(
            article(
                "may-" + i,
                "Rules that may change in May",
                "The council may vote in May. It may also wait, as it may do every year, note "
                    + i
                    + "."));
        articles.add(
            article(
                "mary-" + i,
                "Mary and the garden",
                "Mary planted roses. Mary watered them, and Mary's neighbours came to see, note "
                    + i
                    + "."));
      }
      articles.add(
          article(
              "mays",
              "Giants win at home",
              "The Giants beat the Cardinals four to two on Sunday afternoon in front of a full"
                  + " stadium. Willie Mays hit a home run in the seventh inning, and the crowd"
                  + " stayed to the end."));
      articles.add(
          article(
              "maris",
              "Yankees take the series",
              "The Yankees took the series with a win on Saturday evening. Roger Maris drove in"
                  + " two runs, and the pitching held the visitors to four hits over nine"
                  + " innings."));
      index.write(articles);
      ArticleSearch search = new ArticleSearch(index);

      assertThat(ids(search, "mays")).first().isEqualTo("mays");
      assertThat(ids(search, "maris")).first().isEqualTo("maris");
      assertThat(ids(search, "roger maris")).first().isEqualTo("maris");
      // The stem still finds the other forms: the word as typed only ranks.
      assertThat(ids(search, "mays")).hasSize(10);
      assertThat(ids(search, "may")).first().asString().startsWith("may-");
    }
  }
}
