package dev.byline.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that share a large write batch with the request thread that brought it, so that one
 * bulk request (or one chunk of {@code byline index}) analyses and indexes on every core instead of
 * one: Lucene's {@code IndexWriter} takes updates from many threads at once, and on a 2-core
 * machine a single-threaded batch leaves a core to merges and idle time.
 *
 * <p>The caller makes {@link #parts} parts of a batch (each a thread's share of it, claimed as it
 * goes: see {@link BatchClaims}) and runs them with {@link #runAll}: the first in its own thread,
 * the others on the workers, returning when all have ended. A part must take only locks it
 * releases before its next article (as a request does), so parts of concurrent batches may queue
 * behind one another on the workers but never deadlock. One instance per writable generation,
 * closed with it.
 */
final class BatchWorkers implements Closeable {
  /** Batches smaller than this run in the caller's thread alone: handing over costs more. */
  static final int MIN_SHARED_BATCH = 64;

  private final ExecutorService pool; // null with one core: every batch runs in its caller
  private final int threads;

  /**
   * @param name the workers' thread name prefix
   * @param threads how many threads a batch may use, the caller's included (1: none started)
   */
  BatchWorkers(String name, int threads) {
    this.threads = Math.max(1, threads);
    if (this.threads == 1) {
      pool = null;
      return;
    }
    AtomicInteger count = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            this.threads - 1,
            r -> {
              Thread t = new Thread(r, name + "-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Workers for as many threads as the machine has cores. */
  static BatchWorkers forCores(String name) {
    return new BatchWorkers(name, Runtime.getRuntime().availableProcessors());
  }

  /** How many parts to make of a batch of {@code size} (1: run it whole in the caller). */
  int parts(int size) {
    return size >= MIN_SHARED_BATCH ? threads : 1;
  }

  /** One part of a batch. */
  @FunctionalInterface
  interface Part<T> {
    T run() throws IOException;
  }

  /**
   * Runs every part, the first in the calling thread and the others on the workers, and returns
   * their results in order once all have ended. When parts fail, the first failure (in part
   * order) is thrown after all have ended, the others added to it as suppressed (one exception
   * thrown by several parts, as a failed writer's is, only once): a part never outlives the call.
   */
  <T> List<T> runAll(List<Part<T>> parts) throws IOException {
    if (parts.size() == 1 || pool == null) {
      List<T> results = new ArrayList<>(parts.size());
      for (Part<T> part : parts) results.add(part.run());
      return results;
    }
    List<Future<T>> others = new ArrayList<>(parts.size() - 1);
    for (Part<T> part : parts.subList(1, parts.size())) {
      FutureTask<T> task =
          new FutureTask<>(
              () -> {
                try {
                  return part.run();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      try {
        pool.execute(task);
      } catch (RejectedExecutionException closing) {
        task.run(); // the generation is closing: the part runs here, and fails as a write would
      }
      others.add(task);
    }
    List<T> results = new ArrayList<>(parts.size());
    Throwable failed = null;
    try {
      results.add(parts.get(0).run());
    } catch (IOException | RuntimeException | Error e) {
      failed = e;
      results.add(null);
    }
    boolean interrupted = false;
    for (Future<T> other : others) {
      T result = null;
      while (true) {
        try {
          result = other.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the part holds the batch's articles: it is waited for anyway
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof UncheckedIOException u) cause = u.getCause();
          if (failed == null) failed = cause;
          else suppress(failed, cause);
          break;
        } catch (CancellationException e) {
          if (failed == null) failed = e;
          else suppress(failed, e);
          break;
        }
      }
      results.add(result);
    }
    if (interrupted) Thread.currentThread().interrupt();
    if (failed instanceof IOException e) throw e;
    if (failed instanceof RuntimeException e) throw e;
    if (failed instanceof Error e) throw e;
    if (failed != null) throw new IOException(failed);
    return results;
  }

  /** Adds {@code e} to {@code failed}, unless it is that very exception (thrown by two parts). */
  @SuppressWarnings(
      "ReferenceEquality") // identity is the point: a Throwable cannot suppress itself
  private static void suppress(Throwable failed, Throwable e) {
    if (e != failed) failed.addSuppressed(e);
  }

  /** Stops the workers; a batch running now finishes its parts first. */
  @Override
  public void close() {
    if (pool != null) pool.shutdown();
  }
}
