package dev.byline.search;

import dev.byline.article.Article;
import dev.byline.article.DateParser;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Articles of our own for search tests, and what a search-box query finds among them. */
final class SmallArchive {
  private SmallArchive() {}

  /** An article with only an id, a title, a body and a date (1 January 1961). */
  static Article article(String id, String title, String body) {
    return new Article(
        id, null, title, body, List.of(), DateParser.parse("1961-01-01"), null, List.of(), null);
  }

  /**
   * {@code n} articles on something else ("other0"...), so that the words of a test's own are rare,
   * as words are in an archive.
   */
  static List<Article> otherNews(int n) {
    List<Article> out = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          article("other" + i, "Ferry timetable " + i, "Boats leave the quay at " + i + " past."));
    }
    return out;
  }

  /** The ids of the articles {@code q}, typed in the search box, finds on the first page. */
  static List<String> ids(ArticleSearch search, String q) throws IOException {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(q));
    return search.search(SearchRequest.fromParams(params)).hits().stream()
        .map(SearchResponse.Hit::id)
        .toList();
  }
}
