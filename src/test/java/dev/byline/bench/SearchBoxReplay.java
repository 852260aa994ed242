package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.index.ArticleIndex;
import dev.byline.ingest.Ingest;
import dev.byline.ingest.NdjsonReader;
import dev.byline.ingest.RawItem;
import dev.byline.search.ArticleSearch;
import dev.byline.search.Ranking;
import dev.byline.search.SearchRequest;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays a query set as the search box sends it — simple syntax, facets and snippets on — through
 * {@link ArticleSearch} in this JVM, one client, and prints p50 and mean milliseconds per query
 * class and overall. For before/after figures of changes to how the search box reads queries
 * (the {@code search} benchmark sends Lucene's syntax). Run with {@code bin/bench searchbox
 * [corpus.jsonl] [queries.tsv] [rounds]}; defaults: the Brown corpus and its query set in
 * {@code ../shared/corpora}.
 */
public final class SearchBoxReplay {
  private SearchBoxReplay() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/brown.jsonl");
    Path queries = Path.of(args.length > 1 ? args[1] : "../shared/corpora/brown-queries.tsv");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    List<String> variants = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
    System.out.print(run(corpus, queries, rounds, variants));
  }

  /** Writes the articles of a JSON Lines file into {@code index}, validated as the API would. */
  static void load(ArticleIndex index, Path corpus) throws java.io.IOException {
    try (InputStream in = Files.newInputStream(corpus);
        NdjsonReader reader = new NdjsonReader(in, new ObjectMapper())) {
      for (List<RawItem> chunk = reader.next(500); !chunk.isEmpty(); chunk = reader.next(500)) {
        Ingest.validateAndWrite(chunk, index::write);
      }
    }
  }

  /** Loads the corpus, replays the set {@code rounds} times after a warm-up; returns the table. */
  static String run(Path corpus, Path queries, int rounds) throws Exception {
    return run(corpus, queries, rounds, List.of());
  }

  /**
   * With {@code variants} ({@link Ranking} specs such as {@code blend=false}), each is timed too,
   * on the same index, its rounds alternating with the default's so that a drifting machine
   * weighs on all alike; one table per ranking.
   */
  static String run(Path corpus, Path queries, int rounds, List<String> variants) throws Exception {
    StringBuilder out = new StringBuilder();
    List<String[]> set = new ArrayList<>(); // class, params
    for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.startsWith("category\t") || line.isBlank()) continue;
      String[] f = line.split("\t", -1);
      set.add(new String[] {f[0], f[1], f.length > 2 ? f[2] : ""});
    }
    Path dir = Files.createTempDirectory("byline-searchbox-");
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      load(index, corpus);
      Map<String, ArticleSearch> searches = new LinkedHashMap<>();
      // The replay repeats its queries: the result cache is off, so that searching is measured.
      dev.byline.config.Limits noCache = dev.byline.config.Limits.DEFAULTS.withResultCacheBytes(0);
      searches.put("default", new ArticleSearch(index, java.time.Clock.systemUTC(), noCache));
      for (String v : variants) {
        searches.put(
            v, new ArticleSearch(index, java.time.Clock.systemUTC(), noCache, Ranking.parse(v)));
      }
      List<SearchRequest> requests = new ArrayList<>();
      for (String[] q : set) requests.add(request(q[1], q[2]));
      for (ArticleSearch search : searches.values()) {
        for (int r = 0; r < 3; r++)
          for (SearchRequest request : requests) search.search(request); // warm-up
      }
      Map<String, Map<String, List<Double>>> times = new LinkedHashMap<>();
      Map<String, Double> seconds = new LinkedHashMap<>();
      long hits = 0;
      long fewResults = 0; // searches that may run "did you mean" (it respells only those)
      long few = 20;
      for (int r = 0; r < rounds; r++) {
        for (Map.Entry<String, ArticleSearch> s : searches.entrySet()) {
          Map<String, List<Double>> byClass =
              times.computeIfAbsent(s.getKey(), k -> new LinkedHashMap<>());
          long round = System.nanoTime();
          for (int i = 0; i < requests.size(); i++) {
            long t = System.nanoTime();
            long total = s.getValue().search(requests.get(i)).total();
            hits += total;
            if (total < few) fewResults++;
            byClass
                .computeIfAbsent(set.get(i)[0], k -> new ArrayList<>())
                .add((System.nanoTime() - t) / 1e6);
          }
          seconds.merge(s.getKey(), (System.nanoTime() - round) / 1e9, Double::sum);
        }
      }
      for (Map.Entry<String, Map<String, List<Double>>> ranking : times.entrySet()) {
        if (times.size() > 1) out.append("\nranking ").append(ranking.getKey()).append(":\n\n");
        out.append("| class | p50 ms | mean ms |\n|---|---|---|\n");
        List<Double> all = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : ranking.getValue().entrySet()) {
          all.addAll(e.getValue());
          out.append(row(e.getKey(), e.getValue())).append('\n');
        }
        out.append(row("all", all)).append('\n');
        double secs = seconds.get(ranking.getKey());
        out.append(
            String.format(
                Locale.ROOT,
                "%d searches in %.1f s: %.0f per second, one client%n",
                all.size(),
                secs,
                all.size() / secs));
      }
      out.append("matches counted: ").append(hits).append('\n');
      out.append(
          String.format(
              Locale.ROOT,
              "searches finding fewer than %d articles (the only ones \"did you mean\" respells): %d"
                  + " of %d%n",
              few,
              fewResults,
              (long) rounds * requests.size() * searches.size()));
      return out.toString();
    } finally {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.deleteIfExists(p);
      }
    }
  }

  private static String row(String name, List<Double> times) {
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "| %s | %.2f | %.2f |",
        name,
        sorted[sorted.length / 2],
        Arrays.stream(sorted).average().orElse(0));
  }

  /** The query as typed in the box, with the set's filters as the page sends them. */
  private static SearchRequest request(String q, String filters) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of(q));
    for (String pair : filters.split("&")) {
      if (pair.isBlank()) continue;
      String[] kv = pair.split("=", 2);
      String name =
          switch (kv[0]) {
            case "date_from" -> "from";
            case "date_to" -> "to";
            default -> kv[0];
          };
      params.put(name, List.of(URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }
    return SearchRequest.fromParams(params);
  }
}
