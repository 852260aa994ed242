package dev.byline.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LiveFieldValues;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation's searcher lifecycle: the {@link SearcherManager} (each searcher an {@link
 * ArticleSearcher}, its state built once per refresh), the refresh thread ({@code
 * byline-refresh}, see {@link Refresher}: never in a request; a searcher is at most half a second
 * behind the writer while the index is searched), the wait of a write until it is searchable, and the ids written
 * since the last refresh (so that "created or updated?" needs no refresh). Over a writer's
 * directory when read-only: no refresh thread, no ids.
 */
final class Searchers implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Searchers.class);

  /**
   * Longest time a write waits to be searchable before it is answered with {@link
   * NotYetSearchableException} instead of an acknowledgement. A refresh takes milliseconds when
   * the machine is idle and more than a second when it is saturated (the benchmark's 1,000
   * articles/s at 100k articles); only a machine far past that should see the exception.
   */
  static final int MAX_VISIBILITY_WAIT_MS = 30_000;

  /** A write waiting this long is logged: something is slow, though nothing is lost yet. */
  private static final int SLOW_VISIBILITY_MS = 5_000;

  /** How often a write waiting to be searchable looks whether the writer has failed. */
  private static final int VISIBILITY_SLICE_MS = 250;

  /** Makes each view an {@link ArticleSearcher}; the segments' facet values are read once. */
  private static SearcherFactory articleSearchers() {
    SegmentOrdinalsCache ordinals = new SegmentOrdinalsCache();
    return new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
          throws IOException {
        return new ArticleSearcher(reader, ordinals);
      }
    };
  }

  private final SearcherManager manager;
  private final Refresher reopener; // null when read-only
  private final LiveFieldValues<IndexSearcher, Boolean> liveIds; // null when read-only

  /** Why the generation can show no more writes (its writer or its refresh failed), or null. */
  private final Supplier<Throwable> failure;

  private volatile Throwable
      refreshFailure; // what stopped the refresh thread, if not the writer's failure
  private volatile int visibilityWaitMs = MAX_VISIBILITY_WAIT_MS;

  private Searchers(
      SearcherManager manager,
      Refresher reopener,
      LiveFieldValues<IndexSearcher, Boolean> liveIds,
      Supplier<Throwable> failure) {
    this.manager = manager;
    this.reopener = reopener;
    this.liveIds = liveIds;
    this.failure = failure;
  }

  /** Searchers of the last commit in {@code directory}, never refreshed. */
  static Searchers readOnly(Directory directory) throws IOException {
    return new Searchers(
        new SearcherManager(directory, articleSearchers()), null, null, () -> null);
  }

  /**
   * Searchers of what {@code writer} has applied, refreshed in the background from now on.
   *
   * @param failure why the generation can show no more writes, or null while it works
   */
  static Searchers ofWriter(Path path, IndexWriter writer, Supplier<Throwable> failure)
      throws IOException {
    SearcherManager manager = new SearcherManager(writer, articleSearchers());
    LiveIds liveIds = new LiveIds(manager); // registers itself for refreshes: once is right
    Refresher reopener = new Refresher(writer, manager);
    Searchers searchers = new Searchers(manager, reopener, liveIds, failure);
    // It stops at the first failed refresh: after the writer failed, or another error. Either
    // way no write can become searchable any more: the generation counts as failed, to reopen.
    reopener.setUncaughtExceptionHandler(
        (thread, e) -> {
          if (writer.getTragicException() == null) {
            searchers.refreshFailure = e;
            log.error("refreshes of {} stopped by an error; it will be reopened", path, e);
          } else {
            log.warn(
                "refreshes of {} stopped: its writer failed; searches see it as of the last refresh until it is reopened",
                path);
          }
        });
    reopener.start();
    return searchers;
  }

  /** Tells {@code listener} of every refresh from now on. */
  void addRefreshListener(org.apache.lucene.search.ReferenceManager.RefreshListener listener) {
    manager.addListener(listener);
  }

  /** What stopped the refresh thread when the writer had not failed, or null. */
  Throwable refreshFailure() {
    return refreshFailure;
  }

  /** Runs {@code fn} with the current searcher, released afterwards whatever happens. */
  <T> T withSearcher(ArticleIndex.SearcherFunction<T> fn) throws IOException {
    IndexSearcher searcher = manager.acquire();
    try {
      return fn.apply((ArticleSearcher) searcher);
    } finally {
      manager.release(searcher);
    }
  }

  /**
   * Records a search made for a request (not background work), so that refreshes keep their
   * pace; the first after an idle spell waits for a refresh (see {@link Refresher}).
   */
  void searched() {
    if (reopener != null) reopener.searched();
  }

  /** Whether an article with this id exists, counting writes and deletes not yet refreshed. */
  boolean exists(String id) throws IOException {
    return liveIds.get(id) != null;
  }

  /** Records that an article with this id was written (before a refresh shows it). */
  void written(String id) {
    liveIds.add(id, Boolean.TRUE);
  }

  /** Records that the article with this id was deleted (before a refresh shows it). */
  void deleted(String id) {
    liveIds.delete(id);
  }

  /** Makes everything written so far searchable now (outside requests: reindex only). */
  void refreshBlocking() throws IOException {
    manager.maybeRefreshBlocking();
  }

  /** A test seam: how long writes wait to be searchable (see {@link #MAX_VISIBILITY_WAIT_MS}). */
  void visibilityWait(int ms) {
    this.visibilityWaitMs = ms;
  }

  /**
   * Waits until a refreshed searcher shows the write with sequence number {@code seqNo}.
   *
   * @throws NotYetSearchableException when it does not within the visibility wait; the write is
   *     durable by then (the log was synced first)
   */
  void awaitVisible(long seqNo) throws IOException {
    try {
      long start = System.nanoTime();
      int limit = visibilityWaitMs;
      boolean visible = false;
      boolean warned = false;
      // In slices, so that a writer failing meanwhile (no refresh will come) ends the wait.
      for (long waited = 0;
          !visible && waited < limit;
          waited = (System.nanoTime() - start) / 1_000_000) {
        if (failure.get() != null) {
          throw new NotYetSearchableException(
              "the articles are saved (they survive a crash) but the index failed before they were searchable"
                  + " ("
                  + failure.get()
                  + "); it is being reopened, and they will be searchable once it is."
                  + " Sending them again is safe.");
        }
        if (!warned && waited >= SLOW_VISIBILITY_MS) {
          warned = true;
          log.warn(
              "write {} not yet searchable after {} ms; waiting up to {} ms", seqNo, waited, limit);
        }
        visible =
            reopener.waitForGeneration(seqNo, (int) Math.min(VISIBILITY_SLICE_MS, limit - waited));
        // Lucene marks the generation reached even when the refresh failed (its listeners run in a
        // finally): only a refresh of a writer that has not failed has really shown the write.
        if (visible && failure.get() != null) visible = false;
      }
      if (!visible) {
        long waited = (System.nanoTime() - start) / 1_000_000;
        log.warn("write {} durable but not searchable after {} ms", seqNo, waited);
        throw new NotYetSearchableException(
            "the articles are saved (they survive a crash) but were not yet searchable after "
                + waited
                + " ms: the server is overloaded. They will become searchable by themselves;"
                + " sending them again is safe.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a refresh", e);
    }
  }

  /** Stops the refresh thread and closes; searchers handed out must have been released. */
  @Override
  public void close() throws IOException {
    if (reopener != null) {
      reopener.close();
    }
    if (liveIds != null) {
      liveIds.close();
    }
    manager.close();
  }

  /** Ids written since the last refresh, so that "created or updated?" needs no refresh. */
  private static final class LiveIds extends LiveFieldValues<IndexSearcher, Boolean> {
    LiveIds(SearcherManager searchers) {
      super(searchers, Boolean.FALSE); // FALSE marks a deletion; get() then answers null
    }

    @Override
    protected Boolean lookupFromSearcher(IndexSearcher searcher, String id) throws IOException {
      return searcher.count(new TermQuery(Schema.idTerm(id))) > 0 ? Boolean.TRUE : null;
    }
  }
}
