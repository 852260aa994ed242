package dev.byline.http;

import dev.byline.errors.InvalidRequestException;
import java.util.concurrent.Semaphore;

/**
 * How many bytes of request bodies the server holds while they arrive and until their requests
 * are answered. {@link WriteMemory} bounds the bodies being worked on, once whole; this bounds the
 * ones still arriving, which are held in the heap too: fifteen uploads of 90 MB at once (each under
 * the body limit) took a 1 GB heap out of memory before any of them was whole (an outside fault
 * hunt). A body holds room for what has arrived of it, byte by byte as it arrives, so a slow upload
 * holds only what it sent; a body that finds no room is answered 429 with {@code Retry-After} at
 * once, and its connection closed, rather than waiting with its bytes half read. Thread-safe.
 */
final class ReceivingMemory {
  /** The budget as a share of the heap: a quarter, each byte held costing about two. */
  static final int HEAP_SHARE = 4;

  /** Each byte received is held twice while it arrives: in the growing buffer and its copy. */
  static final int COPIES = 2;

  private static final int UNIT = 1024; // permits count KiB, so that any heap fits an int

  private final Semaphore kib;

  ReceivingMemory(long budgetBytes) {
    this.kib = new Semaphore((int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / UNIT)));
  }

  /** A quarter of this JVM's largest heap. */
  static ReceivingMemory ofHeap() {
    return new ReceivingMemory(Runtime.getRuntime().maxMemory() / HEAP_SHARE);
  }

  /** The room one request's body holds; {@link #close} gives it back (once). */
  final class Held implements AutoCloseable {
    private final io.javalin.http.Context ctx;
    private long bytes;
    private int units;

    private Held(io.javalin.http.Context ctx) {
      this.ctx = ctx;
    }

    /**
     * Holds room for {@code more} bytes just arrived.
     *
     * @throws InvalidRequestException a 429 when the server holds as many bytes as it may
     */
    void add(int more) {
      bytes += more;
      long wanted = (bytes * COPIES + UNIT - 1) / UNIT;
      int need = (int) Math.min(Integer.MAX_VALUE, wanted - units);
      if (need <= 0) return;
      if (!kib.tryAcquire(need)) {
        ctx.header("Retry-After", "5");
        ctx.header("Connection", "close"); // the rest of the body is not read
        throw new InvalidRequestException(
            429,
            "too_many_requests",
            "the server is receiving as many bytes of requests as its memory allows: nothing of"
                + " this request was written; send it again shortly");
      }
      units += need;
    }

    @Override
    public void close() {
      if (units > 0) kib.release(units);
      units = 0;
    }
  }

  /** Room for the body of the request {@code ctx}, none held yet. */
  Held hold(io.javalin.http.Context ctx) {
    return new Held(ctx);
  }

  /** The budget's permits, in KiB (tests hold them to see the 429). */
  Semaphore permits() {
    return kib;
  }
}
