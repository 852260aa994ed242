package dev.byline.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads a generation's writer uses to index one large batch on several cores ({@code
 * byline-index-N}, daemon): the caller's thread takes one part of the batch and these the others,
 * so a batch uses {@link #ways} cores. Owned by one {@link IndexGeneration}; closed with it.
 */
final class BatchIndexers implements Closeable {
  private final ExecutorService threads;
  private final int ways;

  /** Threads for {@code cores} cores in all (the caller's counts as one); at least one way. */
  BatchIndexers(int cores) {
    this.ways = Math.max(1, Math.min(cores, 4)); // beyond 4, IndexWriter's flushes are the limit
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            Math.max(1, ways - 1),
            r -> {
              Thread t = new Thread(r, "byline-index-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** How many parts a batch is split into. */
  int ways() {
    return ways;
  }

  Future<?> submit(Callable<Void> part) {
    return threads.submit(part);
  }

  /**
   * Waits for every part, even after one failed (none may still be writing when the batch
   * returns), and returns the first failure: {@code failed} (the caller's own part), else the
   * first part's. Unchecked failures are thrown as they are.
   */
  static IOException join(List<Future<?>> parts, IOException failed) {
    RuntimeException unchecked = null;
    for (Future<?> part : parts) {
      try {
        part.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failed == null)
          failed = new java.io.InterruptedIOException("interrupted while indexing a batch");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io && failed == null) failed = io;
        else if (cause instanceof UncheckedIOException uio && failed == null)
          failed = uio.getCause();
        else if (cause instanceof RuntimeException re && unchecked == null) unchecked = re;
        else if (cause instanceof Error err) throw err;
      }
    }
    if (unchecked != null && failed == null) throw unchecked;
    return failed;
  }

  @Override
  public void close() {
    threads.shutdown();
  }
}
