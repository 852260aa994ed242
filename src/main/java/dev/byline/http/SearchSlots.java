package dev.byline.http;

import dev.byline.config.Limits;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.SearchTurn;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Who may read the index now: at most {@link Limits#maxConcurrentSearches()} searches are admitted
 * at once, and of those at most {@link Limits#searchThreads()} run; the others wait their turn, in
 * arrival order. A search that is not admitted within a second, or that waits for a turn longer
 * than the search timeout, is answered with a 429 and {@code Retry-After}, never queued without
 * bound.
 *
 * <p>Why two bounds: the HTTP server gives every connection a thread, and a search is CPU work, so
 * eight connections on two cores would run eight searches that share two cores. Each then takes
 * four times as long, and on a freshly started server the JIT compiler thread, which shares the
 * cores with them, gets a smaller share and takes longer to make the search path fast. Elasticsearch
 * sizes its search thread pool by the cores for the same reason.
 *
 * <p>Why slices: in arrival order alone, a search of a few milliseconds that arrives behind a
 * phrase matching half the index waits for all of it, so under load the typical (median) search
 * waits as long as the average one, dominated by the few long ones. A search that has held its
 * turn for {@link Limits#searchSliceMs()} hands it, at its next checkpoint, to the search that has
 * waited longest, and queues again behind the others (round robin, as an operating system shares a
 * core among threads): a short search then waits for a slice of each long one.
 *
 * <p>The other way round, when a turn is idle and nobody waits, a search may borrow it for a
 * second thread ({@link SearchTurn#borrowIdle}): under light load a large search uses both cores.
 */
final class SearchSlots {
  /** Something that reads the index; run while holding {@code turn}, which it may offer. */
  interface Read<T> {
    T run(SearchTurn turn) throws IOException;
  }

  private static final long ADMIT_WAIT_MS = 1_000;

  private final Semaphore admitted;
  private final Semaphore turns;
  private final long turnWaitMs;
  private final long sliceNanos;

  SearchSlots(Limits limits) {
    this.admitted = new Semaphore(limits.maxConcurrentSearches());
    // Fair: an admitted search is not overtaken by later ones while it waits.
    this.turns = new Semaphore(limits.searchThreads(), true);
    this.turnWaitMs = limits.searchTimeoutMs();
    this.sliceNanos = limits.searchSliceMs() * 1_000_000;
  }

  /**
   * Runs {@code read} once admitted and given a turn; both are released when it returns or throws.
   *
   * @throws InvalidRequestException a 429 when the server is answering as many searches as it may
   */
  <T> T run(io.javalin.http.Context ctx, Read<T> read) throws IOException {
    if (!acquire(admitted, ADMIT_WAIT_MS)) throw busy(ctx);
    try {
      if (!acquire(turns, turnWaitMs)) throw busy(ctx);
      Turn turn = new Turn(Thread.currentThread());
      try {
        return read.run(turn);
      } finally {
        if (turn.held) turns.release();
      }
    } finally {
      admitted.release();
    }
  }

  /** One search's turn; its state is read and written only by the thread running the search. */
  private final class Turn implements SearchTurn {
    private final Thread owner;
    private long since = System.nanoTime();
    private boolean held = true;

    Turn(Thread owner) {
      this.owner = owner;
    }

    @Override
    public long offer() {
      if (sliceNanos == 0 || Thread.currentThread() != owner) return 0;
      if (!held) return -1; // lost at an earlier checkpoint: the search is stopping
      long now = System.nanoTime();
      if (now - since < sliceNanos || !turns.hasQueuedThreads()) return 0;
      turns.release();
      held = false;
      if (!acquire(turns, turnWaitMs)) return -1;
      held = true;
      since = System.nanoTime();
      return since - now;
    }

    @Override
    public Loan borrowIdle() {
      // Only a turn nobody waits for: a search's second thread must not delay another search.
      if (Thread.currentThread() != owner || turns.hasQueuedThreads() || !turns.tryAcquire()) {
        return null;
      }
      return new Lent();
    }
  }

  /** A turn lent to a search's second thread; given back once. */
  private final class Lent implements SearchTurn.Loan {
    private final java.util.concurrent.atomic.AtomicBoolean back =
        new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
      if (back.compareAndSet(false, true)) turns.release();
    }
  }

  private static boolean acquire(Semaphore permits, long waitMs) {
    try {
      return permits.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static InvalidRequestException busy(io.javalin.http.Context ctx) {
    ctx.header("Retry-After", "1");
    return new InvalidRequestException(
        429,
        "too_many_requests",
        "the server is answering as many searches as it may: try again shortly");
  }

  /** The admission permits (tests hold them to see the 429). */
  Semaphore admitted() {
    return admitted;
  }

  /** The running turns (tests hold them to see searches wait). */
  Semaphore turns() {
    return turns;
  }
}
