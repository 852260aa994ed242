package dev.byline.http;

import dev.byline.config.Limits;
import dev.byline.errors.InvalidRequestException;
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
 */
final class SearchSlots {
  /** Something that reads the index; run while holding a turn. */
  interface Read<T> {
    T run() throws IOException;
  }

  private static final long ADMIT_WAIT_MS = 1_000;

  private final Semaphore admitted;
  private final Semaphore turns;
  private final long turnWaitMs;

  SearchSlots(Limits limits) {
    this.admitted = new Semaphore(limits.maxConcurrentSearches());
    // Fair: an admitted search is not overtaken by later ones while it waits.
    this.turns = new Semaphore(limits.searchThreads(), true);
    this.turnWaitMs = limits.searchTimeoutMs();
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
      try {
        return read.run();
      } finally {
        turns.release();
      }
    } finally {
      admitted.release();
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
