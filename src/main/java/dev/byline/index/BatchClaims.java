package dev.byline.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out a batch's articles to the threads that write it, one id at a time, in the batch's
 * order: a thread claims the next id not yet claimed and writes every article of the batch with
 * that id, in order, so two writes of one id are never reordered, while the threads otherwise take
 * whatever is next. No thread idles while another has articles left to write: a thread that stops
 * for a while (it fell on Lucene's flush of a full indexing buffer, which takes half a second at 64
 * MB) leaves the rest of the batch to the others instead of a fixed half of it waiting for it.
 *
 * <p>Safe for concurrent {@link #claim} calls; one instance per batch.
 */
final class BatchClaims {
  private final boolean[] repeat; // an article whose id came earlier in the batch
  private final int[] nextSameId; // the next article with the same id, or -1
  private final AtomicInteger cursor = new AtomicInteger();

  /** Claims over a batch whose articles have these ids, in order. */
  BatchClaims(List<String> ids) {
    int n = ids.size();
    repeat = new boolean[n];
    nextSameId = new int[n];
    Arrays.fill(nextSameId, -1);
    Map<String, Integer> last = HashMap.newHashMap(n);
    for (int i = 0; i < n; i++) {
      Integer before = last.put(ids.get(i), i);
      if (before != null) {
        nextSameId[before] = i;
        repeat[i] = true;
      }
    }
  }

  /**
   * Claims the first unclaimed id: returns the position of its first article in the batch, or -1
   * when every id is claimed. The caller writes that article, then those {@link #nextSameId} gives.
   */
  int claim() {
    while (true) {
      int i = cursor.getAndIncrement();
      if (i >= repeat.length) return -1;
      if (!repeat[i]) return i;
    }
  }

  /** The position of the next article with the same id as the one at {@code i}, or -1. */
  int nextSameId(int i) {
    return nextSameId[i];
  }
}
