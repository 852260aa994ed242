package dev.byline.search;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pools of daemon threads that end after 30 s without work, so that whatever owns one has nothing
 * to close when it goes away (the search layer's query embedding and second counting threads).
 */
final class IdleEndingPool {
  private IdleEndingPool() {}

  /** Up to {@code threads} threads named {@code name-1}, {@code name-2}…; tasks beyond wait. */
  static ThreadPoolExecutor of(String name, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
