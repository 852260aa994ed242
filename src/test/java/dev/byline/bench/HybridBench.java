package dev.byline.bench;

import dev.byline.article.Article;
import dev.byline.config.Limits;
import dev.byline.embed.Embedder;
import dev.byline.index.ArticleIndex;
import dev.byline.search.ArticleSearch;
import dev.byline.search.Ranking;
import dev.byline.search.SearchRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/bench hybrid [sizes=10000,100000] [rounds=3] [seconds=20] [warmup=60]}: what {@code
 * mode=hybrid} costs a search against {@code mode=keyword} (issue 17's target: hybrid p50 ≤ 2× keyword at 100k,
 * query embedding included). For each size the bench corpus is indexed and given vectors, then
 * the {@code bin/bench search} query set (as the search box sends it: simple syntax, facets,
 * snippets, 10 hits; result cache off) runs in-process: one client, keyword and hybrid back to back
 * per query (the order alternating by round; untimed rounds for {@code warmup} seconds first, at
 * least one; a new search each round,
 * so that no query's vector is kept from an earlier one) for p50/p99, one more round of hybrid with
 * the vectors kept, then each mode alone from 2 clients for {@code seconds} for QPS (the query set
 * replayed: a query is embedded on its first pass).
 *
 * <p>Every query is embedded by the real model (bge-small int8, as {@code byline serve --semantic}
 * loads it), so its cost is in every hybrid figure. The articles' vectors are not: embedding 100,000
 * articles takes hours on 2 cores, so they come from a stand-in (each word's pseudo-random
 * direction, summed; 384 dimensions, unit length), and the query's vector used for the kNN walk is
 * the stand-in's too. The graph, the walk, the rescoring and the fusion are Byline's own.
 */
public final class HybridBench {
  public static void main(String[] args) throws Exception {
    String sizes = args.length > 0 ? args[0] : "10000,100000";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1 (got: " + rounds + ")");
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Embedder model = BenchModel.load();
    System.out.println(
        "| articles | mode | p50 ms | p99 ms | p50 ÷ keyword | QPS, 2 clients | queries per CPU s | load average |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String size : sizes.split(",")) {
      int articles = Integer.parseInt(size.trim());
      run(articles, rounds, seconds, warmupSeconds, model, os);
    }
    model.close();
    modelCost();
    System.exit(0);
  }

  private static void run(
      int articles,
      int rounds,
      int seconds,
      int warmupSeconds,
      Embedder model,
      com.sun.management.OperatingSystemMXBean os)
      throws Exception {
    long seed = 16;
    CorpusGenerator corpus = new CorpusGenerator(seed);
    Path tmp = Files.createTempDirectory("byline-hybrid");
    try (ArticleIndex index = ArticleIndex.open(tmp.resolve("index"))) {
      long t0 = System.nanoTime();
      List<Article> sample = new ArrayList<>();
      List<Article> batch = new ArrayList<>();
      for (int i = 0; i < articles; i++) {
        Article a = corpus.article(i);
        if (i % Math.max(1, articles / 2_000) == 0) sample.add(a);
        batch.add(a);
        if (batch.size() == 500) {
          index.write(batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) index.write(batch);
      double indexed = (System.nanoTime() - t0) / 1e9;
      StandIn standIn = new StandIn(model);
      index.embedWith(standIn);
      while (index.embeddingStatus().backlog() > 0) Thread.sleep(500);
      System.err.printf(
          Locale.ROOT,
          "%d articles: indexed in %.0f s, vectors in %.0f s more%n",
          articles,
          indexed,
          (System.nanoTime() - t0) / 1e9 - indexed);
      List<QuerySet.Query> queries = QuerySet.build(sample, corpus.categories(), 10, seed);
      Map<String, List<SearchRequest>> requests = new LinkedHashMap<>();
      for (String mode : List.of("keyword", "hybrid")) {
        List<SearchRequest> list = new ArrayList<>();
        for (QuerySet.Query q : queries) {
          Map<String, List<String>> p = Bench.request(q, true, true);
          p.put("syntax", List.of("simple"));
          p.put("mode", List.of(mode));
          list.add(SearchRequest.fromParams(p));
        }
        requests.put(mode, list);
      }
      Map<String, List<Double>> times = new LinkedHashMap<>();
      requests.keySet().forEach(m -> times.put(m, new ArrayList<>()));
      // Warm-up rounds (not timed) until warmupSeconds have passed, then the timed rounds. The
      // JIT compiler takes most of a core for the first tens of seconds of searching, and a hybrid
      // search overlaps its query's embedding with the keyword side only when the second core is
      // free: measured too early, that overlap is lost to the compiler, not to hybrid search.
      var compiler = ManagementFactory.getCompilationMXBean();
      long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
      int round = 0;
      do {
        round(index, standIn, requests, round++, null);
      } while (System.nanoTime() < warmupEnd);
      int warmups = round;
      long compiledMs = compiler.getTotalCompilationTime();
      ArticleSearch search = null;
      for (int timed = 0; timed < rounds; timed++) {
        search = round(index, standIn, requests, round++, times);
      }
      System.err.printf(
          Locale.ROOT,
          "%d articles: %d warm-up rounds (%d s), then %d timed rounds; the JIT compiler took %.1f s"
              + " of the timed rounds%n",
          articles,
          warmups,
          warmupSeconds,
          rounds,
          (compiler.getTotalCompilationTime() - compiledMs) / 1e3);
      // The last round again on the same search: the queries' vectors are kept (paging, facets).
      List<Double> kept = new ArrayList<>();
      for (SearchRequest r : requests.get("hybrid")) {
        long t = System.nanoTime();
        search.search(r);
        kept.add((System.nanoTime() - t) / 1e6);
      }
      double keyword50 = pct(times.get("keyword"), 0.5);
      for (String mode : requests.keySet()) {
        // The query set replayed: a query's vector is embedded on its first pass only.
        double[] qps = qps(search(index, standIn), requests.get(mode), seconds, os);
        System.out.printf(
            Locale.ROOT,
            "| %d | %s | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |%n",
            articles,
            mode,
            pct(times.get(mode), 0.5),
            pct(times.get(mode), 0.99),
            pct(times.get(mode), 0.5) / keyword50,
            qps[0],
            qps[1],
            os.getSystemLoadAverage());
      }
      System.out.printf(
          Locale.ROOT,
          "| %d | hybrid, the query's vector kept from an earlier search | %.2f | %.2f | %.2f |  |  | %.1f |%n",
          articles,
          pct(kept, 0.5),
          pct(kept, 0.99),
          pct(kept, 0.5) / keyword50,
          os.getSystemLoadAverage());
      System.out.printf(
          Locale.ROOT,
          "|  | query embedding alone (real model, 1 thread) | %.2f | %.2f |  |  |  |  |%n",
          pct(standIn.queryMs, 0.5),
          pct(standIn.queryMs, 0.99));
    } finally {
      dev.byline.config.DataDir.deleteTree(tmp);
    }
  }

  /**
   * What switching semantic search on costs a server, each model against off: {@code byline serve}
   * in its own JVM on 1,000 generated articles (a fresh copy each time, so each embeds from
   * nothing), time to its first healthy answer, heap after a full GC and RSS after 5 searches (the
   * model is loaded and embedding meanwhile); two rounds, alternating. And the jar's size.
   */
  private static void modelCost() throws Exception {
    List<List<String>> variants =
        List.of(
            List.of(),
            List.of("--semantic", "--semantic-model", "minilm"),
            List.of("--semantic", "--semantic-model", "bge-small"));
    List<String> searches = new ArrayList<>();
    for (String q : List.of("market", "council", "report", "season", "court")) {
      searches.add("/api/search?q=" + q);
    }
    System.out.println();
    System.out.println(
        "| byline serve, 1,000 articles | ready after launch, s | heap after a full GC, MB | RSS, MB |");
    System.out.println("|---|---|---|---|");
    CorpusGenerator corpus = new CorpusGenerator(16);
    for (int round = 0; round < 2; round++) {
      for (List<String> extra : variants) {
        Path tmp = Files.createTempDirectory("byline-model-cost");
        Path data = tmp.resolve("data");
        try {
          try (ArticleIndex index =
              ArticleIndex.open(dev.byline.config.DataDir.of(data).liveIndex())) {
            List<Article> articles = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) articles.add(corpus.article(i));
            index.write(articles);
          }
          ChildJvm.ServeCost cost = ChildJvm.serve(data, extra, searches);
          System.out.printf(
              Locale.ROOT,
              "| %s | %.1f | %.0f | %.0f |%n",
              extra.isEmpty() ? "semantic off" : String.join(" ", extra),
              cost.startSeconds(),
              cost.heapBytes() / 1e6,
              cost.rssBytes() / 1e6);
        } finally {
          Bench.deleteTree(tmp);
        }
      }
    }
    Path jar = Path.of("target", "byline.jar");
    if (Files.exists(jar)) {
      System.out.printf(Locale.ROOT, "%njar: %s, %.1f MB%n", jar, Files.size(jar) / 1e6);
    }
  }

  private static ArticleSearch search(ArticleIndex index, Embedder standIn) {
    return new ArticleSearch(
        index,
        Clock.systemUTC(),
        Limits.DEFAULTS.withResultCacheBytes(0),
        Ranking.DEFAULT,
        standIn);
  }

  /**
   * One round: every query in both modes back to back, keyword first in even rounds, on a new
   * search (so that no query's vector is kept from an earlier round and every hybrid search pays
   * for its query's embedding). Times go into {@code times} by mode when it is given.
   *
   * @return the round's search
   */
  private static ArticleSearch round(
      ArticleIndex index,
      Embedder standIn,
      Map<String, List<SearchRequest>> requests,
      int round,
      Map<String, List<Double>> times)
      throws Exception {
    ArticleSearch search = search(index, standIn);
    int queries = requests.get("keyword").size();
    for (int i = 0; i < queries; i++) {
      for (int k = 0; k < 2; k++) {
        String mode = (k == 0) == (round % 2 == 0) ? "keyword" : "hybrid";
        long t = System.nanoTime();
        search.search(requests.get(mode).get(i));
        if (times != null) times.get(mode).add((System.nanoTime() - t) / 1e6);
      }
    }
    return search;
  }

  /** QPS and queries per process CPU second, 2 closed-loop clients for {@code seconds}. */
  private static double[] qps(
      ArticleSearch search,
      List<SearchRequest> requests,
      int seconds,
      com.sun.management.OperatingSystemMXBean os)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    long[] counts = new long[2];
    List<Thread> threads = new ArrayList<>();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int c = 0; c < 2; c++) {
      int me = c;
      Thread t =
          new Thread(
              () -> {
                int i = me * 53;
                while (!stop.get()) {
                  try {
                    search.search(requests.get(i++ % requests.size()));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  counts[me]++;
                }
              });
      t.start();
      threads.add(t);
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) t.join();
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    long n = counts[0] + counts[1];
    return new double[] {n / wall, n / cpu};
  }

  private static double pct(List<Double> values, double p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(p * v.length))];
  }

  /**
   * Articles' vectors from words' pseudo-random directions (fast); queries embedded by the real
   * model too (timed, its vector thrown away), so that hybrid search pays for it.
   */
  private static final class StandIn implements Embedder {
    private static final int DIMENSION = 384;
    final List<Double> queryMs = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Embedder model;

    StandIn(Embedder model) {
      this.model = model;
    }

    @Override
    public String name() {
      return "stand-in";
    }

    @Override
    public int dimension() {
      return DIMENSION;
    }

    @Override
    public float[] embedQuery(String query) {
      long t = System.nanoTime();
      model.embedQuery(query);
      queryMs.add((System.nanoTime() - t) / 1e6);
      return words(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      return passages.stream().map(StandIn::words).toList();
    }

    private static float[] words(String text) {
      float[] v = new float[DIMENSION];
      for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (w.isEmpty()) continue;
        java.util.Random r = new java.util.Random(w.hashCode());
        for (int k = 0; k < 8; k++) v[r.nextInt(DIMENSION)] += r.nextBoolean() ? 1 : -1;
      }
      double norm = 0;
      for (float x : v) norm += x * x;
      if (norm == 0) {
        v[0] = 1;
        return v;
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < v.length; i++) v[i] *= scale;
      return v;
    }

    @Override
    public void close() {}
  }
}
