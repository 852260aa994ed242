package dev.byline.index;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work that answers requests (searches, article look-ups, writes and deletes), counted as it
 * begins and ends, so that background work (the embedding pipeline) can stand aside while it runs:
 * on a machine with few cores, a search or a write that has to share them with the model waits for
 * it. {@link ArticleIndex} owns the one instance and counts every read and write made through it;
 * the pipeline only asks.
 */
final class ForegroundRequests {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long lastEndNanos = System.nanoTime() - Long.MAX_VALUE / 4;

  void begin() {
    inFlight.incrementAndGet();
  }

  void end() {
    lastEndNanos = System.nanoTime();
    inFlight.decrementAndGet();
  }

  /** Whether no request runs now and none ended in the last {@code nanos}. */
  boolean quietFor(long nanos) {
    return inFlight.get() == 0 && System.nanoTime() - lastEndNanos >= nanos;
  }
}
