package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.article.Article;
import dev.byline.article.DateParser;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reindex task's progress is the truth: {@code done} counts the stored articles copied, out of
 * {@code total}, and never passes it, even when writes made meanwhile (which reach the new index
 * as they are made) leave it holding more articles than it copied.
 */
class ReindexProgressTest {
  @TempDir Path dir;

  @Test
  void done_never_exceeds_total_when_writes_arrive_during_the_reindex() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      List<Article> stored = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        stored.add(
            new Article(
                "s-" + i,
                null,
                "Stored " + i,
                "The harbour ferry and the council " + i,
                List.of(),
                DateParser.parse("2021-06-01"),
                "Load",
                List.of(),
                null));
      }
      server.server.index().write(stored);

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      Thread writer =
          new Thread(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  if (server
                          .postJson(
                              json(
                                  article("w-" + i, "Written " + i, "Written during the reindex.")))
                          .status()
                      == 200) {
                    written.incrementAndGet();
                  }
                }
              });
      writer.start();
      try {
        // Writes must land while a reindex copies; a fast machine may need more than one go.
        boolean sawWritesDuring = false;
        for (int attempt = 0; attempt < 5 && !sawWritesDuring; attempt++) {
          int before = written.get();
          while (written.get() < before + 5) Thread.sleep(5);
          JsonNode task = followToTheEnd(server);
          long total = task.get("total").asLong();
          long done = task.get("done").asLong();
          long articles = task.get("articles").asLong();
          assertThat(done).as(task.toString()).isEqualTo(total);
          assertThat(articles).as(task.toString()).isGreaterThanOrEqualTo(total);
          sawWritesDuring = articles > total;
        }
        assertThat(sawWritesDuring)
            .as("no write landed while a reindex copied, in 5 reindexes")
            .isTrue();
      } finally {
        stop.set(true);
        writer.join();
      }
    }
  }

  /** Starts a reindex and polls its task until it ends, checking done <= total on every poll. */
  private static JsonNode followToTheEnd(TestServer server) throws InterruptedException {
    Response started =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/reindex"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    String path = "/api/tasks/" + started.json().get("id").asText();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode task = server.get(path).json();
      if (!task.get("total").isNull()) {
        assertThat(task.get("done").asLong())
            .as(task.toString())
            .isLessThanOrEqualTo(task.get("total").asLong());
      }
      if (!task.get("state").asText().equals("running")) {
        assertThat(task.get("state").asText()).as(task.toString()).isEqualTo("succeeded");
        return task;
      }
      assertThat(System.nanoTime()).as("the reindex did not end in 60 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
