package dev.byline.bench;

import dev.byline.article.Article;
import dev.byline.config.Limits;
import dev.byline.embed.Embedder;
import dev.byline.index.ArticleIndex;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/bench backlog [articles=3000] [seconds=40] [clients=2]}: what a running embedding
 * backlog costs searching (issue 17: embedding should use the cores searching leaves). The bench
 * corpus is indexed without vectors; keyword searches (the {@code bin/bench search} query set as
 * the page asks, facets and snippets, result cache off) run from {@code clients} threads, in
 * process, for {@code seconds} with semantic search off, then for {@code seconds} with the model
 * embedding the backlog (bge-small, as {@code byline serve --semantic} sets it up). Reports QPS,
 * p50, p99 and process CPU of both, their ratios, and how many articles were embedded meanwhile.
 * With 0 clients it measures the embedding throughput alone.
 */
public final class BacklogBench {
  private record Run(double qps, double p50, double p99, double cpuSeconds, int queries) {}

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long seed = 16;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    CorpusGenerator corpus = new CorpusGenerator(seed);
    Path tmp = Files.createTempDirectory("byline-backlog");
    try (ArticleIndex index = ArticleIndex.open(tmp.resolve("index"))) {
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
      ArticleSearch search =
          new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS.withResultCacheBytes(0));
      List<SearchRequest> requests = new ArrayList<>();
      for (QuerySet.Query q : QuerySet.build(sample, corpus.categories(), 10, seed)) {
        requests.add(SearchRequest.fromParams(Bench.request(q, true, true)));
      }
      System.out.printf(
          Locale.ROOT,
          "%d articles, %d queries, %d clients, %d s per run; load average %.2f%n",
          articles,
          requests.size(),
          clients,
          seconds,
          os.getSystemLoadAverage());
      run(search, requests, clients, Math.min(10, seconds), os); // warm-up
      Run quiet = run(search, requests, clients, seconds, os);
      System.out.printf(
          Locale.ROOT, "load average after the quiet run: %.2f%n", os.getSystemLoadAverage());
      CountingEmbedder model = new CountingEmbedder(BenchModel.load());
      index.embedWith(model);
      while (model.passages.get() == 0) Thread.sleep(50); // the model is at work
      long embedded0 = model.passages.get();
      Run busy = run(search, requests, clients, seconds, os);
      long embedded = model.passages.get() - embedded0;
      long backlog = index.embeddingStatus().backlog();
      System.out.printf(
          Locale.ROOT, "load average after the backlog run: %.2f%n", os.getSystemLoadAverage());
      System.out.println(
          "| run | QPS | p50 ms | p99 ms | process CPU s | queries per CPU s | passages embedded (per s) |");
      System.out.println("|---|---|---|---|---|---|---|");
      print("semantic off", quiet, seconds, -1);
      print("backlog embedding", busy, seconds, embedded);
      System.out.printf(
          Locale.ROOT,
          "with the backlog ÷ without: QPS %.2f, p50 %.2f, p99 %.2f; backlog left %d%n",
          busy.qps / quiet.qps,
          busy.p50 / quiet.p50,
          busy.p99 / quiet.p99,
          backlog);
    } finally {
      dev.byline.config.DataDir.deleteTree(tmp);
    }
    System.exit(0); // the model's threads
  }

  /** Counts the passages the model has embedded (the index counts whole batches only). */
  private static final class CountingEmbedder implements Embedder {
    final java.util.concurrent.atomic.AtomicLong passages =
        new java.util.concurrent.atomic.AtomicLong();
    private final Embedder model;

    CountingEmbedder(Embedder model) {
      this.model = model;
    }

    @Override
    public String name() {
      return model.name();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public float[] embedQuery(String query) {
      return model.embedQuery(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
      List<float[]> out = model.embedPassages(texts);
      passages.addAndGet(texts.size());
      return out;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private static void print(String name, Run r, int seconds, long embedded) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.2f | %.2f | %.1f | %.1f | %s |%n",
        name,
        r.qps,
        r.p50,
        r.p99,
        r.cpuSeconds,
        r.queries / r.cpuSeconds,
        embedded < 0
            ? "-"
            : String.format(Locale.ROOT, "%d (%.1f)", embedded, embedded / (double) seconds));
  }

  private static Run run(
      ArticleSearch search,
      List<SearchRequest> requests,
      int clients,
      int seconds,
      com.sun.management.OperatingSystemMXBean os)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    List<List<Double>> times = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long cpu0 = os.getProcessCpuTime();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      List<Double> mine = new ArrayList<>();
      times.add(mine);
      int offset = c * 37;
      Thread t =
          new Thread(
              () -> {
                int i = offset;
                while (!stop.get()) {
                  SearchRequest r = requests.get(i++ % requests.size());
                  long t0 = System.nanoTime();
                  try {
                    search.search(r);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  mine.add((System.nanoTime() - t0) / 1e6);
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
    double[] all = times.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(all);
    if (all.length == 0) return new Run(0, Double.NaN, Double.NaN, cpu, 0); // no clients
    return new Run(
        all.length / wall,
        all[all.length / 2],
        all[Math.min(all.length - 1, (int) (all.length * 0.99))],
        cpu,
        all.length);
  }
}
