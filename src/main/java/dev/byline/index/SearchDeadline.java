package dev.byline.index;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.QueryTimeout;

/**
 * The time limit of one search request, and whether it was reached. Made per request and handed to
 * {@link ArticleSearcher#within} for the searcher that request searches with, so no state is
 * shared between requests. Thread-safe: a search may check it from several threads.
 *
 * <p>Lucene asks {@link #shouldExit} between stretches of scoring (ever longer ranges of
 * documents, from 100 on, in each segment): there the search also offers its {@link SearchTurn} to
 * searches waiting for one. The time limit counts the time the search runs, not the time it waits
 * to get its turn back, so sharing the cores never makes a search time out.
 */
public final class SearchDeadline implements QueryTimeout {
  private final SearchTurn turn;
  private final AtomicLong deadlineNanos;
  private volatile boolean hit;

  private SearchDeadline(long deadlineNanos, SearchTurn turn) {
    this.deadlineNanos = new AtomicLong(deadlineNanos);
    this.turn = turn;
  }

  /** A deadline {@code millis} from now, for a search whose turn is never offered. */
  public static SearchDeadline in(long millis) {
    return in(millis, SearchTurn.KEPT);
  }

  /** A deadline {@code millis} of running from now, for a search holding {@code turn}. */
  public static SearchDeadline in(long millis, SearchTurn turn) {
    return new SearchDeadline(System.nanoTime() + millis * 1_000_000, turn);
  }

  /**
   * Thrown where a search cannot stop between documents and has passed its deadline: inside one
   * document's word positions ({@link DeadlineReader}). The search has no partial answer then.
   */
  public static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded() {
      super("the search passed its time limit", null, false, false);
    }
  }

  /** Whether the deadline was reached by a check (the answer is then partial). */
  public boolean hit() {
    return hit;
  }

  /**
   * A point between two steps of a search where it may let waiting searches run (see {@link
   * SearchTurn#offer}); false if the turn could not be taken back, and the deadline is then
   * marked {@link #hit}: the search must stop.
   */
  public boolean checkpoint() {
    long waited = turn.offer();
    if (waited < 0) {
      hit = true;
      return false;
    }
    if (waited > 0) deadlineNanos.addAndGet(waited);
    return true;
  }

  /** An idle turn for this search's second thread, or null (see {@link SearchTurn#borrowIdle}). */
  public SearchTurn.Loan borrowIdle() {
    return turn.borrowIdle();
  }

  /**
   * Whether the search must stop: its turn could not be taken back at this {@link #checkpoint},
   * or the deadline has passed. Either marks it {@link #hit}.
   */
  @Override
  public boolean shouldExit() {
    if (!checkpoint()) return true;
    if (System.nanoTime() - deadlineNanos.get() > 0) {
      hit = true;
      return true;
    }
    return false;
  }
}
