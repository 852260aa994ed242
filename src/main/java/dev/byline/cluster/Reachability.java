package dev.byline.cluster;

import java.util.function.LongSupplier;

/**
 * Whether Kafka counts as reachable for the feed: it does not once the feed has listened for
 * {@code afterNanos} without an answer. Time the feed spends applying what it read (a large batch
 * on a node catching up can take many seconds) is not listening: Kafka's silence then says
 * nothing, and counting it took a node that was only busy out of service as if Kafka were gone
 * (writes refused, {@code /health} saying read_only instead of catching_up). Written by the feed's
 * thread, read by any.
 */
final class Reachability {
  private final LongSupplier clock;
  private final long afterNanos;

  /** When the feed last heard from Kafka, or turned back to it after applying records. */
  private volatile long listeningSince;

  private volatile boolean applying;
  private volatile String problem = "no answer from Kafka yet";

  /**
   * @param clock nanoseconds, as {@link System#nanoTime}
   * @param afterNanos how long the feed listens without an answer before Kafka is unreachable
   */
  Reachability(LongSupplier clock, long afterNanos) {
    this.clock = clock;
    this.afterNanos = afterNanos;
    this.listeningSince = clock.getAsLong();
  }

  /** Kafka answered. */
  void heard() {
    listeningSince = clock.getAsLong();
  }

  /** What went wrong when Kafka last did not answer: told by {@link #unreachable()}. */
  void problem(String why) {
    problem = why;
  }

  /** The feed stops listening to apply what it read (or retries the index). */
  void applying() {
    applying = true;
  }

  /** The feed listens again: the silence counted from now. */
  void listening() {
    listeningSince = clock.getAsLong();
    applying = false;
  }

  /** Why Kafka is unreachable, or null while it answers (or the feed is not listening). */
  String unreachable() {
    if (applying) return null;
    return clock.getAsLong() - listeningSince > afterNanos ? problem : null;
  }
}
