package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Handler for {@code GET /api/search}. */
final class SearchApi {
  private final ArticleSearch search;

  SearchApi(ArticleSearch search) {
    this.search = search;
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
