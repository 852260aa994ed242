package dev.byline.search;

import dev.byline.index.ArticleSearcher;
import dev.byline.index.FacetOrdinals;
import dev.byline.index.Schema;
import dev.byline.search.SearchResponse.FacetValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * What the pass over every match counts: the requested fields the request does not filter on
   * (a filtered field is counted sideways, over other matches, by {@link #count}).
   */
  FacetTally tally(ArticleSearcher view, SearchRequest request) {
    List<FacetOrdinals> fields = new ArrayList<>();
    for (String field : request.facetFields()) {
      if (!filtered(request, field)) fields.add(ordinals(view, field));
    }
    return new FacetTally(fields);
  }

  /**
   * Facet counts over all matches ({@code counted}: what {@link #tally}'s pass found). A field the
   * request filters on is counted "sideways": over the matches of every other filter but its own,
   * so its other values stay visible and can be added (OR within a field).
   */
  Map<String, List<FacetValue>> count(
      ArticleSearcher view,
      IndexSearcher searcher,
      SearchRequest request,
      Sideways sideways,
      FacetTally.Counts counted)
      throws IOException {
    Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
    for (String field : request.facetFields()) {
      FacetOrdinals ordinals = ordinals(view, field);
      int[] counts = counted.of(field);
      if (counts == null) {
        String filterField = field.equals(Schema.YEAR) ? Schema.DATE : field;
        Query others = sideways.under(queries.filter(request, filterField));
        counts = searcher.search(others, new FacetTally(List.of(ordinals))).of(field);
      }
      boolean histogram = field.equals(Schema.YEAR);
      List<FacetValue> values = new ArrayList<>();
      for (int ord : histogram ? nonZero(counts) : top(counts, FACET_SIZE)) {
        values.add(new FacetValue(ordinals.value(ord).utf8ToString(), counts[ord]));
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

  private static boolean filtered(SearchRequest request, String field) {
    return switch (field) {
      case Schema.AUTHOR -> !request.authors().isEmpty();
      case Schema.SOURCE -> !request.sources().isEmpty();
      case Schema.CATEGORY -> !request.categories().isEmpty();
      case Schema.STORY -> !request.stories().isEmpty();
      default -> request.from() != null || request.to() != null;
    };
  }

  private static FacetOrdinals ordinals(ArticleSearcher view, String field) {
    // The story numbering is the collapsing's (built on first use per view, as few requests
    // ask for the story facet and only collapsed ones need the rest of it).
    return field.equals(Schema.STORY)
        ? view.attachment(
                StoryCollapse.Ordinals.class, v -> new StoryCollapse.Ordinals(v.getIndexReader()))
            .stories()
        : view.facetOrdinals(field);
  }

  /** The ordinals counted at least once, in order. */
  private static int[] nonZero(int[] counts) {
    int n = 0;
    for (int c : counts) if (c > 0) n++;
    int[] ords = new int[n];
    n = 0;
    for (int o = 0; o < counts.length; o++) if (counts[o] > 0) ords[n++] = o;
    return ords;
  }

  /**
   * The ordinals of the {@code k} largest non-zero counts; of equal counts the smaller ordinal
   * (the value first in byte order), as Lucene's facet counts pick them.
   */
  static int[] top(int[] counts, int k) {
    // A min-heap of the best k so far, worst at the root: fewer counts or, equal, later ordinal.
    int[] heap = new int[k];
    int size = 0;
    for (int o = 0; o < counts.length; o++) {
      int c = counts[o];
      if (c == 0) continue;
      if (size < k) {
        heap[size] = o;
        up(heap, counts, size++);
      } else if (c > counts[heap[0]]) { // a later ordinal wins only on a larger count
        heap[0] = o;
        down(heap, counts, size);
      }
    }
    return java.util.Arrays.copyOf(heap, size);
  }

  private static boolean worse(int[] counts, int a, int b) {
    return counts[a] < counts[b] || (counts[a] == counts[b] && a > b);
  }

  private static void up(int[] heap, int[] counts, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(counts, heap[i], heap[parent])) return;
      int t = heap[i];
      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
  }

  private static void down(int[] heap, int[] counts, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int w = i;
      if (l < size && worse(counts, heap[l], heap[w])) w = l;
      if (r < size && worse(counts, heap[r], heap[w])) w = r;
      if (w == i) return;
      int t = heap[i];
      heap[i] = heap[w];
      heap[w] = t;
      i = w;
    }
  }
}
