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
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Articles near the size limit, many of them, in a small heap: what one request holds of them is
 * bounded, whatever the archive holds. An outside hunt (7 December) ran a 1 GB heap out of memory
 * twice with 19.5-million-character articles: the 18th copy of one, placed in its story, read
 * every earlier copy's body to compare (each write after it an empty 500); a page of 40 such hits
 * with snippets held 40 bodies at once. Here the heap is 192 MB, the articles 5 million
 * characters, and three pages of 24 are asked for at once.
 */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class HugeArticlesMemoryTest {
  @TempDir Path dir;

  private static final int COPIES = 24;
  private static final int BODY_CHARS = 5_000_000;

  @Test
  void copies_of_a_huge_article_are_placed_and_a_page_of_them_is_shown_in_a_small_heap()
      throws Exception {
    long seed = new Random().nextLong();
    System.out.println("HugeArticlesMemoryTest seed " + seed);
    String body = body(new Random(seed));
    Process server =
        new ProcessBuilder(dev.byline.ServeCommands.serve(dir, List.of("-Xmx192m")))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolveSibling(dir.getFileName() + "-server.log").toFile())
            .start();
    try {
      URI base = waitForServer(server);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < COPIES; i++) {
        HttpResponse<String> written =
            http.send(
                HttpRequest.newBuilder(base.resolve("/api/articles"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(2))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            json(article("copy-" + i, "Harbour wall report " + i, body))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(written.statusCode()).as("copy %d: %s", i, written.body()).isEqualTo(200);
      }
      // Three pages at once, as readers send them.
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pages =
          new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        pages.add(
            http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/api/search?q=harbour+wall&size=" + COPIES))
                    .timeout(Duration.ofMinutes(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      HttpResponse<String> page = null;
      for (var answer : pages) {
        page = answer.get();
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      }
      JsonNode hits = new ObjectMapper().readTree(page.body()).get("hits");
      assertThat(hits).hasSize(COPIES);
      // One story: each copy joined the first one's.
      for (JsonNode hit : hits) {
        assertThat(hit.get("story").get("id").asText()).isEqualTo("copy-0");
        assertThat(hit.get("snippets").toString()).contains("<mark>harbour");
      }
    } finally {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** About {@link #BODY_CHARS} characters of words in sentences, "harbour wall" near the start. */
  private static String body(Random random) {
    String[] words = new String[5_000];
    for (int i = 0; i < words.length; i++) {
      StringBuilder w = new StringBuilder();
      int length = 3 + random.nextInt(7);
      for (int c = 0; c < length; c++) w.append((char) ('a' + random.nextInt(26)));
      words[i] = w.toString();
    }
    StringBuilder text = new StringBuilder("The harbour wall was repaired. ");
    while (text.length() < BODY_CHARS) {
      int sentence = 6 + random.nextInt(12);
      for (int i = 0; i < sentence; i++) {
        if (i > 0) text.append(' ');
        text.append(words[random.nextInt(words.length)]);
      }
      text.append(". ");
    }
    return text.toString();
  }

  private URI waitForServer(Process process) throws Exception {
    Path file = DataDir.of(dir).serverFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("server exited: " + process.exitValue());
      if (Files.exists(file)) {
        try {
          return URI.create(new ObjectMapper().readTree(file.toFile()).get("url").asText());
        } catch (Exception partial) {
          // written as we read it: try again
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("server did not start");
  }
}
