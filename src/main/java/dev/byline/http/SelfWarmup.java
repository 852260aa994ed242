package dev.byline.http;

import dev.byline.search.Warmup;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A started server's warm-up: {@link Warmup}'s requests sent to the server itself over HTTP, on
 * loopback, as a client sends them, so that the JIT compiles the whole path of a request before
 * load balancers (which wait for {@code /health}) send it traffic.
 */
final class SelfWarmup {
  private SelfWarmup() {}

  /**
   * Sends {@code requests} to the server at {@code baseUrl} (ending in {@code /}) with {@code key}
   * as its bearer token (none when null) and {@code mark} in {@link WarmupMark#HEADER}, for at
   * most {@code budgetMillis} or until the JIT compiler has gone quiet; an answer other than 200
   * counts as a failure. Never throws.
   */
  static Warmup.Result run(
      String baseUrl, String key, String mark, List<String> requests, long budgetMillis) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    try (HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return Warmup.run(
          path -> {
            HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header(WarmupMark.HEADER, mark);
            if (key != null) request.header("Authorization", "Bearer " + key);
            HttpResponse<Void> answer =
                client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200)
              throw new IllegalStateException(path + " answered " + answer.statusCode());
          },
          requests,
          budgetMillis,
          threads,
          compileMillis());
    }
  }

  /**
   * The JVM's total compilation time so far, ms. Without a JIT that reports it, a clock: the
   * compiler then never looks quiet, and the warm-up runs for its budget.
   */
  private static LongSupplier compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit != null && jit.isCompilationTimeMonitoringSupported())
      return jit::getTotalCompilationTime;
    return () -> System.nanoTime() / 1_000_000;
  }
}
