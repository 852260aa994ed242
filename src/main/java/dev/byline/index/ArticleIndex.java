package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.article.WriteStatus;
import dev.byline.config.DataDir;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index a server or command works with, and the one owner of its generations: which {@link
 * IndexGeneration} (a Lucene index in one folder, with its writer and searchers) is live, which is
 * kept in step for a rollback, and the lock that swaps them. Nothing outside this package reaches
 * a generation. A reindex builds the next generation while this one serves, and swaps it in
 * underneath every caller without a pause they would notice.
 *
 * <p>Writes are durable and visible when they return (see {@link IndexGeneration#write}).
 *
 * <p>It also owns the index's relation to its disk. Writes are refused with an {@link
 * InsufficientStorageException} while the volume is below its flood stage (see {@link
 * DiskSpace}), and accepted again by themselves once space is back; searches go on. If the
 * Lucene writer fails anyway (the disk filled up between two checks; an I/O error), writes are
 * refused with an {@link IndexUnavailableException} and a background task reopens the generation
 * from its last commit and its write-ahead log as soon as the disk has room, without a restart
 * and without losing an acknowledged write. {@link #health} says which of these holds. (The
 * checks and what a failure is told as are {@link WriteGuard}'s; when to reopen is {@link
 * WriterRecovery}'s; the reopen itself, a swap of generations, is this class's.)
 */
public final class ArticleIndex implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);

  private volatile IndexGeneration current;
  private final WriteGuard guard;
  private final IndexGeneration.DirectoryOpener directories;
  /** Reopens a generation whose writer failed; null when read-only. */
  private final WriterRecovery recovery;
  /**
   * Writes hold it shared; a swap holds it alone, so no write straddles two generations. Its write
   * lock also guards {@link #reindexing} and {@link #noRollback}.
   */
  private final ReadWriteLock swapLock = new ReentrantReadWriteLock();
  /**
   * Whether an online reindex has been started and has not ended. While it runs, the live
   * generation's mirror is the generation being built, not one kept for rollback.
   */
  private boolean reindexing;
  /** Why there is no generation to roll back to, when the live one mirrors none. */
  private String noRollback =
      "nothing to roll back to: no reindex has run since this server started, so no earlier index has"
          + " received the writes since (stop the server and run bin/byline reindex --rollback to bring"
          + " back the one named in PREVIOUS, without those writes)";

  private ArticleIndex(IndexGeneration generation, DiskSpace disk, IndexGeneration.DirectoryOpener directories) {
    this.current = generation;
    this.guard = new WriteGuard(disk);
    this.directories = directories;
    this.recovery = generation.readOnly() ? null : new WriterRecovery(() -> current, disk, this::reopenFailed);
  }

  /**
   * Opens the index in {@code path} for reading and writing, creating it if there is none.
   *
   * @throws SchemaMismatchException if the index was written with another schema version
   * @throws IndexLockedException if another process (a running server) holds the write lock
   */
  public static ArticleIndex open(Path path) throws IOException {
    return new ArticleIndex(IndexGeneration.open(path), DiskSpace.of(path), IndexGeneration.FS_DIRECTORY);
  }

  /**
   * Whether a process holds the write lock of the index in {@code path}: a server running on it
   * (unless it serves read-only), or a command writing it. A lock held in this JVM counts too.
   * False when there is no index folder. Asking takes the lock for an instant when it is free.
   */
  public static boolean isLocked(Path path) throws IOException {
    if (!Files.isDirectory(path)) return false;
    try (FSDirectory dir = FSDirectory.open(path)) {
      dir.obtainLock(IndexWriter.WRITE_LOCK_NAME).close();
      return false;
    } catch (LockObtainFailedException e) {
      return true;
    }
  }

  /** Opens the last commit of the index in {@code path} for searching only; takes no lock. */
  public static ArticleIndex openReadOnly(Path path) throws IOException {
    return new ArticleIndex(IndexGeneration.openReadOnly(path), DiskSpace.of(path), IndexGeneration.FS_DIRECTORY);
  }

  /**
   * Opens the index for a server: read-write when its schema version is this Byline's; when it is
   * another, read-only (searches work, writes are refused with a message to reindex).
   */
  public static ArticleIndex openForServing(Path path) throws IOException {
    return openForServing(path, DiskSpace.of(path));
  }

  /** As {@link #openForServing(Path)}, with writes checked against {@code disk}. */
  public static ArticleIndex openForServing(Path path, DiskSpace disk) throws IOException {
    return openForServing(path, disk, IndexGeneration.FS_DIRECTORY);
  }

  /** As {@link #openForServing(Path, DiskSpace)}, with Lucene's directory opened by {@code directories} (a test seam). */
  static ArticleIndex openForServing(Path path, DiskSpace disk, IndexGeneration.DirectoryOpener directories)
      throws IOException {
    return new ArticleIndex(IndexGeneration.openForServing(path, directories), disk, directories);
  }

  public Path path() {
    return current.path();
  }

  public boolean readOnly() {
    return current.readOnly();
  }

  /** Why this index refuses writes (another schema version), or null. */
  public String readOnlyReason() {
    return current.readOnlyReason();
  }

  /**
   * Whether this index takes writes, as a load balancer needs to know it: {@link
   * IndexHealth.State#OK}; {@link IndexHealth.State#READ_ONLY} while the disk is below its flood
   * stage or the index has another schema version (searches are served); {@link
   * IndexHealth.State#UNAVAILABLE} while a failed writer waits to be reopened. Reads the disk at
   * most once a second.
   */
  public IndexHealth health() {
    return guard.health(current);
  }

  /** A test seam: how long writes wait to be searchable before {@link NotYetSearchableException}. */
  void visibilityWait(int ms) {
    current.visibilityWait(ms);
  }

  /**
   * Adds or replaces articles (by id). Returns once they are durable (in the write-ahead log: they
   * survive a crash) and searchable.
   *
   * @throws NotYetSearchableException when they are durable but a refresh did not show them
   *     within 30 s (an overloaded machine), or the writer failed after they were logged: they
   *     become searchable later by themselves
   * @throws InsufficientStorageException when the disk is below its flood stage, or too full for
   *     them; nothing was written
   * @throws IndexUnavailableException when the writer has failed and is not yet reopened; they
   *     may or may not have been written (sending them again is safe)
   *
   * @return for each article, in order, whether it was created or updated
   */
  public List<WriteStatus> write(List<Article> articles) throws IOException {
    guard.checkWrite(current, articles);
    swapLock.readLock().lock();
    try {
      IndexGeneration live = current;
      try {
        return live.write(articles);
      } catch (IOException | RuntimeException e) {
        IOException known = guard.knownFailure(live, e);
        if (known != null) throw known;
        throw e;
      }
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /**
   * Deletes the article with this id. Returns once the deletion is durable and searchable.
   *
   * @return false if there was no such article
   * @throws NotYetSearchableException as {@link #write} does
   * @throws IndexUnavailableException as {@link #write} does; a full disk does not refuse deletes,
   *     but one that fails for lack of space is an {@link InsufficientStorageException}
   */
  public boolean delete(String id) throws IOException {
    guard.checkWriter(current);
    // Not checked against the flood stage: deleting is how space is made (once merged away).
    swapLock.readLock().lock();
    try {
      IndexGeneration live = current;
      try {
        return live.delete(id);
      } catch (IOException | RuntimeException e) {
        IOException known = guard.knownFailure(live, e);
        if (known != null) throw known;
        throw e;
      }
    } finally {
      swapLock.readLock().unlock();
    }
  }

  /** The stored article with this id, if any, as of the current searcher. */
  public Optional<Article> get(String id) throws IOException {
    return withSearcher(searcher -> IndexGeneration.get(searcher, id));
  }

  /** Something done with a searcher; the searcher must not escape the call. */
  @FunctionalInterface
  public interface SearcherFunction<T> {
    T apply(ArticleSearcher searcher) throws IOException;
  }

  /** Runs {@code fn} with the current searcher, released afterwards whatever happens. */
  public <T> T withSearcher(SearcherFunction<T> fn) throws IOException {
    IndexGeneration live = current;
    try {
      return live.withSearcher(fn);
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      if (current == live) throw e;
      return current.withSearcher(fn); // swapped and closed as we started: ask the new one
    }
  }

  /**
   * What the index holds, and whether it takes writes: {@code read_only} with its reason when the
   * schema version differs, the writer failed or the disk is below its flood stage.
   */
  public IndexStats stats() throws IOException {
    IndexGeneration live = current;
    IndexStats stats;
    try {
      stats = live.stats();
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      if (current == live) throw e;
      stats = current.stats();
    }
    IndexHealth health = health();
    return stats.withWriteState(health.state() != IndexHealth.State.OK, health.reason(), guard.disk().status());
  }

  /**
   * Copies a consistent point-in-time image of the index (its last commit, which holds every
   * acknowledged write) into {@code target}, while searches and writes go on. {@code target} must
   * not exist yet; it gets {@code index/} and {@code snapshot.json}.
   */
  public Snapshot snapshot(Path target) throws IOException {
    IndexGeneration live = current;
    guard.checkSnapshot(live); // a full copy of the index on the same volume
    return live.snapshot(target);
  }

  /** A snapshot written by {@link #snapshot}. */
  public record Snapshot(Path path, long articles, int schemaVersion, Instant created) {
    public static final String MANIFEST = "snapshot.json";
  }

  /** Progress of an online reindex. */
  public interface ReindexProgress {
    /** Called once the number of articles to copy is known. */
    void total(long articles);

    /** Called as articles are copied. */
    void copied(long articles);
  }

  /**
   * Rebuilds this index with the current schema while it keeps serving: {@link #startReindex}
   * then {@link OnlineReindex#run}, on the caller's thread.
   *
   * @throws ReindexConflictException if a reindex is already running
   * @throws IndexReadOnlyException if this index is served read-only
   */
  public Reindexer.Result reindexOnline(Path dataDir, int keep, ReindexProgress progress) throws IOException {
    return startReindex(dataDir, keep).run(progress);
  }

  /**
   * Claims this index for an online reindex and returns it, to be run once on any thread. From
   * now until that run ends, a second reindex and a rollback are refused with a {@link
   * ReindexConflictException} ({@link ReindexConflictException.Reason#REINDEX_RUNNING}): the
   * generation being built is not one to serve, and the one kept for rollback is retired when the
   * run begins.
   *
   * @param keep how many generations before the live one to keep (at least 1, for rollback)
   * @throws ReindexConflictException if a reindex is already running
   * @throws IndexReadOnlyException if this index is served read-only (it needs an offline reindex)
   */
  public OnlineReindex startReindex(Path dataDir, int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1 (got: " + keep + ")");
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
      return new OnlineReindex(dataDir, keep);
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /**
   * An online reindex claimed by {@link #startReindex}. {@link #run} it once, or {@link #release}
   * it if it will not run; either ends the claim.
   */
  public final class OnlineReindex {
    private final Path dataDir;
    private final int keep;
    private boolean ended;

    private OnlineReindex(Path dataDir, int keep) {
      this.dataDir = dataDir;
      this.keep = keep;
    }

    /**
     * Builds a new generation beside the live one from the stored articles, while every write and
     * delete made meanwhile is applied to both; checks it (count, canaries, Lucene's CheckIndex)
     * and swaps it in atomically, for readers, writers and {@code dataDir/CURRENT} alike. The
     * replaced generation stays open and keeps receiving writes, so that {@link #rollbackOnline}
     * loses nothing. If it fails, the live index is unchanged and the half-built one removed.
     *
     * @param progress told the number of stored articles to copy, then how many are copied; writes
     *     made meanwhile are not counted (they reach the new generation as they are made)
     * @return what was built
     */
    public synchronized Reindexer.Result run(ReindexProgress progress) throws IOException {
      if (ended) throw new IllegalStateException("this reindex has already run or been released");
      try {
        return rebuild(DataDir.of(dataDir), keep, progress);
      } finally {
        release();
      }
    }

    /** Gives the claim up (for a reindex that will not run); nothing if it has already ended. */
    public synchronized void release() {
      if (ended) return;
      ended = true;
      swapLock.writeLock().lock();
      try {
        reindexing = false;
      } finally {
        swapLock.writeLock().unlock();
      }
    }
  }

  private Reindexer.Result rebuild(DataDir dataDir, int keep, ReindexProgress progress) throws IOException {
    IndexGeneration live = current;
    IndexGeneration older = live.mirror();
    if (older != null) { // the generation kept for rollback since the last reindex: retire it
      swapLock.writeLock().lock();
      try {
        live.stopMirror();
        noRollback =
            "nothing to roll back to: the index kept for rollback (" + older.path().getFileName()
                + ") was retired when the last reindex began, and that reindex did not finish, so the"
                + " live index is still the one it would have replaced";
      } finally {
        swapLock.writeLock().unlock();
      }
      older.close();
    }
    Reindexer.Building building = Reindexer.startBuilding(dataDir);
    IndexGeneration next = IndexGeneration.open(building.dir());
    boolean swapped = false;
    try {
      live.startMirror(next);
      live.refreshBlocking(); // the copy below sees every write made before mirroring began
      List<Article> canaries = Reindexer.copyStored(live, next, progress);
      swapLock.writeLock().lock(); // pause writes: both generations now hold the same articles
      try {
        live.commitNow();
        next.commitNow();
        live.refreshBlocking();
        next.refreshBlocking();
        long liveCount = live.stats().articles();
        // The same checks as an offline rebuild's, on the commit just made (writes are paused).
        List<String> checks = Reindexer.check(building.dir(), liveCount, canaries);
        long nextCount = liveCount; // the check found them equal
        live.stopMirror();
        next.startMirror(live); // the replaced generation stays in step, for a lossless rollback
        Reindexer.finishBuilding(dataDir, building, keep);
        current = next;
        swapped = true;
        return new Reindexer.Result(building.dir(), nextCount, liveCount, checks);
      } finally {
        swapLock.writeLock().unlock();
      }
    } finally {
      if (!swapped) {
        swapLock.writeLock().lock(); // no write in flight may still be copying to the closing generation
        try {
          live.stopMirror();
        } finally {
          swapLock.writeLock().unlock();
        }
        next.close();
        Reindexer.abandon(dataDir, building);
      }
    }
  }

  /**
   * Brings back the generation the last online reindex replaced, which has received every write
   * since, so nothing is lost; the generation rolled back from is kept in step in turn, so a second
   * rollback undoes the first. {@code dataDir/CURRENT} and {@code PREVIOUS} are rewritten before
   * anything changes in memory: if that fails, nothing has changed.
   *
   * @return the generation now live
   * @throws ReindexConflictException if a reindex is running, or no generation is kept in step
   *     (none has been replaced since this server started, or a reindex that did not finish
   *     retired it)
   * @throws IOException if the data directory or the index could not be written; nothing changed
   */
  public Path rollbackOnline(Path dataDir) throws IOException {
    swapLock.writeLock().lock();
    try {
      if (reindexing) {
        throw new ReindexConflictException(
            ReindexConflictException.Reason.REINDEX_RUNNING,
            "a reindex is running: roll back once it has ended (until its swap the live index is unchanged;"
                + " after it, a rollback brings back the index live now)");
      }
      IndexGeneration live = current;
      IndexGeneration previous = live.mirror();
      if (previous == null) {
        throw new ReindexConflictException(ReindexConflictException.Reason.NOTHING_TO_ROLL_BACK, noRollback);
      }
      live.commitNow();
      previous.refreshBlocking();
      DataDir.of(dataDir).makeLive(previous.path().getFileName().toString(), live.path().getFileName().toString());
      live.stopMirror();
      previous.startMirror(live);
      current = previous;
      return previous.path();
    } finally {
      swapLock.writeLock().unlock();
    }
  }

  /**
   * Retires a failed generation kept for rollback, and reopens a failed live one, swapping it in
   * under every caller as a reindex does ({@link WriterRecovery} decides when). Not while a reindex runs: the reindex fails on the failed
   * generation and cleans up, and the next round reopens it.
   */
  private void reopenFailed() throws IOException {
    IndexGeneration retired = null;
    IndexGeneration failedKept = null;
    swapLock.writeLock().lock();
    try {
      if (reindexing) return;
      IndexGeneration live = current;
      IndexGeneration kept = live.mirror();
      if (kept != null && kept.failure() != null) {
        live.stopMirror();
        failedKept = kept;
        kept = null;
        noRollback =
            "nothing to roll back to: the index kept for rollback (" + failedKept.path().getFileName() + ") failed ("
                + failedKept.failure() + ") and was retired; it is still on disk, without the writes since";
        log.warn("retired the index kept for rollback, {}: its writer failed", failedKept.path());
      }
      if (live.failure() != null) {
        live.closeWriteSide();
        IndexGeneration reopened = IndexGeneration.open(live.path(), directories); // replays the log
        live.stopMirror();
        if (kept != null) reopened.startMirror(kept);
        current = reopened;
        retired = live;
        log.info("reopened {} after its writer failed: every acknowledged write is back, writes are accepted again",
            live.path());
      }
    } finally {
      swapLock.writeLock().unlock();
      // Outside the lock; searches still on them finish first (a searcher outlives its manager).
      closeQuietly(failedKept);
      closeQuietly(retired);
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

  /** Commits what is pending and closes, the generation kept for rollback too. */
  @Override
  public void close() throws IOException {
    if (recovery != null) recovery.close(); // a reopen under way finishes (it replays the log)
    swapLock.writeLock().lock();
    try {
      IndexGeneration live = current;
      IndexGeneration kept = live.mirror();
      live.stopMirror();
      try {
        live.close();
      } finally {
        if (kept != null) kept.close();
      }
    } finally {
      swapLock.writeLock().unlock();
    }
  }
}
