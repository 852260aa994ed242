package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.DataDir;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Reindexer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollback and reindex through the API in every order a caller can send them: each answers
 * clearly (a 409 with a code that says why when it cannot be done, a 500 when the disk fails) and
 * no acknowledged write is lost, before or after a restart.
 */
class ReindexRollbackTest {
  @TempDir Path dir;

  private final List<String> acknowledged = new ArrayList<>();

  /** Writes an article over HTTP and remembers it once the server acknowledged it. */
  private void write(TestServer server, String id) {
    Response r =
        server.postJson(
            json(article(id, "Article " + id, "The harbour ferry report number " + id + ".")));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    acknowledged.add(id);
  }

  private void writeMany(TestServer server, String prefix, int count) {
    for (int i = 0; i < count; i++) write(server, prefix + i);
  }

  private void assertEveryAcknowledgedWriteIsServed(TestServer server) {
    for (String id : acknowledged) {
      assertThat(server.get("/api/articles/" + id).status())
          .as("acknowledged article " + id)
          .isEqualTo(200);
    }
    assertThat(server.articleCount()).isEqualTo(acknowledged.size());
  }

  private static Response post(TestServer server, String path) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** Runs a reindex through the API to its end; returns the generation it made live. */
  private static String reindex(TestServer server) throws InterruptedException {
    Response started = post(server, "/api/reindex");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String task = "/api/tasks/" + started.json().get("id").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Response state = server.get(task);
    while (state.json().get("state").asText().equals("running")) {
      assertThat(System.nanoTime()).as("the reindex did not end in 60 s").isLessThan(deadline);
      Thread.sleep(20);
      state = server.get(task);
    }
    assertThat(state.json().get("state").asText()).as(state.toString()).isEqualTo("succeeded");
    return state.json().get("generation").asText();
  }

  private String live() {
    return DataDir.of(dir).liveIndex().getFileName().toString();
  }

  @Test
  void a_rollback_while_a_reindex_runs_is_a_409_and_loses_no_acknowledged_write() throws Exception {
    String first;
    Reindexer.Result second;
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "before-", 30);
      first = reindex(server); // now there is a previous generation a rollback could bring back
      write(server, "after-first");

      // A second reindex, held while it copies so that the requests below meet it running.
      CountDownLatch copying = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ArticleIndex.ReindexProgress held =
          new ArticleIndex.ReindexProgress() {
            @Override
            public void total(long articles) {
              copying.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }

            @Override
            public void copied(long articles) {}
          };
      CompletableFuture<Reindexer.Result> running =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.server.index().reindexOnline(dir, 1, held);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertThat(copying.await(30, TimeUnit.SECONDS)).as("the reindex started copying").isTrue();
      writeMany(server, "during-", 10);

      Response rollback = post(server, "/api/reindex/rollback");
      assertThat(rollback.status()).as(rollback.toString()).isEqualTo(409);
      assertThat(rollback.json().get("error").asText()).isEqualTo("reindex_running");
      assertThat(rollback.json().get("message").asText()).contains("reindex is running");
      Response another = post(server, "/api/reindex");
      assertThat(another.status()).as(another.toString()).isEqualTo(409);
      assertThat(another.json().get("error").asText()).isEqualTo("reindex_running");

      assertThat(live()).isEqualTo(first);
      assertThat(server.server.index().path().getFileName().toString()).isEqualTo(first);
      assertEveryAcknowledgedWriteIsServed(server);

      release.countDown();
      second = running.get(60, TimeUnit.SECONDS);
      assertThat(live()).isEqualTo(second.generation().getFileName().toString());
      writeMany(server, "after-second-", 5);
      assertEveryAcknowledgedWriteIsServed(server);
    }
    try (TestServer again = TestServer.start(dir)) {
      assertThat(again.server.index().path()).isEqualTo(second.generation());
      assertEveryAcknowledgedWriteIsServed(again);
    }
  }

  @Test
  void a_rollback_with_nothing_to_roll_back_to_is_a_409_that_says_why() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "a-", 3);
      Response rollback = post(server, "/api/reindex/rollback");
      assertThat(rollback.status()).as(rollback.toString()).isEqualTo(409);
      assertThat(rollback.json().get("error").asText()).isEqualTo("nothing_to_roll_back");
      assertThat(rollback.json().get("message").asText())
          .contains("no reindex has run since this server started");
      assertThat(live()).isEqualTo("index");
      assertEveryAcknowledgedWriteIsServed(server);
    }
  }

  @Test
  void after_a_reindex_that_failed_a_rollback_is_a_409_that_says_the_kept_index_was_retired()
      throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "a-", 5);
      String first = reindex(server);
      write(server, "b");
      ArticleIndex.ReindexProgress failing =
          new ArticleIndex.ReindexProgress() {
            @Override
            public void total(long articles) {
              throw new IllegalStateException("the disk filled up (a test's failure)");
            }

            @Override
            public void copied(long articles) {}
          };
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> server.server.index().reindexOnline(dir, 1, failing))
          .hasMessageContaining("a test's failure");
      assertThat(live()).isEqualTo(first);
      write(server, "c");

      Response rollback = post(server, "/api/reindex/rollback");
      assertThat(rollback.status()).as(rollback.toString()).isEqualTo(409);
      assertThat(rollback.json().get("error").asText()).isEqualTo("nothing_to_roll_back");
      assertThat(rollback.json().get("message").asText())
          .contains("retired")
          .contains("did not finish");
      assertEveryAcknowledgedWriteIsServed(server);

      // The failure released the reindex: the next one runs, and can be rolled back.
      String second = reindex(server);
      write(server, "d");
      Response back = post(server, "/api/reindex/rollback");
      assertThat(back.status()).as(back.toString()).isEqualTo(200);
      assertThat(back.json().get("live").asText()).isEqualTo(first);
      assertThat(second).isNotEqualTo(first);
      assertEveryAcknowledgedWriteIsServed(server);
    }
  }

  @Test
  void rolling_back_twice_brings_the_reindexed_generation_back_with_every_write() throws Exception {
    String rebuilt;
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "a-", 5);
      rebuilt = reindex(server);
      write(server, "b");
      Response once = post(server, "/api/reindex/rollback");
      assertThat(once.status()).as(once.toString()).isEqualTo(200);
      assertThat(once.json().get("live").asText()).isEqualTo("index");
      write(server, "c");
      Response twice = post(server, "/api/reindex/rollback");
      assertThat(twice.status()).as(twice.toString()).isEqualTo(200);
      assertThat(twice.json().get("live").asText()).isEqualTo(rebuilt);
      write(server, "d");
      assertThat(live()).isEqualTo(rebuilt);
      assertEveryAcknowledgedWriteIsServed(server);
    }
    try (TestServer again = TestServer.start(dir)) {
      assertThat(again.server.index().path().getFileName().toString()).isEqualTo(rebuilt);
      assertEveryAcknowledgedWriteIsServed(again);
    }
  }

  @Test
  void a_reindex_right_after_a_rollback_keeps_every_acknowledged_write() throws Exception {
    String second;
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "a-", 5);
      reindex(server);
      write(server, "b");
      assertThat(post(server, "/api/reindex/rollback").status()).isEqualTo(200);
      second = reindex(server);
      write(server, "c");
      assertThat(live()).isEqualTo(second);
      assertEveryAcknowledgedWriteIsServed(server);
      // And the generation it replaced (the one rolled back to) is the one a rollback brings back.
      Response back = post(server, "/api/reindex/rollback");
      assertThat(back.status()).as(back.toString()).isEqualTo(200);
      assertThat(back.json().get("live").asText()).isEqualTo("index");
      write(server, "d");
      assertEveryAcknowledgedWriteIsServed(server);
    }
    try (TestServer again = TestServer.start(dir)) {
      assertThat(again.server.index().path().getFileName().toString()).isEqualTo("index");
      assertEveryAcknowledgedWriteIsServed(again);
    }
  }

  @Test
  void a_rollback_that_fails_on_disk_is_a_500_and_changes_nothing() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      writeMany(server, "a-", 5);
      String rebuilt = reindex(server);
      write(server, "b");
      // The rollback writes PREVIOUS through PREVIOUS.tmp: a folder in its place makes that fail.
      Path obstacle = Files.createDirectories(dir.resolve(DataDir.PREVIOUS_FILE + ".tmp"));
      Files.writeString(obstacle.resolve("keep"), "not empty");

      Response failed = post(server, "/api/reindex/rollback");
      assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
      assertThat(failed.json().get("error").asText()).isEqualTo("internal_error");
      assertThat(live()).isEqualTo(rebuilt);
      assertThat(server.server.index().path().getFileName().toString()).isEqualTo(rebuilt);
      write(server, "c");
      assertEveryAcknowledgedWriteIsServed(server);

      // Once the disk is fixed, the same rollback works and has every write.
      Files.delete(obstacle.resolve("keep"));
      Files.delete(obstacle);
      Response back = post(server, "/api/reindex/rollback");
      assertThat(back.status()).as(back.toString()).isEqualTo(200);
      assertThat(live()).isEqualTo("index");
      write(server, "d");
      assertEveryAcknowledgedWriteIsServed(server);
    }
  }
}
