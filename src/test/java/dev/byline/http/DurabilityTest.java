package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.TestServer;
import dev.byline.config.DataDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable: a server process killed with SIGKILL while writes are in flight
 * loses none that it acknowledged, and the index opens cleanly afterwards.
 */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class DurabilityTest {
  @TempDir Path dir;

  private Process startServerProcess() throws Exception {
    List<String> command = dev.byline.ServeCommands.serve(dir, List.of());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolveSibling(dir.getFileName() + "-server.log").toFile())
        .start();
  }

  private URI waitForServer(Process process) throws Exception {
    Path file = DataDir.of(dir).serverFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive())
        throw new AssertionError("server process exited: " + process.exitValue());
      if (Files.exists(file)) {
        try {
          JsonNode info = new ObjectMapper().readTree(file.toFile());
          return URI.create(info.get("url").asText());
        } catch (Exception partial) {
          // written as we read it: try again
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server did not start");
  }

  @Test
  void kill_9_loses_no_acknowledged_article() throws Exception {
    stopDuringWrites(true);
  }

  @Test
  void sigterm_during_ingest_loses_no_acknowledged_article_and_exits_cleanly() throws Exception {
    stopDuringWrites(false);
  }

  private void stopDuringWrites(boolean kill) throws Exception {
    Process process = startServerProcess();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      URI base = waitForServer(process);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        int thread = t;
        var unused =
            writers.submit(
                () -> {
                  // Writers 0 and 1 send one article at a time, answered once searchable;
                  // 2 and 3 batches of 100 (shared over the cores) with refresh=false,
                  // answered once durable: acknowledged either way.
                  int batch = thread < 2 ? 1 : 100;
                  String path = thread < 2 ? "/api/articles" : "/api/articles?refresh=false";
                  for (int i = 0; !stop.get() && i < 10_000; i += batch) {
                    List<String> ids = new java.util.ArrayList<>();
                    StringBuilder body = new StringBuilder();
                    for (int j = i; j < i + batch; j++) {
                      String id = "t" + thread + "-" + j;
                      ids.add(id);
                      body.append(
                              json(
                                  article(
                                      id,
                                      "Article " + id,
                                      "Durable body number " + j + " of writer " + thread)))
                          .append('\n');
                    }
                    try {
                      HttpResponse<String> r =
                          http.send(
                              HttpRequest.newBuilder(base.resolve(path))
                                  .header("Content-Type", "application/x-ndjson")
                                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() == 200 && r.body().contains("\"failed\":0"))
                        acknowledged.addAll(ids);
                    } catch (Exception killed) {
                      return null;
                    }
                  }
                  return null;
                });
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (acknowledged.size() < 150 && System.nanoTime() < deadline) Thread.sleep(20);
      if (kill) {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
      } else {
        process.destroy(); // SIGTERM: stop accepting, finish in-flight requests, commit, close
      }
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (!kill) {
        assertThat(Files.exists(DataDir.of(dir).serverFile()))
            .as("a clean stop removes server.json")
            .isFalse();
      }
      stop.set(true);
      writers.shutdown();
      writers.awaitTermination(10, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
    }
    assertThat(acknowledged).hasSizeGreaterThan(20);

    // A stale server.json is left behind; the next server starts anyway and has everything.
    try (TestServer restarted = TestServer.start(dir)) {
      for (String id : acknowledged) {
        assertThat(restarted.get("/api/articles/" + id).status()).as(id).isEqualTo(200);
      }
      assertThat(restarted.articleCount()).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }

  @Test
  void a_clean_restart_keeps_everything(@TempDir Path other) throws Exception {
    try (TestServer first = TestServer.start(other)) {
      first.postJson(json(article("keep-1", "Before restart", "Written before a restart.")));
    }
    try (TestServer second = TestServer.start(other)) {
      assertThat(second.searchFor("restart", "").json().get("total").asInt()).isEqualTo(1);
    }
  }
}
