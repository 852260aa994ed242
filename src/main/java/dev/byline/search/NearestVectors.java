package dev.byline.search;

import dev.byline.index.Schema;
import java.io.IOException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RescoreTopNQuery;

/** The articles nearest to a vector, as semantic search, hybrid search and related articles ask. */
final class NearestVectors {
  private NearestVectors() {}

  /**
   * The {@code k} articles nearest to {@code target}, by their vectors in {@code field} (one
   * model's, see {@link Schema#vectorField}), among those {@code filter} lets through (null:
   * all), as a rewritten query scored by similarity: the HNSW graph is walked over the quantized
   * vectors for {@code candidates} articles, which are then scored again with the full floats
   * ({@link ExactDotProduct}: the fields' similarity is {@code DOT_PRODUCT}).
   * Matches nothing when no article with a vector passes the filter.
   */
  static Query of(
      IndexSearcher searcher, String field, float[] target, int candidates, Query filter, int k)
      throws IOException {
    // The walk runs here, at rewrite. Lucene's rescorer fails on an empty list (10.6: an index
    // out of bounds), which a filter no article passes gives: then there is nothing to rescore.
    Query walked = searcher.rewrite(new KnnFloatVectorQuery(field, target, candidates, filter));
    if (searcher.count(walked) == 0) return new MatchNoDocsQuery("no vector passes the filters");
    // Rescored with a dot product that gives the same bits on every call (ExactDotProduct says
    // why Lucene's does not while the JIT compiles it): pages and cursors need one order.
    return searcher.rewrite(new RescoreTopNQuery(walked, new ExactDotProduct(target, field), k));
  }
}
