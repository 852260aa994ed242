package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.Test;

/**
 * The rescoring similarity: Lucene's {@code DOT_PRODUCT} score, and the same bits on every call,
 * before and after the JIT has compiled it (Lucene's own changes then: see {@link ExactDotProduct}).
 * Randomized; the seed is printed.
 */
class ExactDotProductTest {
  @Test
  void scores_as_lucene_does_and_gives_the_same_bits_before_and_after_the_jit() {
    long seed = System.nanoTime();
    System.out.println("ExactDotProductTest seed " + seed);
    Random r = new Random(seed);
    int dim = 384;
    float[][] v = new float[40][dim];
    for (float[] x : v) {
      double norm = 0;
      for (int i = 0; i < dim; i++) norm += (x[i] = (float) r.nextGaussian()) * x[i];
      for (int i = 0; i < dim; i++) x[i] = (float) (x[i] / Math.sqrt(norm)); // unit length
    }
    long[] first = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      double score = ExactDotProduct.score(v[0], v[i]);
      first[i] = Double.doubleToLongBits(score);
      assertThat(score)
          .as("seed " + seed + ", vector " + i)
          .isCloseTo(VectorSimilarityFunction.DOT_PRODUCT.compare(v[0], v[i]), within(1e-5));
    }
    double sink = 0;
    for (int k = 0; k < 300_000; k++) sink += ExactDotProduct.score(v[k % 40], v[(k + 7) % 40]);
    assertThat(sink).isNotNaN();
    for (int i = 0; i < v.length; i++)
      assertThat(Double.doubleToLongBits(ExactDotProduct.score(v[0], v[i])))
          .as("seed " + seed + ", vector " + i + " after the JIT")
          .isEqualTo(first[i]);
  }
}
