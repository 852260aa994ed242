package dev.byline.index;

import dev.byline.article.Article;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes one generation's writes durable: its {@link WriteAheadLog}, the Lucene commits and
 * the replay on open. A write is logged and applied to the writer together ({@link #logAndWrite}),
 * never across a roll of the log; it is durable once {@link #sync} returns. Lucene commits happen
 * in the background every {@link #COMMIT_INTERVAL_MS} ms, or sooner once the log has grown past
 * {@link #COMMIT_LOG_BYTES} (started by {@link #startCommits}); each records the first log file
 * it does not cover, and opening replays from there what the last commit missed.
 *
 * <p>It uses the writer of the generation that owns it and does not close it.
 */
final class Durability implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);

  /**
   * How often pending writes are committed to Lucene (the log keeps them durable meanwhile). A
   * commit flushes a segment of whatever the writer holds and syncs its files: every second it
   * cost a bulk load a quarter of its speed (1,200 against 1,600 articles/s on 2 cores); the log
   * size below bounds the replay after a crash whatever the pace.
   */
  static final long COMMIT_INTERVAL_MS = 10_000;

  /**
   * How long a commit tries for the roll lock between writes before it queues for it (see {@link
   * #lockForRoll}).
   */
  static final long ROLL_PATIENCE_MS = 5_000;

  /** A commit is also due when the current log file grows past this (it bounds replay time). */
  static final long COMMIT_LOG_BYTES = 64L << 20;

  /** Commit data: when the commit was made, in epoch milliseconds. */
  static final String COMMITTED_AT_KEY = "byline.committed_at";

  private final Path path;
  private final IndexWriter writer;
  private final WriteAheadLog wal;

  /** Why the generation cannot commit (its writer or refresh failed), or null. */
  private final Supplier<Throwable> failure;

  private final Object commitLock = new Object();

  /** Appending to the log and applying to the writer happen together, never across a log roll. */
  private final ReadWriteLock rollLock = new ReentrantReadWriteLock();

  private ScheduledExecutorService committer; // null until started
  private volatile long lastCommitNanos = System.nanoTime();
  private volatile boolean commitFailing; // the last background commit failed (logged once)
  private volatile Instant lastCommit;

  /** Recorded with every commit (the generation's, which owns them). */
  private final StoryAliases storyAliases;

  /** Recorded with every commit when set (the generation's; cluster mode only). */
  private final FeedPosition feedPosition;

  private Durability(
      Path path,
      IndexWriter writer,
      WriteAheadLog wal,
      Instant lastCommit,
      Supplier<Throwable> failure,
      StoryAliases storyAliases,
      FeedPosition feedPosition) {
    this.storyAliases = storyAliases;
    this.feedPosition = feedPosition;
    this.path = path;
    this.writer = writer;
    this.wal = wal;
    this.lastCommit = lastCommit;
    this.failure = failure;
  }

  /**
   * Replays into {@code writer} the acknowledged writes its last commit does not hold (the log
   * from file {@code logFrom}: the process stopped without closing), starts the log there, and
   * commits, which records the schema version in a brand-new index and makes a replay durable.
   *
   * @param lastCommit when the last commit was made, or null if unknown
   * @param failure why the generation cannot commit (its writer or refresh failed), or null
   * @param storyAliases the generation's story aliases, recorded with each commit
   * @param feedPosition how far the generation applied its cluster feed, recorded with each commit
   */
  static Durability open(
      Path path,
      IndexWriter writer,
      long logFrom,
      Instant lastCommit,
      Supplier<Throwable> failure,
      StoryAliases storyAliases,
      FeedPosition feedPosition)
      throws IOException {
    String missing = logFrom > 0 ? WriteAheadLog.missing(path, logFrom) : null;
    if (missing != null) {
      // Every log file a commit names was created before that commit was made (WriteAheadLog.roll;
      // a restore creates it too): one that is gone was deleted, or the folder was copied
      // without it. Said loudly, as a damaged record is; there is nothing left to replay.
      log.error(
          "write-ahead log of {}: {} missing (the last commit names file {}): writes acknowledged"
              + " after that commit{} and logged there are lost",
          path,
          missing,
          logFrom,
          lastCommit == null ? "" : " (" + lastCommit + ")");
    }
    List<WriteAheadLog.Op> replay = WriteAheadLog.read(path, logFrom);
    for (WriteAheadLog.Op op : replay) {
      if (op.write() != null)
        writer.updateDocument(Schema.idTerm(op.write().id()), Schema.toDocument(op.write()));
      else writer.deleteDocuments(Schema.idTerm(op.delete()));
    }
    if (!replay.isEmpty()) log.info("replayed {} logged writes into {}", replay.size(), path);
    Durability durability =
        new Durability(
            path,
            writer,
            WriteAheadLog.start(path, logFrom),
            lastCommit,
            failure,
            storyAliases,
            feedPosition);
    try {
      durability.commit();
    } catch (IOException | RuntimeException e) {
      org.apache.lucene.util.IOUtils.closeWhileHandlingException(durability.wal);
      throw e;
    }
    return durability;
  }

  /** Starts the background commits (see {@link #COMMIT_INTERVAL_MS}). */
  void startCommits() {
    committer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "byline-commit");
              t.setDaemon(true);
              return t;
            });
    // The future is not kept: commitIfDue reports its own failures, and stopCommits ends the
    // executor.
    var unused =
        committer.scheduleWithFixedDelay(this::commitIfDue, 250, 250, TimeUnit.MILLISECONDS);
  }

  /** When the last commit was made, or null if unknown. */
  Instant lastCommit() {
    return lastCommit;
  }

  /** Logs a write and applies it; returns the log position to sync to and Lucene's sequence number. */
  long[] logAndWrite(Article article) throws IOException {
    return logAndWrite(article, dev.byline.story.StorySignature.of(article.body()));
  }

  /** As {@link #logAndWrite(Article)}, with the signature of its body already computed. */
  long[] logAndWrite(Article article, dev.byline.story.StorySignature signature)
      throws IOException {
    return logAndWrite(article, signature, null);
  }

  /**
   * As {@link #logAndWrite(Article, dev.byline.story.StorySignature)}, with the article's vector
   * when it has one already (null if not). The log does not hold vectors: a replayed article is
   * embedded again.
   */
  long[] logAndWrite(
      Article article, dev.byline.story.StorySignature signature, Schema.StoredVector vector)
      throws IOException {
    rollLock.readLock().lock();
    try {
      long position = wal.appendWrite(article);
      return new long[] {
        position,
        writer.updateDocument(
            Schema.idTerm(article.id()), Schema.toDocument(article, signature, vector))
      };
    } finally {
      rollLock.readLock().unlock();
    }
  }

  /** As {@link #logAndWrite}, for a deletion. */
  long[] logAndDelete(String id) throws IOException {
    rollLock.readLock().lock();
    try {
      long position = wal.appendDelete(id);
      return new long[] {position, writer.deleteDocuments(Schema.idTerm(id))};
    } finally {
      rollLock.readLock().unlock();
    }
  }

  /** Returns once the log is on disk up to {@code position} (concurrent callers share one sync). */
  void sync(long position) throws IOException {
    wal.sync(position);
  }

  /** The background commit: when writes are pending and the interval has passed or the log is large. */
  private void commitIfDue() {
    if (failure.get() != null)
      return; // nothing can be committed; ArticleIndex reopens the generation
    try {
      boolean due =
          System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL_MS * 1_000_000
              || wal.sizeOfCurrent() >= COMMIT_LOG_BYTES;
      if (due && writer.hasUncommittedChanges()) {
        commit();
        if (commitFailing) log.info("background commit of {} works again", path);
        commitFailing = false;
      }
    } catch (org.apache.lucene.store.AlreadyClosedException closing) {
      // the index is closing (close() commits), or its writer has just failed
    } catch (IOException | RuntimeException e) {
      // Retried every interval: said once with its cause, not four times a second.
      if (!commitFailing) {
        log.error(
            "background commit of {} failed, retrying (the write-ahead log still holds the writes)",
            path,
            e);
      } else {
        log.debug("background commit of {} failed again: {}", path, e.toString());
      }
      commitFailing = true;
    }
  }

  /**
   * Commits everything applied so far. The log is rolled first, under the lock that appends hold,
   * so every operation in the older files is in the writer; the commit records the new file's
   * number, and once it is on disk the older files are deleted.
   */
  void commit() throws IOException {
    synchronized (commitLock) {
      Instant now = Instant.now();
      long logFrom;
      lockForRoll();
      try {
        logFrom = wal.roll();
      } finally {
        rollLock.writeLock().unlock();
      }
      Map<String, String> data = new java.util.HashMap<>();
      data.put(Schema.VERSION_KEY, Integer.toString(Schema.VERSION));
      data.put(COMMITTED_AT_KEY, Long.toString(now.toEpochMilli()));
      data.put(WriteAheadLog.COMMIT_KEY, Long.toString(logFrom));
      String aliases = storyAliases.toJson();
      if (aliases != null) data.put(StoryAliases.COMMIT_KEY, aliases);
      // Read after the roll and before the commit: every write it covers is in the writer.
      String fed = feedPosition.get();
      if (fed != null) data.put(FeedPosition.COMMIT_KEY, fed);
      writer.setLiveCommitData(data.entrySet(), true);
      writer.commit();
      WriteAheadLog.deleteBefore(path, logFrom);
      lastCommit = now;
      lastCommitNanos = System.nanoTime();
    }
  }

  /**
   * Takes the roll lock's write side without queuing for it while writes hold the read side, for
   * up to {@link #ROLL_PATIENCE_MS}, then queues. A queued writer lock makes every new write wait
   * behind it, and a write holding the read side may be inside Lucene's flush of a full indexing
   * buffer, which takes 0.4-1.5 s: every other write stopped for as long, once a commit interval
   * (a 773 ms stall of a bulk load's two threads in a JFR run, 7 December).
   */
  private void lockForRoll() {
    long deadline = System.nanoTime() + ROLL_PATIENCE_MS * 1_000_000;
    while (!rollLock.writeLock().tryLock()) { // tryLock() barges in; it never queues
      if (System.nanoTime() - deadline > 0) {
        rollLock.writeLock().lock(); // writes never leave a gap: queue, as before
        return;
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Stops the background commits; one under way finishes first. */
  void stopCommits() {
    if (committer == null) return;
    committer.shutdown();
    try {
      committer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the background commits and closes the log; commits nothing (the owner commits first). */
  @Override
  public void close() throws IOException {
    stopCommits();
    wal.close();
  }
}
