package dev.byline.search;

import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.FilterWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

/**
 * A query that only adds to the score: it matches and scores as the query it wraps, but reports no
 * matches to the highlighter. The proximity boosts are sloppy phrases, whose matches span from
 * their first word to their last: snippets marked "income. The tax" and "civil and political
 * rights" as one, across a sentence end and over words nobody typed. The words themselves are
 * marked by the query's other clauses; a phrase typed in quotes is not wrapped, and is marked
 * whole.
 */
final class ScoreOnly extends Query {
  private final Query inner;

  ScoreOnly(Query inner) {
    this.inner = inner;
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // Lucene's contract: the same query when nothing changed
  public Query rewrite(IndexSearcher searcher) throws IOException {
    Query rewritten = inner.rewrite(searcher);
    return rewritten == inner ? this : new ScoreOnly(rewritten);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    return new FilterWeight(this, inner.createWeight(searcher, scoreMode, boost)) {
      @Override
      public Matches matches(LeafReaderContext context, int doc) {
        return null;
      }
    };
  }

  @Override
  public void visit(QueryVisitor visitor) {
    inner.visit(visitor.getSubVisitor(BooleanClause.Occur.SHOULD, this));
  }

  @Override
  public String toString(String field) {
    return "scoreOnly(" + inner.toString(field) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return sameClassAs(o) && o instanceof ScoreOnly other && inner.equals(other.inner);
  }

  @Override
  public int hashCode() {
    return 31 * classHash() + inner.hashCode();
  }
}
