package dev.byline.search;

import static dev.byline.search.SmallArchive.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What snippets mark: the words typed (in any form), and a phrase typed in quotes whole; never the
 * words between two typed words that the proximity boosts found near each other ("income. The
 * tax" was one mark, across a sentence end).
 */
class SnippetMarksTest {
  @TempDir static Path dir;
  private static ArticleIndex index;
  private static ArticleSearch search;

  @BeforeAll
  static void load() throws IOException {
    index = ArticleIndex.open(dir.resolve("index"));
    List<Article> articles = new ArrayList<>(SmallArchive.otherNews(20));
    articles.add(
        article(
            "debate",
            "A long debate",
            "They argued about income. The tax was raised later, after a debate on civil and"
                + " political rights."));
    index.write(articles);
    search = new ArticleSearch(index);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static List<String> marks(String q) throws IOException {
    SearchResponse r = search.search(SearchRequest.fromParams(Map.of("q", List.of(q))));
    List<String> out = new ArrayList<>();
    for (SearchResponse.Hit hit : r.hits()) {
      for (String snippet : hit.snippets()) {
        Matcher m = MARK.matcher(snippet);
        while (m.find()) out.add(m.group(1));
      }
    }
    return out;
  }

  private static final Pattern MARK = Pattern.compile("<mark>(.*?)</mark>");

  @Test
  void words_found_near_each_other_are_marked_one_by_one() throws IOException {
    assertThat(marks("income tax")).containsExactlyInAnyOrder("income", "tax");
    assertThat(marks("civil rights")).containsExactlyInAnyOrder("civil", "rights");
  }

  @Test
  void a_phrase_typed_in_quotes_is_marked_whole() throws IOException {
    assertThat(marks("\"political rights\"")).containsExactly("political rights");
  }
}
