package dev.byline.index;

/**
 * A running search's hold on one of the threads that may search at once. At its checkpoints (see
 * {@link SearchDeadline}) the search offers the turn to searches waiting for one and queues again
 * behind them, so that a long search shares the cores with short ones instead of making each of
 * them wait until it is done, as the operating system shares them among more threads than cores.
 *
 * <p>Called only by the thread that runs the search; a call from another thread keeps the turn.
 */
public interface SearchTurn {
  /** The turn of a search that runs on its own (a command, a warm-up): never offered. */
  SearchTurn KEPT = () -> 0;

  /**
   * Offers the turn if it has been held a whole time slice and another search is waiting for one,
   * and takes it back in its place in the line.
   *
   * @return nanoseconds spent waiting to get the turn back (0 if it was kept), or -1 if it could not
   *     be taken back (the wait exceeded the search timeout, or the thread was interrupted): the
   *     search must then stop and answer with what it has
   */
  long offer();

  /**
   * Another turn for this search, taken only if one is idle and no search is waiting for one, so
   * that it may run part of its work on a second thread; null when there is none. Called only by
   * the thread that runs the search.
   */
  default Loan borrowIdle() {
    return null;
  }

  /** A borrowed turn; closing it gives it back (once). */
  interface Loan extends AutoCloseable {
    @Override
    void close();
  }
}
