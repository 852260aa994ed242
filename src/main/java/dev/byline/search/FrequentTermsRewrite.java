package dev.byline.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;

/**
 * Expands a prefix or wildcard to the {@code max} terms it matches in the most articles, matched
 * at a constant score, as Lucene, Elasticsearch and Solr match prefixes and wildcards by default:
 * the pattern says which words count, not how much each one does (the field boosts still rank a
 * title match above a body match). Scoring every expansion with BM25 cost 1.5x raw Lucene's
 * prefix query at 100k articles; rare expansions would also outrank common ones.
 *
 * <p>Lucene's own top-terms rewrites rank by boost, which is equal for every term a prefix
 * matches, and break ties by term order: {@code con*} would keep the alphabetically first terms
 * ("con", "conakry", …) and drop "congress". Readers expect the words they meant, which are the
 * frequent ones.
 */
final class FrequentTermsRewrite extends MultiTermQuery.RewriteMethod {
  private final int max;

  FrequentTermsRewrite(int max) {
    if (max < 1) throw new IllegalArgumentException("max must be at least 1");
    this.max = max;
  }

  int max() {
    return max;
  }

  @Override
  public Query rewrite(IndexSearcher searcher, MultiTermQuery query) throws IOException {
    Map<BytesRef, Integer> docFreqs = new HashMap<>();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(query.getField());
      if (terms == null) continue;
      TermsEnum matching = query.getTermsEnum(terms);
      for (BytesRef term = matching.next(); term != null; term = matching.next()) {
        docFreqs.merge(BytesRef.deepCopyOf(term), matching.docFreq(), Integer::sum);
      }
    }
    if (docFreqs.isEmpty()) return new MatchNoDocsQuery("no term matches " + query);
    // The least frequent of the kept terms on top, to be pushed out by a more frequent one;
    // equal counts keep the alphabetically first, so the choice does not depend on segments.
    PriorityQueue<Map.Entry<BytesRef, Integer>> top =
        new PriorityQueue<>(
            (a, b) -> a.getValue().equals(b.getValue())
                ? b.getKey().compareTo(a.getKey())
                : Integer.compare(a.getValue(), b.getValue()));
    for (Map.Entry<BytesRef, Integer> e : docFreqs.entrySet()) {
      top.add(e);
      if (top.size() > max) top.poll();
    }
    List<Term> kept = new ArrayList<>(top.size());
    for (Map.Entry<BytesRef, Integer> e : top) kept.add(new Term(query.getField(), e.getKey()));
    kept.sort(null); // a stable query (and cache key) whatever the queue's order
    // Plain term clauses (not a TermInSetQuery) so that the highlighter sees the terms and reads
    // their offsets from the postings.
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Term term : kept) any.add(new TermQuery(term), BooleanClause.Occur.SHOULD);
    return new ConstantScoreQuery(any.build());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrequentTermsRewrite other && other.max == max;
  }

  @Override
  public int hashCode() {
    return 31 * FrequentTermsRewrite.class.hashCode() + max;
  }
}
