package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.config.Limits;
import dev.byline.index.SearchDeadline;
import dev.byline.index.SearchTurn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Searches share the search threads in time slices: a long search lets a waiting one run at its
 * next checkpoint after a slice, takes its turn back, and is not timed out by the wait.
 */
class SearchSlotsTest {
  private static final long LONG_ENOUGH_MS = 10_000;

  /**
   * A search that checks its deadline until {@code until} is set or {@code forMs} pass, as
   * Lucene's time-limited scoring does between ranges of documents; returns its deadline.
   */
  private static SearchDeadline spin(
      SearchTurn turn, CountDownLatch started, AtomicBoolean until, long forMs) {
    SearchDeadline deadline = SearchDeadline.in(LONG_ENOUGH_MS, turn);
    started.countDown();
    long end = System.nanoTime() + forMs * 1_000_000;
    while (!until.get() && System.nanoTime() < end) {
      if (deadline.shouldExit()) break;
      Thread.onSpinWait();
    }
    return deadline;
  }

  // Threads of this test's own, so that an interrupted one is not handed to other tests.
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private <T> CompletableFuture<T> async(SearchSlots slots, SearchSlots.Read<T> read) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return slots.run(null, read);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        threads);
  }

  /** A search that holds its turn, once it has it ({@code holding}), until {@code letGo}. */
  private CompletableFuture<Object> holdTurn(
      SearchSlots slots, CountDownLatch holding, CountDownLatch letGo) {
    return async(
        slots,
        turn -> {
          holding.countDown();
          try {
            letGo.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
  }

  @Test
  void a_short_search_behind_a_long_one_runs_once_the_long_one_has_had_a_slice() throws Exception {
    SearchSlots slots = new SearchSlots(Limits.DEFAULTS.withSearchThreads(1).withSearchSliceMs(2));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean shortRan = new AtomicBoolean();
    CompletableFuture<SearchDeadline> longSearch =
        async(slots, turn -> spin(turn, started, shortRan, LONG_ENOUGH_MS));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Object> shortSearch =
        async(
            slots,
            turn -> {
              shortRan.set(true);
              return null;
            });
    shortSearch.get(10, TimeUnit.SECONDS);
    SearchDeadline longDeadline = longSearch.get(10, TimeUnit.SECONDS);
    assertThat(shortRan).as("the short search ran while the long one was running").isTrue();
    assertThat(longDeadline.hit()).as("the long search was not stopped by giving way").isFalse();
    assertThat(slots.turns().availablePermits()).as("each turn given back once").isEqualTo(1);
  }

  @Test
  void without_slices_a_search_keeps_its_turn_until_it_is_done() throws Exception {
    SearchSlots slots = new SearchSlots(Limits.DEFAULTS.withSearchThreads(1).withSearchSliceMs(0));
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean shortRan = new AtomicBoolean();
    AtomicBoolean longDone = new AtomicBoolean();
    CompletableFuture<SearchDeadline> longSearch =
        async(
            slots,
            turn -> {
              SearchDeadline d = spin(turn, started, shortRan, 300);
              longDone.set(true);
              return d;
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicBoolean ranAfterLong = new AtomicBoolean();
    CompletableFuture<Object> shortSearch =
        async(
            slots,
            turn -> {
              ranAfterLong.set(longDone.get());
              shortRan.set(true);
              return null;
            });
    shortSearch.get(10, TimeUnit.SECONDS);
    longSearch.get(10, TimeUnit.SECONDS);
    assertThat(ranAfterLong).as("the short search waited for all of the long one").isTrue();
    assertThat(slots.turns().availablePermits()).isEqualTo(1);
  }

  @Test
  void a_search_interrupted_while_waiting_for_its_turn_back_stops_and_gives_no_turn_twice()
      throws Exception {
    SearchSlots slots = new SearchSlots(Limits.DEFAULTS.withSearchThreads(1).withSearchSliceMs(1));
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Thread> longThread = new AtomicReference<>();
    CompletableFuture<SearchDeadline> longSearch =
        async(
            slots,
            turn -> {
              longThread.set(Thread.currentThread());
              return spin(turn, started, new AtomicBoolean(), LONG_ENOUGH_MS);
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    // holds the one turn while the long search waits for it back
    CompletableFuture<Object> other = holdTurn(slots, holding, letGo);
    assertThat(holding.await(10, TimeUnit.SECONDS)).as("the long search gave way").isTrue();
    longThread.get().interrupt();
    SearchDeadline longDeadline = longSearch.get(10, TimeUnit.SECONDS);
    assertThat(longDeadline.hit()).as("it stopped, flagged as cut short").isTrue();
    letGo.countDown();
    other.get(10, TimeUnit.SECONDS);
    assertThat(slots.turns().availablePermits())
        .as("the turn it no longer held was not given back")
        .isEqualTo(1);
  }

  @Test
  void a_search_borrows_an_idle_turn_only_when_nobody_waits_and_gives_it_back_once()
      throws Exception {
    SearchSlots slots = new SearchSlots(Limits.DEFAULTS.withSearchThreads(2).withSearchSliceMs(20));
    CompletableFuture<Boolean> alone =
        async(
            slots,
            turn -> {
              SearchTurn.Loan loan = turn.borrowIdle();
              boolean lent = loan != null && slots.turns().availablePermits() == 0;
              loan.close();
              loan.close(); // a second close gives nothing back
              return lent && turn.borrowIdle() != null; // idle again (not closed: see below)
            });
    assertThat(alone.get(10, TimeUnit.SECONDS)).as("lent while the other turn was idle").isTrue();
    assertThat(slots.turns().availablePermits())
        .as("the loan given back once; the loan never closed is still out")
        .isEqualTo(1);
    slots.turns().release(); // the loan the search above kept

    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    CompletableFuture<Object> other = holdTurn(slots, holding, letGo);
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> busy = async(slots, turn -> turn.borrowIdle() == null);
    assertThat(busy.get(10, TimeUnit.SECONDS)).as("no turn idle: nothing lent").isTrue();
    letGo.countDown();
    other.get(10, TimeUnit.SECONDS);
    assertThat(slots.turns().availablePermits()).isEqualTo(2);
  }

  @Test
  void time_spent_waiting_for_the_turn_back_does_not_count_against_the_deadline() {
    AtomicBoolean first = new AtomicBoolean(true);
    SearchTurn slowToComeBack =
        () -> {
          if (!first.getAndSet(false)) return 0;
          long t0 = System.nanoTime();
          sleep(150);
          return System.nanoTime() - t0;
        };
    SearchDeadline deadline = SearchDeadline.in(100, slowToComeBack);
    assertThat(deadline.shouldExit()).as("150 ms waiting, ~0 ms running, of 100").isFalse();
    sleep(150);
    assertThat(deadline.shouldExit()).as("150 ms running").isTrue();
    assertThat(deadline.hit()).isTrue();
  }

  @Test
  void a_turn_that_cannot_be_taken_back_stops_the_search() {
    SearchDeadline deadline = SearchDeadline.in(LONG_ENOUGH_MS, () -> -1);
    assertThat(deadline.shouldExit()).isTrue();
    assertThat(deadline.hit()).isTrue();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
