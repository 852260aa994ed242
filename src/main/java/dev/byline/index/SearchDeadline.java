package dev.byline.index;

import org.apache.lucene.index.QueryTimeout;

/**
 * The time limit of one search request, and whether it was reached. Made per request and handed to
 * {@link ArticleSearcher#within} for the searcher that request searches with, so no state is
 * shared between requests. Thread-safe: a search may check it from several threads.
 */
public final class SearchDeadline implements QueryTimeout {
  private final long deadlineNanos;
  private volatile boolean hit;

  private SearchDeadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A deadline {@code millis} from now. */
  public static SearchDeadline in(long millis) {
    return new SearchDeadline(System.nanoTime() + millis * 1_000_000);
  }

  /** Whether the deadline was reached by a check (the answer is then partial). */
  public boolean hit() {
    return hit;
  }

  /** Whether the deadline has passed; if so, it is marked {@link #hit}. */
  @Override
  public boolean shouldExit() {
    if (System.nanoTime() - deadlineNanos > 0) {
      hit = true;
      return true;
    }
    return false;
  }
}
