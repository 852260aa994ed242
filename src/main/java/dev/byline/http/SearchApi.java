package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import dev.byline.search.ArticleSearch;
import dev.byline.search.RelatedArticles;
import dev.byline.search.Suggestions;
import dev.byline.search.SearchRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Handler for {@code GET /api/search}. */
final class SearchApi {
  private final ArticleSearch search;
  private final RelatedArticles related;
  private final Suggestions suggestions;

  SearchApi(ArticleSearch search, RelatedArticles related, Suggestions suggestions) {
    this.search = search;
    this.related = related;
    this.suggestions = suggestions;
  }

  /** {@code GET /api/suggest?q=<typed so far>&size=8}. */
  void suggest(Context ctx) throws IOException {
    int size = intParam(ctx, "size", Suggestions.DEFAULT_SIZE);
    ctx.json(Map.of("suggestions", suggestions.suggest(ctx.queryParam("q"), size)));
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String text = ctx.queryParam(name);
    if (text == null || text.isBlank()) return fallback;
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("invalid_parameter", name + "='" + text + "' is not a whole number");
    }
  }

  /** {@code GET /api/articles/{id}/related?size=5}. */
  void related(Context ctx) throws IOException {
    int size = intParam(ctx, "size", RelatedArticles.DEFAULT_SIZE);
    ctx.json(Map.of("hits", related.related(ctx.pathParam("id"), size)));
  }

  void search(Context ctx) throws IOException {
    Map<String, List<String>> params;
    try {
      params = ctx.queryParamMap();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "invalid_parameter", "the query string is not valid URL encoding: " + e.getMessage());
    }
    ctx.json(search.search(SearchRequest.fromParams(params)));
  }
}
