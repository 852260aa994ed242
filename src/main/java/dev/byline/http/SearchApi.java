package dev.byline.http;

import dev.byline.config.ServerConfig;
import dev.byline.errors.InvalidRequestException;
import dev.byline.search.ArticleSearch;
import dev.byline.search.RelatedArticles;
import dev.byline.search.SearchRequest;
import dev.byline.search.SearchResponse;
import dev.byline.search.StoryView;
import dev.byline.search.Suggestions;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Handler for {@code GET /api/search}. */
final class SearchApi {
  private static final Logger SLOW = LoggerFactory.getLogger("byline.slow-query");
  private final ArticleSearch search;
  private final RelatedArticles related;
  private final Suggestions suggestions;
  private final StoryView stories;
  private final SearchSlots slots;
  private final long slowQueryMs;

  private final ServerMetrics metrics;
  private final WarmupMark warmupMark;

  SearchApi(
      ArticleSearch search,
      RelatedArticles related,
      Suggestions suggestions,
      StoryView stories,
      ServerConfig config,
      ServerMetrics metrics,
      WarmupMark warmupMark) {
    this.metrics = metrics;
    this.warmupMark = warmupMark;
    this.stories = stories;
    this.search = search;
    this.related = related;
    this.suggestions = suggestions;
    this.slots = new SearchSlots(config.limits());
    this.slowQueryMs = config.slowQueryMs();
  }

  SearchSlots slots() {
    return slots;
  }

  /** {@code GET /api/suggest?q=<typed so far>&size=8}. */
  void suggest(Context ctx) throws IOException {
    int size = intParam(ctx, "size", Suggestions.DEFAULT_SIZE);
    String q = ctx.queryParam("q");
    ctx.json(Map.of("suggestions", slots.run(ctx, turn -> suggestions.suggest(q, size))));
  }

  private static int intParam(Context ctx, String name, int fallback) {
    return QueryParams.wholeNumber(ctx, name, fallback);
  }

  /** {@code GET /api/articles/{id}/related?size=5}. */
  void related(Context ctx) throws IOException {
    int size = intParam(ctx, "size", RelatedArticles.DEFAULT_SIZE);
    String id = ctx.pathParam("id");
    ctx.json(Map.of("hits", slots.run(ctx, turn -> related.related(id, size))));
  }

  /** {@code GET /api/stories/{id}}: the story's copies, the first publication, what differs. */
  void story(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    ctx.json(slots.run(ctx, turn -> stories.story(id)));
  }

  void search(Context ctx) throws IOException {
    Map<String, List<String>> params;
    try {
      params = ctx.queryParamMap();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "invalid_parameter", "the query string is not valid URL encoding: " + e.getMessage());
    }
    SearchRequest request = SearchRequest.fromParams(params);
    SearchResponse response = slots.run(ctx, turn -> search.search(request, turn));
    // The warm-up's searches are slow on purpose, on a cold JVM: not a figure or a warning.
    if (!warmupMark.marks(ctx)) {
      metrics.searched(response.tookMs());
      if (response.tookMs() >= slowQueryMs) {
        SLOW.warn(
            "slow search {}ms{}: {}",
            response.tookMs(),
            response.timedOut() ? " (timed out)" : "",
            ctx.queryString());
      }
    }
    ctx.json(response);
  }
}
