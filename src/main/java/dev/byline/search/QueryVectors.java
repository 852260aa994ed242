package dev.byline.search;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.byline.embed.Embedder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The vectors of search queries, for semantic and hybrid search. A query is embedded off the
 * request's thread, so that a hybrid search runs its keyword side meanwhile (the model takes
 * milliseconds to tens of them per query), and its vector is kept for the next request with the
 * same words: paging, a facet clicked, another sort (the result cache only serves the very same
 * request). Requests for the same words while one is being embedded wait for that one.
 *
 * <p>The vectors returned are shared: callers must not change them. Thread-safe.
 */
final class QueryVectors {
  /** Queries whose vectors are kept: 1.5 KB each (384 floats), so about 6 MB at most. */
  static final int KEPT = 4_096;

  private final Embedder embedder;
  private final AsyncCache<String, float[]> vectors;

  QueryVectors(Embedder embedder) {
    this.embedder = embedder;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor pool = IdleEndingPool.of("byline-query-embed", threads);
    // A failed embedding is not kept (Caffeine drops failed futures, and of() makes sure).
    this.vectors = Caffeine.newBuilder().maximumSize(KEPT).executor(pool).buildAsync();
  }

  /** The query's vector, being computed or already known. */
  CompletableFuture<float[]> of(String query) {
    CompletableFuture<float[]> known = vectors.getIfPresent(query);
    if (known != null && known.isCompletedExceptionally()) {
      // Caffeine drops a failed future from a callback that may not have run yet when the
      // failure reached the caller; drop it here so the next request surely tries again.
      vectors.asMap().remove(query, known);
    }
    return vectors.get(query, this::embed);
  }

  private CompletableFuture<float[]> embed(String query, Executor executor) {
    return CompletableFuture.supplyAsync(() -> embedder.embedQuery(query), executor);
  }

  /** Waits for a vector from {@link #of}; the model's failure is thrown as it was. */
  static float[] await(CompletableFuture<float[]> vector) {
    try {
      return vector.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }
}
