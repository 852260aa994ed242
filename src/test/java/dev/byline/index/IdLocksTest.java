package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdLocksTest {
  private final IdLocks locks = new IdLocks();

  @Test
  void a_held_id_never_holds_up_another_id() {
    // With 64 shared stripes, 200 held ids covered nearly every stripe, and the other thread's
    // first write of any id waited for them all (as a write waited for a flush of the buffer).
    Random random = new Random(7);
    List<String> held = new ArrayList<>();
    for (int i = 0; i < 200; i++) held.add("held-" + random.nextLong());
    IdLocks.Held all = locks.lockAll(held);
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            Thread other =
                Thread.ofPlatform()
                    .start(
                        () -> {
                          for (int i = 0; i < 2_000; i++) locks.lock("other-" + i).close();
                        });
            other.join();
          });
    } finally {
      all.close();
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void the_same_id_waits_until_it_is_released_and_is_reentrant() throws Exception {
    IdLocks.Held first = locks.lock("a");
    IdLocks.Held again = locks.lock("a"); // the same thread: reentrant, as synchronized was
    CountDownLatch acquired = new CountDownLatch(1);
    Thread other =
        Thread.ofPlatform()
            .start(
                () -> {
                  IdLocks.Held h = locks.lock("a");
                  acquired.countDown();
                  h.close();
                });
    assertThat(acquired.await(300, TimeUnit.MILLISECONDS)).isFalse();
    again.close();
    assertThat(acquired.await(300, TimeUnit.MILLISECONDS)).isFalse(); // still held once
    first.close();
    assertThat(acquired.await(10, TimeUnit.SECONDS)).isTrue();
    other.join();
    assertThat(locks.size()).isZero();
  }

  @Test
  void random_single_and_batch_locks_exclude_each_other_and_never_deadlock() {
    long seed = Long.getLong("idlocks.seed", System.nanoTime());
    System.out.println("IdLocksTest seed: -Didlocks.seed=" + seed);
    int ids = 12;
    Map<String, int[]> counters = new HashMap<>();
    for (int i = 0; i < ids; i++) counters.put("id" + i, new int[1]);
    int threads = 4;
    int rounds = 3_000;
    AtomicReference<Throwable> failed = new AtomicReference<>();
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<Thread> started = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            started.add(
                Thread.ofPlatform()
                    .start(
                        () -> {
                          try {
                            for (int r = 0; r < rounds; r++) {
                              List<String> mine = new ArrayList<>();
                              int n = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : 1;
                              for (int i = 0; i < n; i++) mine.add("id" + random.nextInt(ids));
                              IdLocks.Held h =
                                  n == 1 ? locks.lock(mine.get(0)) : locks.lockAll(mine);
                              try {
                                // Unsynchronized read-modify-write: a lost update means two
                                // threads held one id at once.
                                for (String id : mine.stream().distinct().toList()) {
                                  int[] c = counters.get(id);
                                  int before = c[0];
                                  Thread.onSpinWait();
                                  c[0] = before + 1;
                                }
                              } finally {
                                h.close();
                              }
                            }
                          } catch (Throwable e) {
                            failed.compareAndSet(null, e);
                          }
                        }));
          }
          for (Thread t : started) t.join();
        });
    assertThat(failed.get()).as("seed " + seed).isNull();
    assertThat(locks.size()).as("seed " + seed).isZero();
    // Replaying the same choices gives how many times each id was taken.
    Map<String, Integer> expected = new HashMap<>();
    for (int t = 0; t < threads; t++) {
      Random random = new Random(seed + t);
      for (int r = 0; r < rounds; r++) {
        List<String> mine = new ArrayList<>();
        int n = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : 1;
        for (int i = 0; i < n; i++) mine.add("id" + random.nextInt(ids));
        for (String id : mine.stream().distinct().toList()) expected.merge(id, 1, Integer::sum);
      }
    }
    for (var e : expected.entrySet()) {
      assertThat(counters.get(e.getKey())[0])
          .as("seed " + seed + ", " + e.getKey())
          .isEqualTo(e.getValue());
    }
  }
}
