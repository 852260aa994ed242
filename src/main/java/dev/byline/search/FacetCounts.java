package dev.byline.search;

import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import dev.byline.search.SearchResponse.FacetValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * The facet counts of a search: the top authors, sources and categories and every year (or the
 * fields the request names, {@code story} among them), over all matches. Thread-safe; one
 * instance serves all requests.
 */
final class FacetCounts {
  /** Values returned per facet (the year histogram returns every year). */
  static final int FACET_SIZE = 10;

  private final QueryBuilder queries;

  /**
   * The story field's ordinals across a view's segments: built on the first request that asks
   * for the story facet, not at every refresh as the default facets' are (few requests ask).
   */
  private static final class StoryFacet {
    final StringDocValuesReaderState state;

    StoryFacet(ArticleSearcher view) {
      try {
        state = new StringDocValuesReaderState(view.getIndexReader(), Schema.STORY);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * The matches a field filtered on is counted over: the request's search with {@code others}
   * (the filters of every other field, null when there are none) in place of its filters. In
   * keyword mode that is the text query restricted by {@code others}; in semantic and hybrid mode
   * the lists are searched again under {@code others}, since their hits depend on the filter.
   */
  @FunctionalInterface
  interface Sideways {
    Query under(Query others) throws IOException;

    /** The keyword form: every match of {@code scored} that {@code others} lets through. */
    static Sideways restricting(Query scored) {
      return others ->
          others == null
              ? scored
              : new BooleanQuery.Builder()
                  .add(scored, Occur.MUST)
                  .add(others, Occur.FILTER)
                  .build();
    }
  }

  FacetCounts(QueryBuilder queries) {
    this.queries = queries;
  }

  /**
   * Facet counts over all matches. A field the request filters on is counted "sideways": over the
   * matches of every other filter but its own, so its other values stay visible and can be added
   * (OR within a field).
   */
  Map<String, List<FacetValue>> count(
      ArticleSearcher view,
      IndexSearcher searcher,
      SearchRequest request,
      Sideways sideways,
      FacetsCollector matches)
      throws IOException {
    Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
    for (String field : request.facetFields()) {
      String filterField = field.equals(Schema.YEAR) ? Schema.DATE : field;
      boolean filtered =
          switch (field) {
            case Schema.AUTHOR -> !request.authors().isEmpty();
            case Schema.SOURCE -> !request.sources().isEmpty();
            case Schema.CATEGORY -> !request.categories().isEmpty();
            case Schema.STORY -> !request.stories().isEmpty();
            default -> request.from() != null || request.to() != null;
          };
      FacetsCollector over = matches;
      if (filtered) {
        over =
            searcher.search(
                sideways.under(queries.filter(request, filterField)), new FacetsCollectorManager());
      }
      StringDocValuesReaderState state =
          field.equals(Schema.STORY)
              ? view.attachment(StoryFacet.class, StoryFacet::new).state
              : view.facetState(field);
      StringValueFacetCounts counts = new StringValueFacetCounts(state, over);
      boolean histogram = field.equals(Schema.YEAR);
      FacetResult result =
          histogram ? counts.getAllChildren(field) : counts.getTopChildren(FACET_SIZE, field);
      List<FacetValue> values = new ArrayList<>();
      if (result != null) {
        for (LabelAndValue lv : result.labelValues) {
          values.add(new FacetValue(lv.label, lv.value.longValue()));
        }
      }
      if (histogram) {
        values.sort(Comparator.comparing(FacetValue::value));
      } else {
        // Most frequent first; equal counts alphabetically, so the order is stable.
        values.sort(
            Comparator.comparingLong(FacetValue::count)
                .reversed()
                .thenComparing(FacetValue::value));
      }
      facets.put(field, values);
    }
    return facets;
  }
}
