package dev.byline.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import dev.byline.config.Limits;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server told to stop (SIGTERM, a deploy) answers the requests it has begun before it closes:
 * the fuzzer saw a write applied and logged after the stop while its client's connection had
 * been closed without an answer.
 */
class GracefulStopTest {
  @TempDir Path dir;

  @Test
  void a_request_in_flight_when_the_server_stops_gets_its_answer() throws Exception {
    Limits limits = new Limits(30_000, 32, 100, 1024, 128).withSearchThreads(1);
    TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0).withLimits(limits));
    var turns = server.server.searchTurns();
    turns.acquire(); // the one search thread is busy: the search below waits inside the server
    CompletableFuture<Response> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return server.search("q=harbour&cache=false");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    CompletableFuture<Void> stopping;
    try {
      Thread.sleep(500);
      assertThat(inFlight).as("admitted, waiting for its turn").isNotDone();
      stopping =
          CompletableFuture.runAsync(
              () -> {
                try {
                  server.close();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(500);
    } finally {
      turns.release();
    }
    Response answer = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    stopping.get(30, TimeUnit.SECONDS);
  }
}
