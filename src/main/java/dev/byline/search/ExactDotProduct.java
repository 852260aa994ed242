package dev.byline.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * The similarity of each article's full-precision vector to a target, scored as Lucene scores
 * {@code DOT_PRODUCT} ({@code max((1 + dot) / 2, 0)}), with the dot product summed in one fixed
 * order in doubles: the same bits on every call.
 *
 * <p>Why not Lucene's own rescoring source: its dot product (the Panama Vector API) sums the lanes
 * in another order once the JIT has compiled it than before, so the same article's score can
 * change in its last bits between two searches while the JVM warms up (measured: 23–32 of 49
 * dot products of 64 and 384 dimensions changed). Two neighbours tied to within those bits then
 * swapped places between a page and the next one's cursor (the CI failures of
 * VectorPagingTest). A hundred or so candidates of 384 dimensions cost microseconds this way.
 */
final class ExactDotProduct extends DoubleValuesSource {
  private final float[] target;
  private final String field;

  ExactDotProduct(float[] target, String field) {
    this.target = target.clone();
    this.field = field;
  }

  /** {@code max((1 + a·b) / 2, 0)}, the dot product summed from the first dimension on. */
  static double score(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += (double) a[i] * b[i];
    return Math.max((1 + dot) / 2, 0);
  }

  @Override
  public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
    FloatVectorValues values = ctx.reader().getFloatVectorValues(field);
    if (values == null) return DoubleValues.EMPTY;
    if (values.dimension() != target.length)
      throw new IllegalArgumentException(
          "the query vector has " + target.length + " dimensions, the field " + values.dimension());
    KnnVectorValues.DocIndexIterator it = values.iterator();
    return new DoubleValues() {
      @Override
      public double doubleValue() throws IOException {
        return score(target, values.vectorValue(it.index()));
      }

      @Override
      public boolean advanceExact(int doc) throws IOException {
        return doc >= it.docID() && (it.docID() == doc || it.advance(doc) == doc);
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
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExactDotProduct other
        && field.equals(other.field)
        && Arrays.equals(target, other.target);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, Arrays.hashCode(target));
  }

  @Override
  public String toString() {
    return "ExactDotProduct(" + field + ")";
  }
}
