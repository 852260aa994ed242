package dev.byline.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BatchClaimsTest {
  /**
   * Threads claiming one batch at once: every article is written exactly once, and all the
   * articles of one id by one thread in the batch's order. Random batches, the seed printed.
   */
  @Test
  void every_article_once_and_each_ids_articles_by_one_thread_in_order() throws Exception {
    long seed = System.nanoTime();
    System.out.println("BatchClaimsTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      int size = random.nextInt(600);
      int distinct = 1 + random.nextInt(Math.max(1, size));
      List<String> ids = new ArrayList<>(size);
      for (int i = 0; i < size; i++) ids.add("id-" + random.nextInt(distinct));
      BatchClaims claims = new BatchClaims(ids);
      Map<Integer, String> writtenBy = new ConcurrentHashMap<>();
      Map<String, List<Integer>> orderById = new ConcurrentHashMap<>();
      Thread[] threads = new Thread[1 + random.nextInt(4)];
      for (int t = 0; t < threads.length; t++) {
        String name = "t" + t;
        threads[t] =
            new Thread(
                () -> {
                  for (int first = claims.claim(); first >= 0; first = claims.claim()) {
                    for (int i = first; i >= 0; i = claims.nextSameId(i)) {
                      assertThat(writtenBy.put(i, name)).isNull();
                      orderById.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(i);
                    }
                  }
                });
        threads[t].start();
      }
      for (Thread t : threads) t.join();
      assertThat(writtenBy).as("seed %d, round %d", seed, round).hasSize(size);
      Map<String, List<Integer>> expected = new HashMap<>();
      for (int i = 0; i < size; i++)
        expected.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(i);
      assertThat(orderById).as("seed %d, round %d", seed, round).isEqualTo(expected);
      for (List<Integer> positions : expected.values()) {
        assertThat(positions.stream().map(writtenBy::get).distinct().count())
            .as("seed %d: one thread per id", seed)
            .isEqualTo(1);
      }
    }
  }
}
