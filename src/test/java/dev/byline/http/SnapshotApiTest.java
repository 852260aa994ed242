package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/snapshots} under what clients can send: a name that is the staging folder of
 * another snapshot, the same name sent at once, snapshots while reindexes and rollbacks swap the
 * live index. Each answer is a 201 or a 4xx, never a 500, and no snapshot is lost (found by
 * probing a running server from outside).
 */
class SnapshotApiTest {
  @TempDir Path dir;

  private static String named(String name) {
    return "{\"name\": \"" + name + "\"}";
  }

  @Test
  void a_name_ending_as_a_staging_folder_is_refused_and_no_snapshot_is_lost() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(json(article("a1", "Harbour", "The harbour wall held.")));
      TestServer.Response staged =
          server.post("/api/snapshots", "application/json", named("daily.partial"));
      assertThat(staged.status()).as(staged.toString()).isEqualTo(400);
      assertThat(staged.json().get("error").asText()).isEqualTo("invalid_parameter");
      assertThat(server.post("/api/snapshots", "application/json", named("daily")).status())
          .isEqualTo(201);
      assertThat(dir.resolve("snapshots/daily/snapshot.json")).exists();
      try (var listing = Files.list(dir.resolve("snapshots"))) {
        assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("daily");
      }
    }
  }

  @Test
  void a_body_that_is_not_a_name_object_is_refused_and_takes_no_snapshot() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(json(article("a1", "Harbour", "The harbour wall held.")));
      String[][] refused = {
        {"application/json", "{\"name\": 1}", "invalid_parameter"},
        {"application/json", "{\"name\": [\"a\"]}", "invalid_parameter"},
        {"application/json", "{\"name\": \"a\"} trailing", "invalid_json"},
        {"application/json", "{\"name\": \"a\"}{}", "invalid_json"},
        {"application/json", "[\"a\"]", "invalid_json"},
        {"application/json", "\"a\"", "invalid_json"},
        {"application/json", "{\"nmae\": \"a\"}", "invalid_parameter"},
        {"text/plain", "{\"name\": \"a\"}", "unsupported_media_type"},
      };
      for (String[] r : refused) {
        TestServer.Response answer = server.post("/api/snapshots", r[0], r[1]);
        assertThat(answer.status()).as("%s %s: %s", r[0], r[1], answer).isBetween(400, 415);
        assertThat(answer.json().get("error").asText()).as(r[1]).isEqualTo(r[2]);
        assertThat(answer.json().get("message").asText()).isNotBlank();
      }
      assertThat(dir.resolve("snapshots/a")).doesNotExist();
      assertThat(dir.resolve("snapshots/1")).doesNotExist();
      // What is meant still works: a name, an explicit null, or no body at all.
      assertThat(server.post("/api/snapshots", "application/json", named("a")).status())
          .isEqualTo(201);
      assertThat(server.post("/api/snapshots", "application/json", "{\"name\": null}").status())
          .isEqualTo(201);
      assertThat(server.post("/api/snapshots", "application/json", " ").status()).isEqualTo(201);
    }
  }

  @Test
  void the_same_name_sent_at_once_is_one_201_and_409s() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(json(article("a1", "Harbour", "The harbour wall held.")));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int round = 0; round < 5; round++) {
          String name = "same-" + round;
          List<Future<TestServer.Response>> answers = new ArrayList<>();
          for (int i = 0; i < 4; i++)
            answers.add(
                pool.submit(() -> server.post("/api/snapshots", "application/json", named(name))));
          int created = 0;
          for (Future<TestServer.Response> f : answers) {
            TestServer.Response r = f.get();
            assertThat(r.status()).as(r.toString()).isIn(201, 409);
            if (r.status() == 201) created++;
          }
          assertThat(created).as(name).isEqualTo(1);
          assertThat(dir.resolve("snapshots/" + name + "/snapshot.json")).exists();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void snapshots_taken_while_reindexes_and_rollbacks_swap_the_index_never_fail() throws Exception {
    long seed = System.nanoTime();
    System.out.println("SnapshotApiTest seed " + seed);
    Random random = new Random(seed);
    try (TestServer server = TestServer.start(dir)) {
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < 300; i++) {
        if (i > 0) batch.append(',');
        batch.append(json(article("a" + i, "Harbour " + i, "The harbour wall held, day " + i)));
      }
      server.postJson(batch.append(']').toString());
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<?> swaps =
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    String path = random.nextBoolean() ? "/api/reindex" : "/api/reindex/rollback";
                    server.post(path, "application/json", "");
                    Thread.sleep(random.nextInt(50));
                  }
                  return null;
                });
        int taken = 0;
        while (!swaps.isDone() || taken < 10) {
          TestServer.Response r =
              server.post("/api/snapshots", "application/json", named("s" + taken));
          assertThat(r.status()).as("seed %d: %s", seed, r).isEqualTo(201);
          taken++;
          if (taken > 400) break;
        }
        swaps.get();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void a_snapshot_left_staged_by_a_crash_does_not_keep_its_name_taken() throws Exception {
    Files.createDirectories(dir.resolve("snapshots/nightly.partial/index"));
    Files.writeString(dir.resolve("snapshots/nightly.partial/index/_0.si"), "half a copy");
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(json(article("a1", "Harbour", "The harbour wall held.")));
      TestServer.Response r = server.post("/api/snapshots", "application/json", named("nightly"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(dir.resolve("snapshots/nightly.partial")).doesNotExist();
    }
  }
}
