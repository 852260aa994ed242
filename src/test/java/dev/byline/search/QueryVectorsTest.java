package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byline.embed.StubEmbedder;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Query vectors are computed once per distinct query (paging or a facet click does not run the
 * model again), come back as the model made them, and a failure is thrown as the model threw it
 * and is not kept: the next request tries again.
 */
class QueryVectorsTest {
  /** Counts queries; fails while {@code broken}. */
  static final class CountingEmbedder extends StubEmbedder {
    CountingEmbedder() {
      super("counting", 2);
    }

    final AtomicInteger queries = new AtomicInteger();
    final AtomicBoolean broken = new AtomicBoolean();

    @Override
    public float[] embedQuery(String query) {
      queries.incrementAndGet();
      if (broken.get()) throw new IllegalStateException("model down");
      return new float[] {query.length(), 1};
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void a_repeated_query_is_embedded_once_and_a_failure_is_not_kept() {
    CountingEmbedder model = new CountingEmbedder();
    QueryVectors vectors = new QueryVectors(model);
    assertThat(QueryVectors.await(vectors.of("housing costs"))).containsExactly(13f, 1f);
    assertThat(QueryVectors.await(vectors.of("housing costs"))).containsExactly(13f, 1f);
    assertThat(model.queries.get()).isEqualTo(1);
    assertThat(QueryVectors.await(vectors.of("rents"))).containsExactly(5f, 1f);
    assertThat(model.queries.get()).isEqualTo(2);

    model.broken.set(true);
    assertThatThrownBy(() -> QueryVectors.await(vectors.of("mortgage rates")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("model down");
    model.broken.set(false);
    assertThat(QueryVectors.await(vectors.of("mortgage rates"))).containsExactly(14f, 1f);
    assertThat(model.queries.get()).isEqualTo(4);
  }

  /**
   * Caffeine drops a failed future from a completion callback that can run after the caller saw
   * the failure; the very next request must still run the model again, every time.
   */
  @Test
  void the_request_right_after_a_failure_always_tries_again() {
    CountingEmbedder model = new CountingEmbedder();
    QueryVectors vectors = new QueryVectors(model);
    for (int i = 0; i < 2_000; i++) {
      String query = "query " + i;
      model.broken.set(true);
      assertThatThrownBy(() -> QueryVectors.await(vectors.of(query)))
          .isInstanceOf(IllegalStateException.class);
      model.broken.set(false);
      assertThat(QueryVectors.await(vectors.of(query))).containsExactly(query.length(), 1f);
    }
    assertThat(model.queries.get()).isEqualTo(4_000);
  }
}
