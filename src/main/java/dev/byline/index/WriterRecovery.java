package dev.byline.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task that brings a failed writer back, on its own thread ({@code
 * byline-recover}), every second: when the live generation's writer has failed (the disk filled up
 * between two checks; an I/O error), or the one kept for rollback has, it asks its owner to {@link
 * Reopen#reopenFailed reopen} them, once the disk is out of flood stage. A failed reopen is tried
 * again after 1 s, then 2, 4, ... up to 30 s, and at once when free space grows by a megabyte. It
 * decides when; how is its owner's ({@link Generations}, which owns the generations).
 */
final class WriterRecovery implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(WriterRecovery.class);

  /** How long after a failed reopen the next is tried, at first; it doubles up to {@link #MAX_RETRY_NANOS}. */
  private static final long FIRST_RETRY_NANOS = 1_000_000_000L;

  private static final long MAX_RETRY_NANOS = 30_000_000_000L;

  /** Free space grown by this much since a failed reopen: someone made room, try again at once. */
  private static final long ROOM_MADE_BYTES = 1L << 20;

  /** Reopens the live generation if its writer failed and retires a failed one kept for rollback. */
  @FunctionalInterface
  interface Reopen {
    void reopenFailed() throws IOException;
  }

  private final Supplier<IndexGeneration> live;
  private final DiskSpace disk;
  private final Reopen reopen;
  private final ScheduledExecutorService thread;
  // The task's own state (one thread):
  private Throwable reportedFailure;
  private long retryNanos = FIRST_RETRY_NANOS;
  private long nextAttempt = System.nanoTime();
  private long usableAtLastAttempt = -1;
  private boolean waitingForSpace;

  /** Starts the task (its first round in a second) on the generation {@code live} returns. */
  WriterRecovery(Supplier<IndexGeneration> live, DiskSpace disk, Reopen reopen) {
    this.live = live;
    this.disk = disk;
    this.reopen = reopen;
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "byline-recover");
              t.setDaemon(true);
              return t;
            });
    // The future is not kept: recoverIfFailed reports its own failures, and close() ends the
    // executor.
    var unused = thread.scheduleWithFixedDelay(this::recoverIfFailed, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * One round: when the live generation's writer has failed, or the one kept for rollback has,
   * reopens once the disk is out of flood stage and the backoff allows. Never throws (it would
   * stop).
   */
  @SuppressWarnings(
      "ReferenceEquality") // the failure already reported is the same object, not an equal one
  private void recoverIfFailed() {
    try {
      IndexGeneration current = live.get();
      IndexGeneration kept = current.mirror();
      Throwable failure = current.failure();
      if (failure == null && (kept == null || kept.failure() == null)) {
        reportedFailure = null;
        return;
      }
      if (failure != null && failure != reportedFailure) {
        reportedFailure = failure;
        retryNanos = FIRST_RETRY_NANOS;
        nextAttempt = System.nanoTime();
        usableAtLastAttempt = -1;
        log.error(
            "the index writer of {} failed: writes are refused (503) until it is reopened from its last commit and"
                + " write-ahead log, which happens by itself once the disk has room",
            current.path(),
            failure);
      }
      DiskSpace.Status space = disk.status();
      if (space.refusing()) {
        if (!waitingForSpace)
          log.warn("reopening {} waits for free space ({})", current.path(), space.reason());
        waitingForSpace = true;
        return;
      }
      waitingForSpace = false;
      // Free space that grew since the last attempt (someone made room) is worth a try at once.
      boolean roomMade =
          usableAtLastAttempt >= 0 && space.usableBytes() > usableAtLastAttempt + ROOM_MADE_BYTES;
      if (!roomMade && System.nanoTime() - nextAttempt < 0) return;
      try {
        usableAtLastAttempt = space.usableBytes();
        reopen.reopenFailed();
        retryNanos = FIRST_RETRY_NANOS;
      } catch (IOException | RuntimeException e) {
        if (retryNanos == FIRST_RETRY_NANOS) {
          log.error(
              "reopening {} failed; trying again in {} s",
              current.path(),
              retryNanos / 1_000_000_000L,
              e);
        } else {
          log.error(
              "reopening {} failed again ({}); trying again in {} s",
              current.path(),
              e.toString(),
              retryNanos / 1_000_000_000L);
        }
        nextAttempt = System.nanoTime() + retryNanos;
        retryNanos = Math.min(MAX_RETRY_NANOS, retryNanos * 2);
      }
    } catch (Throwable e) {
      log.error("the index recovery task failed; it runs again in a second", e);
    }
  }

  /** Stops the task; a reopen under way finishes first (it replays the log), for up to a minute. */
  @Override
  public void close() {
    thread.shutdown(); // not interrupted
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
