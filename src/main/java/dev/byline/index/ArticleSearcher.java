package dev.byline.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;

/**
 * One point-in-time view of the index, with the state that is derived from that view and so is
 * built once per refresh instead of once per request: the facet ordinal maps, and whatever the
 * search layer attaches (its highlighters).
 */
public final class ArticleSearcher extends IndexSearcher {
  /** Fields counted as facets; each has sorted-set doc values (see {@link Schema}). */
  public static final java.util.List<String> FACET_FIELDS =
      java.util.List.of(Schema.AUTHOR, Schema.SOURCE, Schema.CATEGORY, Schema.YEAR);

  private final Map<String, FacetOrdinals> facetStates;
  private final Map<Class<?>, Object> attachments = new ConcurrentHashMap<>();

  /**
   * A view of {@code reader}; the facet fields' values per document come from {@code ordinals}
   * (read into it for the segments it does not hold yet).
   */
  ArticleSearcher(IndexReader reader, SegmentOrdinalsCache ordinals) throws IOException {
    super(reader);
    Map<String, FacetOrdinals> states = new ConcurrentHashMap<>();
    for (String field : FACET_FIELDS) {
      // Built here, in the refresh thread: merging per-segment ordinals is the expensive part
      // of string faceting and must not happen inside a request.
      states.put(field, FacetOrdinals.of(reader, field, ordinals));
    }
    this.facetStates = Map.copyOf(states);
  }

  /**
   * A searcher over the same view for one request, stopped by {@code deadline}: Lucene's timeout
   * is a property of the searcher, and this view is shared by every request, so each request
   * searches through its own light copy (it shares the reader, similarity and query cache).
   */
  public IndexSearcher within(SearchDeadline deadline) {
    return timed(new IndexSearcher(timedReader(deadline)), deadline);
  }

  /**
   * This view's reader with its word positions read under {@code deadline} ({@link
   * DeadlineReader}): Lucene's own timeout is asked only between documents.
   */
  private IndexReader timedReader(SearchDeadline deadline) {
    if (!(getIndexReader() instanceof org.apache.lucene.index.DirectoryReader directory))
      return getIndexReader();
    try {
      return DeadlineReader.wrap(directory, deadline);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // wrapping reads nothing
    }
  }

  /** {@code timed} set up as this view's, stopped by {@code deadline}. */
  private IndexSearcher timed(IndexSearcher timed, SearchDeadline deadline) {
    timed.setSimilarity(getSimilarity());
    timed.setQueryCache(getQueryCache());
    timed.setQueryCachingPolicy(getQueryCachingPolicy());
    timed.setTimeout(deadline);
    return timed;
  }

  /**
   * As {@link #within}, for a search whose matches are collected on {@code threads} threads (the
   * caller and {@code executor}'s): the view's documents are cut into that many slices of about
   * equal size, a large segment into ranges of its documents. Only for collectors whose answer
   * does not depend on the order in which slices are collected (counts, sums).
   */
  public IndexSearcher within(
      SearchDeadline deadline, java.util.concurrent.Executor executor, int threads) {
    return timed(splitting(timedReader(deadline), executor, threads), deadline);
  }

  /**
   * A searcher of {@code reader} that collects on {@code threads} threads: {@code reader}'s
   * documents cut into that many slices of about equal size (a large segment into ranges of its
   * documents), run on {@code executor} and the caller.
   */
  public static IndexSearcher splitting(
      IndexReader reader, java.util.concurrent.Executor executor, int threads) {
    int perSlice = Math.max(1, (reader.maxDoc() + threads - 1) / threads);
    return new IndexSearcher(reader, executor) {
      @Override
      protected LeafSlice[] slices(
          java.util.List<org.apache.lucene.index.LeafReaderContext> leaves) {
        return slices(leaves, perSlice, Integer.MAX_VALUE, true);
      }
    };
  }

  /** The view-wide ordinals of one of {@link #FACET_FIELDS}. */
  public FacetOrdinals facetOrdinals(String field) {
    FacetOrdinals state = facetStates.get(field);
    if (state == null) {
      throw new IllegalArgumentException("not a facet field: " + field);
    }
    return state;
  }

  /**
   * Per-view state of another layer, built on first use and shared by every request on this view.
   * {@code build} must be thread-safe to call and return a thread-safe object.
   */
  public <T> T attachment(Class<T> type, Function<ArticleSearcher, T> build) {
    return type.cast(attachments.computeIfAbsent(type, t -> build.apply(this)));
  }
}
