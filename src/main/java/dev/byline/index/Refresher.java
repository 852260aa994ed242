package dev.byline.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;

/**
 * The thread that refreshes one generation's searchers ({@code byline-refresh}), never a request:
 *
 * <ul>
 *   <li>within {@link #MIN_STALE_NANOS} of a write that {@linkplain #waitForGeneration waits} to be
 *       searchable;
 *   <li>otherwise every {@link #MAX_STALE_NANOS} while the index is searched, so a search sees
 *       writes at most about half a second old;
 *   <li>once nobody has {@linkplain #searched searched} for {@link #SEARCH_IDLE_NANOS}, only every
 *       {@link #IDLE_STALE_NANOS}: a bulk load nobody searches then flushes a few large segments
 *       instead of one every half second (each flush makes small segments to merge later), as
 *       Elasticsearch's "search idle" shards do. The first search after that waits (up to {@link
 *       #IDLE_SEARCH_WAIT_MS}) for a refresh that shows every write made so far, so no search
 *       sees an index further behind than an active one would be.
 * </ul>
 *
 * Lucene's {@code ControlledRealTimeReopenThread} does the first two; this adds the third. As
 * there, a refresh that fails still counts its generation as reached (the listeners run in a
 * finally): {@link Searchers} checks the writer's failure itself. The thread ends at the first
 * refresh that throws (its uncaught-exception handler is the caller's).
 */
final class Refresher extends Thread implements Closeable, ReferenceManager.RefreshListener {
  static final long MAX_STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  static final long MIN_STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long SEARCH_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
  static final long IDLE_STALE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** How long the first search after an idle spell waits for its refresh before it goes on. */
  static final int IDLE_SEARCH_WAIT_MS = 2_000;

  private final SearcherManager manager;
  private final IndexWriter writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();

  private volatile boolean finished;
  private volatile boolean idle; // the last sleep was an idle one (nobody searching)
  private volatile long lastSearchNanos =
      System.nanoTime() - SEARCH_IDLE_NANOS; // idle until searched
  private long waitingGen; // guarded by lock: the highest generation a waiter asked for
  private long searchingGen; // guarded by this: the generation the current searcher shows
  private long refreshStartGen; // written and read by the refresh (in its listener)

  Refresher(IndexWriter writer, SearcherManager manager) {
    super("byline-refresh");
    setDaemon(true);
    this.writer = writer;
    this.manager = manager;
    manager.addListener(this);
  }

  @Override
  public void beforeRefresh() {
    refreshStartGen = writer.getMaxCompletedSequenceNumber();
  }

  @Override
  public void afterRefresh(boolean didRefresh) {
    synchronized (this) {
      searchingGen = refreshStartGen;
      notifyAll();
    }
  }

  /**
   * Waits until a refreshed searcher shows the write with sequence number {@code gen}, asking for
   * a refresh within {@link #MIN_STALE_NANOS}.
   *
   * @return false if it does not within {@code maxMillis}
   */
  boolean waitForGeneration(long gen, int maxMillis) throws InterruptedException {
    synchronized (this) {
      if (gen <= searchingGen) return true;
    }
    lock.lock();
    try {
      waitingGen = Math.max(waitingGen, gen);
      wake.signal();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    synchronized (this) {
      while (gen > searchingGen) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) return false;
        wait(left);
      }
      return true;
    }
  }

  /**
   * Records a search. After an idle spell, waits (bounded) until a refresh shows every write made
   * so far; otherwise returns at once.
   */
  void searched() {
    lastSearchNanos = System.nanoTime();
    // A stopped refresher (its writer failed) refreshes nothing more: searches see the last view.
    if (!idle || !isAlive()) return;
    long written;
    try {
      written = writer.getMaxCompletedSequenceNumber();
    } catch (org.apache.lucene.store.AlreadyClosedException failed) {
      return; // the writer failed meanwhile: as above
    }
    lock.lock();
    try {
      wake.signal(); // back to the pace of a searched index (idle stays set until it refreshes)
    } finally {
      lock.unlock();
    }
    try {
      waitForGeneration(written, IDLE_SEARCH_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the search goes on with the searcher there is
    }
  }

  @Override
  public void run() {
    long lastRefreshNanos = System.nanoTime();
    while (!finished) {
      lock.lock();
      try {
        while (!finished) {
          long now = System.nanoTime();
          boolean waiting;
          synchronized (this) {
            waiting = waitingGen > searchingGen;
          }
          boolean searchedLately = now - lastSearchNanos < SEARCH_IDLE_NANOS;
          long stale =
              waiting ? MIN_STALE_NANOS : searchedLately ? MAX_STALE_NANOS : IDLE_STALE_NANOS;
          long sleep = lastRefreshNanos + stale - now;
          if (sleep <= 0) break;
          idle = !waiting && !searchedLately;
          wake.awaitNanos(sleep);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      if (finished) break;
      lastRefreshNanos = System.nanoTime();
      try {
        manager.maybeRefreshBlocking();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      idle = false;
    }
  }

  /** Stops the thread and waits for it to end. */
  @Override
  public void close() {
    finished = true;
    lock.lock();
    try {
      wake.signal();
    } finally {
      lock.unlock();
    }
    try {
      join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    manager.removeListener(this);
  }
}
