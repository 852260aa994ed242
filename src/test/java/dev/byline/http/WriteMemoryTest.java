package dev.byline.http;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.TestServer;
import dev.byline.TestServer.Response;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes share a budget of body bytes, so that several large pages at once cannot take the server
 * out of memory (four 40 MB pages on a 1 GB heap did: 500s and a failed index writer).
 */
class WriteMemoryTest {
  @TempDir Path dir;

  @Test
  void bodies_share_the_budget_and_the_largest_runs_alone() {
    WriteMemory memory = new WriteMemory(10 * 1024, 50);
    WriteMemory.Room a = memory.tryTake(4 * 1024);
    WriteMemory.Room b = memory.tryTake(4 * 1024);
    assertThat(a).isNotNull();
    assertThat(b).isNotNull();
    assertThat(memory.tryTake(4 * 1024)).as("no room for a third").isNull();
    assertThat(memory.tryTake(100))
        .as("a small one fits beside")
        .isNotNull()
        .satisfies(WriteMemory.Room::close);
    a.close();
    a.close(); // given back once only
    assertThat(memory.permits().availablePermits()).isEqualTo(6);
    b.close();
    // Larger than the budget, or of unknown length: the whole budget, so alone, never refused
    // for its size.
    try (WriteMemory.Room big = memory.tryTake(1L << 40)) {
      assertThat(big).isNotNull();
      assertThat(memory.tryTake(1)).isNull();
    }
    try (WriteMemory.Room unknown = memory.tryTake(-1)) {
      assertThat(unknown).isNotNull();
      assertThat(memory.tryTake(1)).isNull();
    }
    assertThat(memory.permits().availablePermits()).isEqualTo(10);
  }

  @Test
  void a_write_without_room_waits_then_gets_a_429_and_nothing_of_it_is_written() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      WriteMemory memory = server.server.writeMemory();
      int total = memory.permits().availablePermits();
      int all = total;
      memory.permits().acquire(all); // as if large pages were being extracted
      try {
        memory.waitMs(300);
        Response refused = server.postJson(json(article("busy-1", "Refused", "Not written.")));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(refused.raw().headers().firstValue("Retry-After")).contains("5");
        // With a longer wait, a write waits for room rather than failing.
        memory.waitMs(30_000);
        CompletableFuture<Response> waiting =
            CompletableFuture.supplyAsync(
                () ->
                    server.postJson(json(article("busy-2", "Waited", "Written once room came."))));
        Thread.sleep(300);
        assertThat(waiting).as("waiting for room").isNotDone();
        memory.permits().release(all);
        all = 0;
        assertThat(waiting.get().status()).isEqualTo(200);
      } finally {
        memory.permits().release(all);
      }
      assertThat(server.get("/api/articles/busy-1").status()).isEqualTo(404);
      assertThat(server.get("/api/articles/busy-2").status()).isEqualTo(200);
      assertThat(memory.permits().availablePermits())
          .as("every write gave its room back")
          .isEqualTo(total);
    }
  }

  /**
   * Bodies still arriving hold room too, for what has arrived of them: fifteen uploads of 90 MB
   * at once took a 1 GB heap out of memory before any was whole (an outside fault hunt). Past the
   * room, a body is refused with a 429 at once, and nothing of it is written.
   */
  @Test
  void a_body_arriving_without_room_is_a_429_and_each_gives_its_room_back() throws Exception {
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      ReceivingMemory receiving = server.server.receivingMemory();
      int total = receiving.permits().availablePermits();
      int kept = 64; // KiB left: room for a small article, not for a body of 100 KB
      receiving.permits().acquire(total - kept); // as if other bodies were arriving
      try {
        assertThat(server.postJson(json(article("small", "Small", "Fits."))).status())
            .isEqualTo(200);
        String big = "word ".repeat(20_000); // 100 KB, held twice while it arrives
        Response refused = server.postJson(json(article("big", "Big", big)));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(refused.raw().headers().firstValue("Retry-After")).contains("5");
      } finally {
        receiving.permits().release(total - kept);
      }
      assertThat(server.get("/api/articles/big").status()).isEqualTo(404);
      assertThat(receiving.permits().availablePermits())
          .as("every body gave its room back")
          .isEqualTo(total);
      String big = "word ".repeat(20_000);
      assertThat(server.postJson(json(article("big", "Big", big))).status()).isEqualTo(200);
      assertThat(receiving.permits().availablePermits()).isEqualTo(total);
    }
  }
}
