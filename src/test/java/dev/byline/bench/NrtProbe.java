package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Near-real-time delay under a steady ingest rate: batches are sent on a fixed schedule, whatever
 * the server's pace, and each one's delay runs from sending to being found by a search. Byline
 * acknowledges a write only once it is searchable, so the probe also checks that: right after the
 * acknowledgement, a search for a word only that batch contains must find it.
 */
final class NrtProbe {
  private NrtProbe() {}

  /** Delays in milliseconds, sorted; how many batches were acknowledged yet not found. */
  @SuppressWarnings("ArrayRecordComponent") // raw delays, never compared or hashed
  record Result(int perSecond, double achievedPerSecond, double[] delaysMs, int notVisible) {
    double pct(double p) {
      return delaysMs.length == 0
          ? Double.NaN
          : delaysMs[Math.min(delaysMs.length - 1, (int) Math.floor(p * delaysMs.length))];
    }
  }

  static Result run(int port, CorpusGenerator generator, int firstId, int perSecond, int seconds)
      throws Exception {
    int batchesPerSecond = 20;
    int batchSize = Math.max(1, perSecond / batchesPerSecond);
    int batches = seconds * batchesPerSecond;
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/articles");
    AtomicInteger notVisible = new AtomicInteger();
    double[] delays = new double[batches];
    // Requests run on their own pool so a slow one never delays the next one's sending.
    ExecutorService senders = Executors.newFixedThreadPool(16, daemon("nrt-send"));
    ScheduledExecutorService clock =
        Executors.newSingleThreadScheduledExecutor(daemon("nrt-clock"));
    List<Future<?>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Every batch is generated and encoded before the clock starts: the probe's own work must not
    // take CPU from the server it measures.
    String[] bodies = new String[batches];
    String[] words = new String[batches];
    for (int b = 0; b < batches; b++) {
      StringBuilder body = new StringBuilder();
      words[b] = "nrtmark" + firstId + "x" + b; // one token, in this batch only
      for (int i = 0; i < batchSize; i++) {
        Article a = generator.article(firstId + b * batchSize + i);
        a =
            new Article(
                "nrt-" + firstId + "-" + b + "-" + i,
                a.url(),
                a.title(),
                a.body() + " " + words[b],
                a.author(),
                a.date(),
                a.source(),
                a.category(),
                a.language());
        body.append(json.writeValueAsString(ArticleJson.write(a))).append('\n');
      }
      bodies[b] = body.toString();
    }
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      int batch = b;
      String body = bodies[b];
      String word = words[b];
      long due = batch * 1_000_000_000L / batchesPerSecond;
      sent.add(
          clock.schedule(
              () ->
                  sent.add(
                      senders.submit(
                          () -> {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r =
                                http.send(
                                    HttpRequest.newBuilder(uri)
                                        .header("Content-Type", "application/x-ndjson")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) throw new IllegalStateException(r.body());
                            String found =
                                Bench.get(
                                    "http://127.0.0.1:"
                                        + port
                                        + "/api/search?facets=false&snippets=false&size=1&q="
                                        + word);
                            delays[batch] = (System.nanoTime() - t0) / 1e6;
                            if (!found.contains("\"total\":" + batchSize + ","))
                              notVisible.incrementAndGet();
                            return null;
                          })),
              due,
              TimeUnit.NANOSECONDS));
    }
    // Every scheduled task adds its request's future; wait for the schedule, then for those.
    clock.shutdown();
    clock.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
    senders.shutdown();
    if (!senders.awaitTermination(10, TimeUnit.MINUTES))
      throw new IllegalStateException("ingest did not finish");
    for (Future<?> f : List.copyOf(sent)) f.get();
    double elapsed = (System.nanoTime() - start) / 1e9;
    Arrays.sort(delays);
    return new Result(perSecond, batches * batchSize / elapsed, delays, notVisible.get());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
