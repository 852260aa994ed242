package dev.byline.search;

import java.util.List;
import java.util.Map;

/**
 * The answer to a search, in the shape the API returns (field names become snake_case in JSON).
 *
 * @param total how many articles match; with {@code collapse=story}, how many stories
 * @param totalArticles with {@code collapse=story}, how many articles match (every copy); else null
 * @param totalRelation {@code eq}, or {@code gte} when the count is a lower bound
 * @param tookMs time spent searching, highlighting and counting
 * @param hits the requested page
 * @param facets top values of author, source and category and every year, counted over all
 *     matching articles (every copy of a story, collapsed or not); empty when facets were not asked
 *     for
 * @param nextCursor where the next page starts, or null on the last page
 * @param suggestion "did you mean": a respelling of the query that finds clearly more, or null
 * @param understood a date phrase read from the query ({@code text}, {@code from}, {@code to}), or
 *     null; when that date range left no match but the words alone find some, also {@code query}
 *     (the words without the phrase) and {@code total_without_date} (what they find)
 * @param relaxed whether no article held all the words the query needs, so articles holding any
 *     of them are returned instead (simple syntax only)
 * @param timedOut whether the search hit its time limit: the hits and counts are then partial
 * @param showingResultsFor when the query as typed found nothing (or only articles holding some of
 *     its words) and "did you mean" had a respelling that finds articles holding all of them: that
 *     respelling, whose results these are (its {@code nextCursor} continues it); else null
 */
public record SearchResponse(
    long total,
    Long totalArticles,
    String totalRelation,
    long tookMs,
    List<Hit> hits,
    Map<String, List<FacetValue>> facets,
    String nextCursor,
    String suggestion,
    Map<String, Object> understood,
    boolean relaxed,
    boolean timedOut,
    String showingResultsFor) {

  /** This response, answered in {@code ms} (a cached answer's own time). */
  public SearchResponse withTook(long ms) {
    return new SearchResponse(
        total,
        totalArticles,
        totalRelation,
        ms,
        hits,
        facets,
        nextCursor,
        suggestion,
        understood,
        relaxed,
        timedOut,
        showingResultsFor);
  }

  /** This response, flagged as cut short by the time limit (a search it ran did). */
  public SearchResponse withTimedOut() {
    return new SearchResponse(
        total,
        totalArticles,
        totalRelation,
        tookMs,
        hits,
        facets,
        nextCursor,
        suggestion,
        understood,
        relaxed,
        true,
        showingResultsFor);
  }

  /** This response, saying what date phrase was understood. */
  public SearchResponse withUnderstood(Map<String, Object> said) {
    return new SearchResponse(
        total,
        totalArticles,
        totalRelation,
        tookMs,
        hits,
        facets,
        nextCursor,
        suggestion,
        said,
        relaxed,
        timedOut,
        showingResultsFor);
  }

  /** This response, the results of {@code respelling} for a query that found nothing as typed. */
  public SearchResponse asResultsFor(String respelling) {
    return new SearchResponse(
        total,
        totalArticles,
        totalRelation,
        tookMs,
        hits,
        facets,
        nextCursor,
        null,
        understood,
        relaxed,
        timedOut,
        respelling);
  }

  /**
   * One hit. {@code titleHtml} and {@code snippets} are HTML-escaped with matches in {@code
   * <mark>}; {@code score} is null when results are sorted by date.
   */
  public record Hit(
      String id,
      String title,
      String url,
      String date,
      List<String> author,
      String source,
      List<String> category,
      Story story,
      Float score,
      String titleHtml,
      List<String> snippets) {}

  /**
   * The story of a hit. {@code size} and {@code sources} are counted in a collapsed search only
   * (else null): the story's copies that match the search (the hit's included) and their distinct
   * sources, alphabetically.
   */
  public record Story(String id, Integer size, List<String> sources) {}

  /** One facet value and how many matching articles have it. */
  public record FacetValue(String value, long count) {}
}
