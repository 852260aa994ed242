package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many bytes of request body the write endpoint works on at once. Turning a body into
 * articles takes several times its size in heap (a 40 MB page needs 250–300 MB for jsoup's tree
 * and the text taken from it), so before this, four 40 MB pages sent at once took a server with a
 * 1 GB heap out of memory: all four were answered 500 and the index writer, which hit the
 * shortage first, failed until it was reopened. A write now takes its body's length (the whole
 * budget when it is larger) once the body has arrived, so that a slow upload holds none, and
 * gives it back when answered; one that cannot have it within {@link #WAIT_MS} is answered 429 with
 * {@code Retry-After}, and nothing of it is written. Small writes share the budget and never
 * wait for each other in practice. Thread-safe.
 */
final class WriteMemory {
  /** How long a write waits for room before its 429. */
  static final long WAIT_MS = 30_000;

  /** The budget as a share of the heap: a tenth, each byte of body costing up to about 7. */
  static final int HEAP_SHARE = 10;

  private static final int UNIT = 1024; // permits count KiB, so that any heap fits an int

  private final Semaphore kib;
  private final int budgetKib;
  private volatile long waitMs;

  /** Room for {@code budgetBytes} of bodies at once (at least 1 KiB). */
  WriteMemory(long budgetBytes, long waitMs) {
    this.budgetKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / UNIT));
    this.kib = new Semaphore(budgetKib, true);
    this.waitMs = waitMs;
  }

  /** A tenth of this JVM's largest heap. */
  static WriteMemory ofHeap() {
    return new WriteMemory(Runtime.getRuntime().maxMemory() / HEAP_SHARE, WAIT_MS);
  }

  /** Room taken for one request; {@link #close} gives it back (once). */
  final class Room implements AutoCloseable {
    private int held;

    private Room(int held) {
      this.held = held;
    }

    @Override
    public void close() {
      if (held > 0) kib.release(held);
      held = 0;
    }
  }

  /**
   * Takes room for a body of {@code bytes} (negative: of unknown size, so the whole budget;
   * more than the budget: the whole budget, so that it runs alone).
   *
   * @throws InvalidRequestException a 429 when there is no room within the wait
   */
  Room take(io.javalin.http.Context ctx, long bytes) {
    Room room = tryTake(bytes);
    if (room == null) {
      ctx.header("Retry-After", "5");
      throw new InvalidRequestException(
          429,
          "too_many_requests",
          "the server is working on as much written data as its memory allows: nothing of this"
              + " request was written; send it again shortly");
    }
    return room;
  }

  /** As {@link #take}, null instead of the 429. */
  Room tryTake(long bytes) {
    long wanted = bytes < 0 ? budgetKib : (bytes + UNIT - 1) / UNIT;
    int units = (int) Math.max(1, Math.min(budgetKib, wanted));
    try {
      return kib.tryAcquire(units, waitMs, TimeUnit.MILLISECONDS) ? new Room(units) : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A test seam: how long a write waits for room. */
  void waitMs(long ms) {
    this.waitMs = ms;
  }

  /** The budget's permits, in KiB (tests hold them to see the 429). */
  Semaphore permits() {
    return kib;
  }
}
