package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import dev.byline.search.ArticleSearch;
import dev.byline.search.RelatedArticles;
import dev.byline.search.SearchRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Handler for {@code GET /api/search}. */
final class SearchApi {
  private final ArticleSearch search;
  private final RelatedArticles related;

  SearchApi(ArticleSearch search, RelatedArticles related) {
    this.search = search;
    this.related = related;
  }

  /** {@code GET /api/articles/{id}/related?size=5}. */
  void related(Context ctx) throws IOException {
    String sizeText = ctx.queryParam("size");
    int size = RelatedArticles.DEFAULT_SIZE;
    if (sizeText != null && !sizeText.isBlank()) {
      try {
        size = Integer.parseInt(sizeText.strip());
      } catch (NumberFormatException e) {
        throw new InvalidRequestException("invalid_parameter", "size='" + sizeText + "' is not a whole number");
      }
    }
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
