package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.article.Article;
import dev.byline.article.DateParser;
import dev.byline.config.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reindex through a running server under a load of searches and writes: no search fails, every
 * acknowledged write is in the new index, deletions stay deleted, the count is right, and a
 * rollback brings the previous index back with nothing lost.
 */
class ReindexOnlineTest {
  @TempDir Path dir;

  /** Waits (at most 30 s, so a broken build fails instead of hanging) for the writer to get ahead. */
  private static void awaitAtLeast(Set<String> written, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (written.size() < count) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("only " + written.size() + " writes acknowledged in 30 s");
      Thread.sleep(10);
    }
  }

  @Test
  void reindex_under_load_then_roll_back() throws Exception {
    String[] words = {
      "harbour", "ferry", "council", "glacier", "storm", "market", "bridge", "school", "river",
      "quay"
    };
    try (TestServer server = TestServer.start(dir)) {
      Random random = new Random(5);
      List<Article> initial = new ArrayList<>();
      for (int i = 0; i < 3_000; i++) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 20; w++) body.append(words[random.nextInt(words.length)]).append(' ');
        initial.add(
            new Article(
                "init-" + i,
                null,
                "Article " + i + " " + words[i % words.length],
                body.toString(),
                List.of(),
                DateParser.parse("2021-06-01"),
                "Load",
                List.of(),
                null));
      }
      server.server.index().write(initial);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger searches = new AtomicInteger();
      List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      Set<String> written = ConcurrentHashMap.newKeySet();
      Set<String> deleted = ConcurrentHashMap.newKeySet();
      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int seed = t;
        load.add(
            new Thread(
                () -> {
                  Random r = new Random(seed);
                  while (!stop.get()) {
                    Response s = server.searchFor(words[r.nextInt(words.length)], "size=5");
                    searches.incrementAndGet();
                    if (s.status() != 200) failures.add(s.toString());
                  }
                }));
      }
      load.add(
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  Response w =
                      server.postJson(
                          json(
                              article(
                                  "new-" + i, "Written during " + i, "harbour news number " + i)));
                  if (w.status() == 200) written.add("new-" + i);
                  else failures.add("write " + w);
                  if (i % 7 == 0 && server.delete("/api/articles/init-" + i).status() == 200)
                    deleted.add("init-" + i);
                }
              }));
      load.forEach(Thread::start);
      awaitAtLeast(written, 20);

      var run = dev.byline.cli.CliTestAccess.run("reindex", "--data", dir.toString());
      assertThat(run.status()).as(run.toString()).isZero();
      assertThat(run.out()).contains("through the server").contains("CheckIndex clean");
      String rebuilt = DataDir.of(dir).liveIndex().getFileName().toString();
      assertThat(rebuilt).startsWith("index-");

      int afterSwap = written.size();
      awaitAtLeast(written, afterSwap + 20); // writes to the new generation
      stop.set(true);
      for (Thread t : load) t.join();

      assertThat(failures).as("failed searches or writes during the reindex").isEmpty();
      assertThat(searches.get()).isGreaterThan(10);
      for (String id : written)
        assertThat(server.get("/api/articles/" + id).status()).as(id).isEqualTo(200);
      for (String id : deleted)
        assertThat(server.get("/api/articles/" + id).status()).as(id).isEqualTo(404);
      long expected = 3_000L + written.size() - deleted.size();
      assertThat(server.articleCount()).isEqualTo(expected);
      assertThat(server.get("/api/stats").json().get("read_only").asBoolean()).isFalse();
      assertThat(server.get("/metrics").body())
          .containsPattern("(?m)^byline_reindex_progress -1(\\.0)?$");

      // Roll back: the previous generation kept receiving writes, so nothing is lost.
      server.postJson(
          json(article("after-swap", "After the swap", "Written to the new generation.")));
      var back =
          dev.byline.cli.CliTestAccess.run("reindex", "--rollback", "--data", dir.toString());
      assertThat(back.status()).as(back.toString()).isZero();
      assertThat(DataDir.of(dir).liveIndex().getFileName().toString()).isEqualTo("index");
      assertThat(server.articleCount()).isEqualTo(expected + 1);
      assertThat(server.get("/api/articles/after-swap").status()).isEqualTo(200);
      assertThat(Files.isDirectory(dir.resolve(rebuilt))).isTrue();
    }
    // And after a restart the rolled-back generation is the one served.
    try (TestServer again = TestServer.start(dir)) {
      assertThat(again.server.index().path().getFileName().toString()).isEqualTo("index");
      assertThat(again.get("/api/articles/after-swap").status()).isEqualTo(200);
    }
  }
}
