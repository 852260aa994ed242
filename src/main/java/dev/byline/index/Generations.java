package dev.byline.index;

import dev.byline.config.DataDir;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of an index's generations: which {@link IndexGeneration} is live, which one is
 * kept in step with it (the generation a reindex is building, or the one a reindex replaced, for a
 * lossless rollback), whether a reindex has claimed them, and the lock under which they are
 * swapped. Every swap happens here or inside {@link #exclusive}; nothing else assigns the live
 * generation or closes one this class retires.
 *
 * <p>Writes run {@link #shared}: a swap waits for the writes in flight, so no write straddles two
 * generations. Reads run {@link #reading} and never wait for a swap.
 */
final class Generations implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Generations.class);

  private volatile IndexGeneration current;
  private final DirectoryOpener directories;

  /** Writes hold it shared; a swap holds it alone. It also guards the two fields below. */
  private final ReentrantReadWriteLock swapLock = new ReentrantReadWriteLock();

  /**
   * Whether an online reindex has claimed the generations and not yet ended. While it runs, the
   * live generation's mirror is the one being built, not one kept for rollback.
   */
  private boolean reindexing;

  /** Why there is no generation to roll back to, when the live one mirrors none. */
  private String noRollback =
      "nothing to roll back to: no reindex has run since this server started, so no earlier index has"
          + " received the writes since (stop the server and run bin/byline reindex --rollback to bring"
          + " back the one named in PREVIOUS, without those writes)";

  /** How each generation's Lucene directory is opened (a test seam). */
  DirectoryOpener directories() {
    return directories;
  }

  Generations(IndexGeneration live, DirectoryOpener directories) {
    this.current = live;
    this.directories = directories;
  }

  /** Something done with a generation. */
  @FunctionalInterface
  interface GenerationCall<T> {
    T apply(IndexGeneration generation) throws IOException;
  }

  /** Something done while no write is in flight and no swap can happen. */
  @FunctionalInterface
  interface ExclusiveCall<T> {
    T apply() throws IOException;
  }

  /** The live generation now; it may be swapped out as soon as this returns. */
  IndexGeneration live() {
    return current;
  }

  /** Runs {@code fn} on the live generation with swaps held off until it returns (writes). */
  <T> T shared(GenerationCall<T> fn) throws IOException {
    swapLock.readLock().lock();
    try {
      return fn.apply(current);
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * Runs {@code fn} on the live generation without holding swaps off; if a swap closed that
   * generation as {@code fn} began, runs it once more on the new one (reads).
   */
  <T> T reading(GenerationCall<T> fn) throws IOException {
    IndexGeneration live = current;
    try {
      return fn.apply(live);
    } catch (AlreadyClosedException e) {
      if (current == live) throw e;
      return fn.apply(current);
    }
  }

  /** Runs {@code fn} with every write paused and swaps excluded; {@code fn} may {@link #swapIn}. */
  <T> T exclusive(ExclusiveCall<T> fn) throws IOException {
    swapLock.writeLock().lock();
    try {
      return fn.apply();
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /** Makes {@code next} live; only inside {@link #exclusive}. */
  void swapIn(IndexGeneration next) {
    if (!swapLock.isWriteLockedByCurrentThread())
      throw new IllegalStateException("swap outside exclusive()");
    current = next;
  }

  /**
   * Claims the generations for an online reindex. Until {@link #endReindex}, a second claim and a
   * rollback are refused.
   *
   * @throws ReindexConflictException if a reindex has claimed them already
   * @throws IndexReadOnlyException if the live generation is served read-only
   */
  void claimReindex() {
    swapLock.writeLock().lock();
    try {
      if (reindexing) {
        throw new ReindexConflictException(
            ReindexConflictException.Reason.REINDEX_RUNNING,
            "a reindex is running: start another once it has ended");
      }
      if (current.readOnly()) {
        throw new IndexReadOnlyException(
            "this server serves an index of another schema version read-only: stop it and run bin/byline reindex");
      }
      reindexing = true;
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /** Ends the claim {@link #claimReindex} took. */
  void endReindex() {
    swapLock.writeLock().lock();
    try {
      reindexing = false;
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /**
   * Retires the generation kept in step for rollback, if any, as a reindex begins (its mirror is
   * about to become the generation being built); says so when a rollback is asked for later.
   */
  void retireKept() throws IOException {
    IndexGeneration live = current;
    IndexGeneration older =
        exclusive(
            () -> {
              IndexGeneration kept = live.mirror();
              if (kept == null) return null;
              live.stopMirror();
              noRollback =
                  "nothing to roll back to: the index kept for rollback ("
                      + kept.path().getFileName()
                      + ") was retired when the last reindex began, and that reindex did not finish, so the"
                      + " live index is still the one it would have replaced";
              return kept;
            });
    if (older != null) older.close();
  }

  /**
   * Brings back the generation the last online reindex replaced, which has received every write
   * since, so nothing is lost; the one rolled back from is kept in step in turn, so a second
   * rollback undoes the first. {@code dataDir}'s pointers are rewritten before anything changes
   * in memory: if that fails, nothing has changed.
   *
   * @return the generation now live
   * @throws ReindexConflictException if a reindex is running, or no generation is kept in step
   */
  Path rollback(DataDir dataDir) throws IOException {
    return exclusive(
        () -> {
          if (reindexing) {
            throw new ReindexConflictException(
                ReindexConflictException.Reason.REINDEX_RUNNING,
                "a reindex is running: roll back once it has ended (until its swap the live index is unchanged;"
                    + " after it, a rollback brings back the index live now)");
          }
          IndexGeneration live = current;
          IndexGeneration previous = live.mirror();
          if (previous == null) {
            throw new ReindexConflictException(
                ReindexConflictException.Reason.NOTHING_TO_ROLL_BACK, noRollback);
          }
          // A failed writer cannot commit: the rollback waits for WriterRecovery's reopen (a
          // 503), where its commit on the closed writer was a 500.
          for (IndexGeneration g : new IndexGeneration[] {live, previous}) {
            if (g.failure() != null) {
              throw new IndexUnavailableException(
                  "the index writer of "
                      + g.path().getFileName()
                      + " failed ("
                      + g.failure()
                      + "): roll back once it has been reopened, which happens by itself once"
                      + " the disk has room",
                  g.failure());
            }
          }
          live.commitNow();
          // It received every write since (its mirror), so it has applied the cluster feed as far.
          String fed = live.feedPosition().get();
          if (fed != null) {
            previous.feedPosition().set(fed);
            previous.commitNow();
          }
          previous.refreshBlocking();
          dataDir.makeLive(
              previous.path().getFileName().toString(), live.path().getFileName().toString());
          live.stopMirror();
          previous.startMirror(live);
          current = previous;
          return previous.path();
        });
  }

  /**
   * Retires a failed generation kept for rollback, and reopens a failed live one (which replays
   * its write-ahead log), swapping it in under every caller as a reindex does ({@link
   * WriterRecovery} decides when). Not while a reindex runs: the reindex fails on the failed
   * generation and cleans up, and the next round reopens it.
   */
  void reopenFailed() throws IOException {
    IndexGeneration[] retired = new IndexGeneration[2]; // the failed kept one, the failed live one
    try {
      exclusive(
          () -> {
            if (reindexing) return null;
            IndexGeneration live = current;
            IndexGeneration kept = live.mirror();
            if (kept != null && kept.failure() != null) {
              live.stopMirror();
              retired[0] = kept;
              noRollback =
                  "nothing to roll back to: the index kept for rollback ("
                      + kept.path().getFileName()
                      + ") failed ("
                      + kept.failure()
                      + ") and was retired; it is still on disk, without the writes since";
              log.warn("retired the index kept for rollback, {}: its writer failed", kept.path());
              kept = null;
            }
            if (live.failure() != null) {
              live.closeWriteSide();
              IndexGeneration reopened =
                  IndexGeneration.open(
                      live.path(), directories, live.storySettings()); // replays the log
              live.stopMirror();
              if (kept != null) reopened.startMirror(kept);
              current = reopened;
              retired[1] = live;
              log.info(
                  "reopened {} after its writer failed: every acknowledged write is back, writes are accepted again",
                  live.path());
            }
            return null;
          });
    } finally {
      // Outside the lock; searches still on them finish first (a searcher outlives its manager).
      closeQuietly(retired[0]);
      closeQuietly(retired[1]);
    }
  }

  private static void closeQuietly(IndexGeneration generation) {
    if (generation == null) return;
    try {
      generation.close();
    } catch (IOException | RuntimeException e) {
      log.warn("closing the failed generation {} failed", generation.path(), e);
    }
  }

  /** Commits what is pending and closes the live generation and the one kept in step with it. */
  @Override
  public void close() throws IOException {
    exclusive(
        () -> {
          IndexGeneration live = current;
          IndexGeneration kept = live.mirror();
          live.stopMirror();
          try {
            live.close();
          } finally {
            if (kept != null) kept.close();
          }
          return null;
        });
  }
}
