package dev.byline.search;

import dev.byline.index.Schema;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Freshness: multiplies relevance by {@code 0.5 + 0.5 · 2^(-age / halfLife)}, so an article
 * published now counts fully, one a half-life old three quarters, and very old (or undated) ones
 * half. Relevance still decides between articles of the same age.
 */
final class RecencyBoost extends DoubleValuesSource {
  private final long nowMillis;
  private final double halfLifeMillis;

  private RecencyBoost(long nowMillis, Duration halfLife) {
    this.nowMillis = nowMillis;
    this.halfLifeMillis = halfLife.toMillis();
  }

  static Query apply(Query query, long nowMillis, Duration halfLife) {
    return FunctionScoreQuery.boostByValue(query, new RecencyBoost(nowMillis, halfLife));
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    NumericDocValues dates = DocValues.getNumeric(ctx.reader(), Schema.DATE);
    return new DoubleValues() {
      private double value;

      @Override
      public double doubleValue() {
        return value;
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        value = 0.5;
        if (dates.advanceExact(doc)) {
          double age = Math.max(0, nowMillis - dates.longValue());
          value = 0.5 + 0.5 * Math.pow(2, -age / halfLifeMillis);
        }
        return true;
      }
    };
  }

  @Override
  public boolean needsScores() {
    return false;
  }

  @Override
  public DoubleValuesSource rewrite(IndexSearcher searcher) {
    return this;
  }

  @Override
  public boolean isCacheable(LeafReaderContext ctx) {
    return DocValues.isCacheable(ctx, Schema.DATE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecencyBoost r
        && r.nowMillis == nowMillis
        && r.halfLifeMillis == halfLifeMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nowMillis, halfLifeMillis);
  }

  @Override
  public String toString() {
    return "recency(halfLife=" + Duration.ofMillis((long) halfLifeMillis) + ")";
  }
}
