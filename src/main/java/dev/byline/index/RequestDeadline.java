package dev.byline.index;

import org.apache.lucene.index.QueryTimeout;

/**
 * The time limit of the search running on this thread. Every {@link ArticleSearcher} checks it
 * (Lucene's {@link QueryTimeout}); searchers are shared by requests, so the deadline and whether
 * it was hit live in thread-locals, set around each search.
 */
public final class RequestDeadline implements QueryTimeout {
  static final RequestDeadline INSTANCE = new RequestDeadline();
  private static final ThreadLocal<long[]> STATE = new ThreadLocal<>(); // {deadline nanos, hit 0/1}

  private RequestDeadline() {}

  /** Starts a deadline {@code millis} from now for searches on this thread. */
  public static void start(long millis) {
    STATE.set(new long[] {System.nanoTime() + millis * 1_000_000, 0});
  }

  /** Whether the current deadline was hit (the answer is partial). */
  public static boolean hit() {
    long[] state = STATE.get();
    return state != null && state[1] == 1;
  }

  /**
   * Whether this thread's deadline has passed (and if so, marks it hit), for work outside
   * Lucene's own timeout checks, such as enumerating the terms a prefix matches.
   */
  public static boolean passed() {
    return INSTANCE.shouldExit();
  }

  /** Ends the deadline on this thread. */
  public static void clear() {
    STATE.remove();
  }

  @Override
  public boolean shouldExit() {
    long[] state = STATE.get();
    if (state == null) return false;
    if (System.nanoTime() - state[0] > 0) {
      state[1] = 1;
      return true;
    }
    return false;
  }
}
