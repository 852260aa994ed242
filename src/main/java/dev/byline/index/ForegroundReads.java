package dev.byline.index;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reads that answer requests (searches, article look-ups), counted as they begin and end, so
 * that background work (the embedding pipeline) can stand aside while they run: on a machine with
 * few cores, a search that has to share them with the model waits for it. {@link ArticleIndex}
 * owns the one instance and counts every read made through it; the pipeline only asks.
 */
final class ForegroundReads {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastEndNanos = System.nanoTime() - Long.MAX_VALUE / 4;

  void begin() {
    inFlight.incrementAndGet();
  }

  void end() {
    lastEndNanos = System.nanoTime();
    inFlight.decrementAndGet();
  }

  /** Whether no read runs now and none ended in the last {@code nanos}. */
  boolean quietFor(long nanos) {
    return inFlight.get() == 0 && System.nanoTime() - lastEndNanos >= nanos;
  }
}
