package dev.byline.bench;

import dev.byline.cli.DemoCommand;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import dev.byline.ingest.DemoCollection;
import dev.byline.ingest.RawItem;
import dev.byline.search.Suggestions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Suggest latency on the demo collection (a benchmark, not a test): every prefix a reader types on
 * the way to the demo's title words and names, replayed over HTTP one at a time, and the same calls
 * in-process for comparison. Prints p50, p90 and p99. Run with {@code bin/bench suggest}.
 */
public final class SuggestBenchmark {
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Path data = Files.createTempDirectory("byline-bench-");
    try (BylineServer server = DemoCommand.startWithDemo(ServerConfig.defaults(data).withPort(0))) {
      List<String> prefixes = prefixes();
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port() + "/api/suggest?size=8&q=";
      Suggestions direct = new Suggestions(server.index());
      for (String p : prefixes) { // warm-up: JIT, per-view name lists
        get(http, base + URLEncoder.encode(p, StandardCharsets.UTF_8));
        direct.suggest(p, 8);
      }
      long[] overHttp = new long[prefixes.size() * rounds];
      long[] inProcess = new long[prefixes.size() * rounds];
      int n = 0;
      for (int r = 0; r < rounds; r++) {
        for (String p : prefixes) {
          long t0 = System.nanoTime();
          get(http, base + URLEncoder.encode(p, StandardCharsets.UTF_8));
          long t1 = System.nanoTime();
          direct.suggest(p, 8);
          long t2 = System.nanoTime();
          overHttp[n] = t1 - t0;
          inProcess[n++] = t2 - t1;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "suggest on the demo collection: %d prefixes x %d rounds%n",
          prefixes.size(),
          rounds);
      System.out.printf(Locale.ROOT, "| path | p50 | p90 | p99 |%n|---|---|---|---|%n");
      print("HTTP (/api/suggest)", overHttp);
      print("in-process (Suggestions.suggest)", inProcess);
    }
  }

  private static void get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200)
      throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
  }

  private static void print(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f ms | %.2f ms | %.2f ms |%n",
        label,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99));
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
  }

  /** The prefixes typed on the way to each word of the demo's titles and names (2+ letters). */
  private static List<String> prefixes() {
    Set<String> words = new LinkedHashSet<>();
    for (RawItem item : DemoCollection.read()) {
      for (String w : item.json().get("title").asText().split("[^\\p{L}]+"))
        if (w.length() >= 4) words.add(w);
      var author = item.json().get("author");
      if (author.isTextual()) words.addAll(List.of(author.asText().split(" ")));
      else author.forEach(a -> words.addAll(List.of(a.asText().split(" "))));
    }
    List<String> out = new ArrayList<>();
    for (String w : words) for (int i = 2; i <= w.length(); i++) out.add(w.substring(0, i));
    return out;
  }
}
