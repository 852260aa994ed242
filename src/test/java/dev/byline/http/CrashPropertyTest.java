package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash property: rounds of a real server process on one data directory, each taking random
 * writes, updates and deletes from two clients while a reindex or a rollback may start, then
 * killed with SIGKILL at a random moment. After every restart each article is in the state of its
 * last acknowledged operation, or of the one that was in flight when the process died (never
 * acknowledged, so either is right). A new seed each run, printed with every failure; {@code
 * TESTS_SEED=N} re-runs one, {@code TESTS_CRASH_ROUNDS=N} sets the rounds (default 8; bin/test --all and CI run 50).
 */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class CrashPropertyTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An article's state: its body text, or null when deleted. */
  private record State(String body) {}

  /** What the test knows of one id: the last acknowledged state, and the one in flight if any. */
  private static final class Known {
    volatile State acknowledged;
    volatile State inFlight;
  }

  private static String setting(String name, String fallback) {
    String value =
        System.getProperty(
            name, System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_')));
    return value == null || value.isBlank() ? fallback : value;
  }

  @Test
  void
      no_acknowledged_write_or_delete_is_lost_across_random_kills_during_ingest_reindex_and_rollback()
          throws Exception {
    long seed = Long.parseLong(setting("tests.seed", Long.toString(System.nanoTime())));
    int rounds = Integer.parseInt(setting("tests.crash.rounds", "8"));
    Random random = new Random(seed);
    Map<String, Known> known = new ConcurrentHashMap<>();
    int acknowledgedOps = 0;
    int reindexes = 0;
    int rollbacks = 0;
    for (int round = 0; round < rounds; round++) {
      Process process = start();
      try {
        URI base = waitForServer(process, seed, round);
        verify(base, known, seed, round);
        long roundSeed = random.nextLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        int[] acks = new int[2];
        for (int c = 0; c < 2; c++) {
          int client = c;
          var unused =
              clients.submit(
                  () -> {
                    Random r = new Random(roundSeed + client);
                    while (!stop.get()) {
                      // Each client owns its ids, so an id's operations are in order.
                      String id = "c" + client + "-" + r.nextInt(40);
                      Known k = known.computeIfAbsent(id, x -> new Known());
                      boolean delete =
                          k.acknowledged != null
                              && k.acknowledged.body() != null
                              && r.nextInt(5) == 0;
                      State next = delete ? new State(null) : new State("body " + r.nextLong());
                      k.inFlight = next;
                      try {
                        HttpResponse<String> response =
                            delete
                                ? http.send(
                                    HttpRequest.newBuilder(base.resolve("/api/articles/" + id))
                                        .DELETE()
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString())
                                : http.send(
                                    HttpRequest.newBuilder(base.resolve("/api/articles"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                json(article(id, "Crash " + id, next.body()))))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                          k.acknowledged = next;
                          k.inFlight = null;
                          acks[client]++;
                        }
                      } catch (Exception killed) {
                        return null; // the server died: k.inFlight stays, either state is right
                      }
                    }
                    return null;
                  });
        }
        Thread.sleep(200 + random.nextInt(600));
        int action = random.nextInt(4);
        if (action >= 2) {
          if (send(base, "POST", "/api/reindex") == 202) reindexes++;
          Thread.sleep(random.nextInt(1_500));
          if (action == 3 && send(base, "POST", "/api/reindex/rollback") == 200) rollbacks++;
        }
        Thread.sleep(random.nextInt(1_000));
        process.destroyForcibly(); // SIGKILL at a random moment
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        acknowledgedOps += acks[0] + acks[1];
      } finally {
        process.destroyForcibly();
      }
    }
    Process last = start();
    try {
      verify(waitForServer(last, seed, rounds), known, seed, rounds);
    } finally {
      last.destroyForcibly();
    }
    System.out.printf(
        "CrashPropertyTest: seed %d, %d rounds, %d acknowledged operations on %d ids, %d reindexes and %d rollbacks started: none lost%n",
        seed, rounds, acknowledgedOps, known.size(), reindexes, rollbacks);
    assertThat(acknowledgedOps)
        .as("seed %d: the rounds acknowledged writes", seed)
        .isGreaterThan(rounds);
  }

  private void verify(URI base, Map<String, Known> known, long seed, int round) throws Exception {
    for (Map.Entry<String, Known> e : known.entrySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/articles/" + e.getKey())).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      State actual =
          r.statusCode() == 404
              ? new State(null)
              : new State(json.readTree(r.body()).path("body").asText());
      List<State> allowed = new ArrayList<>();
      allowed.add(e.getValue().acknowledged == null ? new State(null) : e.getValue().acknowledged);
      if (e.getValue().inFlight != null) allowed.add(e.getValue().inFlight);
      assertThat(allowed)
          .as("seed %d, after round %d: %s is %s", seed, round, e.getKey(), actual)
          .contains(actual);
      // What was in flight at the kill is now settled, one way or the other: the restart replayed
      // it and committed, or it never reached the log.
      e.getValue().acknowledged = actual;
      e.getValue().inFlight = null;
    }
  }

  private int send(URI base, String method, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private Process start() throws Exception {
    Files.deleteIfExists(DataDir.of(dir).serverFile()); // the killed server's, stale
    List<String> command = dev.byline.ServeCommands.serve(dir, List.of("-Xmx512m"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(
            ProcessBuilder.Redirect.appendTo(
                dir.resolveSibling(dir.getFileName() + "-crash-server.log").toFile()))
        .start();
  }

  private URI waitForServer(Process process, long seed, int round) throws Exception {
    Path file = DataDir.of(dir).serverFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive())
        throw new AssertionError(
            "seed " + seed + ", round " + round + ": server exited with " + process.exitValue());
      if (Files.exists(file)) {
        try {
          JsonNode info = json.readTree(file.toFile());
          URI base = URI.create(info.get("url").asText());
          if (http.send(
                      HttpRequest.newBuilder(base.resolve("/health")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200) {
            return base;
          }
        } catch (Exception notYet) {
          // written as we read it, or not listening yet
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("seed " + seed + ", round " + round + ": server did not start");
  }
}
