package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.config.Limits;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import dev.byline.index.ArticleIndex;
import dev.byline.index.Schema;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Byline's benchmark kit: indexing through the bulk API against a raw Lucene IndexWriter loop, and
 * search through HTTP (1, 4 and 16 clients; bare, with facets, with facets and snippets) against
 * raw Lucene in-process doing the same work, all in the same run on the same machine. Writes
 * {@code results.md} and {@code chart.svg}. Run with {@code bin/bench search [articles] [seconds]}.
 */
public final class Bench {
  private static final String[] MODES = {"bare", "facets", "full"};

  /** Byline's default limits with the result cache off. */
  private static final Limits NO_CACHE = Limits.DEFAULTS.withResultCacheBytes(0);

  /**
   * The exponent of the Zipf replay: the query of popularity rank k is asked with probability
   * proportional to 1/k^s. Web search logs measure s around 0.8 to 1; 1.0 is the classic value.
   */
  static final double ZIPF_EXPONENT = 1.0;

  /**
   * What to run: each corpus size in turn (the chart shows the last), {@code seconds} per search
   * cell and for the near-real-time probe, at {@code nrtPerSecond} articles a second.
   */
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared or hashed
  public record Config(
      int[] sizes, int seconds, int[] clients, Path out, long seed, int nrtPerSecond) {}

  /** One size's figures for the scale table. */
  private record Scale(
      int articles,
      long indexBytes,
      double fullP50,
      double rawFullP50,
      double fullQpsRatio,
      double nrtP99,
      double startSeconds,
      long heapBytes,
      long rssBytes) {}

  public static void main(String[] args) throws Exception {
    int[] sizes =
        Arrays.stream((args.length > 0 ? args[0] : "10000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path out =
        run(new Config(sizes, seconds, new int[] {1, 4, 16}, Path.of("target/bench"), 42, 1_000));
    System.out.println(Files.readString(out.resolve("results.md")));
    System.exit(0); // the server's and the HTTP client's threads must not keep the JVM alive
  }

  /** Runs everything; returns the folder with results.md and chart.svg. */
  public static Path run(Config config) throws Exception {
    // One kept-alive connection per client thread (the JDK keeps 5 per host by default).
    System.setProperty("http.maxConnections", "64");
    Files.createDirectories(config.out());
    StringBuilder md = new StringBuilder();
    md.append("# Byline benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Synthetic articles (seed %d), %d s per measurement; %d cores, %s %s, -Xmx8g.%n%n",
            config.seed(),
            config.seconds(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version")));
    Map<String, Double> ratios = new LinkedHashMap<>();
    List<Scale> scale = new ArrayList<>();
    for (int size : config.sizes()) {
      ratios.clear();
      scale.add(runSize(md, config, size, ratios));
      // Each size's section as soon as it is done: a long run (a million articles) that is
      // stopped still leaves the sizes before it.
      Files.writeString(config.out().resolve("results.md"), md.toString() + scaleTable(scale));
      Files.writeString(config.out().resolve("chart.svg"), Chart.svg(ratios));
    }
    md.append(scaleTable(scale));
    Files.writeString(config.out().resolve("results.md"), md.toString());
    Files.writeString(config.out().resolve("chart.svg"), Chart.svg(ratios));
    return config.out();
  }

  private static String scaleTable(List<Scale> scale) {
    StringBuilder md = new StringBuilder();
    md.append(
        "## Scale\n\n| articles | index bytes/article | full p50 ms (1 client) | raw p50 ms | full QPS ratio (1 client) | NRT p99 ms | start-up s | heap MB | RSS MB |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Scale s : scale) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %,d | %,d | %.2f | %.2f | %.2f | %.0f | %.1f | %.0f | %.0f |%n",
              s.articles(),
              s.indexBytes() / s.articles(),
              s.fullP50(),
              s.rawFullP50(),
              s.fullQpsRatio(),
              s.nrtP99(),
              s.startSeconds(),
              s.heapBytes() / 1e6,
              s.rssBytes() / 1e6));
    }
    md.append(
        "\nIndex bytes are measured after the search cells, before the near-real-time probe adds its articles; "
            + "start-up, heap (after a full GC) and RSS are of `byline serve` in its own JVM on that index, after the query set has run once.\n");
    return md.toString();
  }

  private static Scale runSize(
      StringBuilder md, Config config, int size, Map<String, Double> ratios) throws Exception {
    md.append(String.format(Locale.ROOT, "## %,d articles%n%n", size));
    CorpusGenerator generator = new CorpusGenerator(config.seed());
    // The corpus is generated in chunks as each step needs it, never held whole: a million
    // articles would not fit the heap. Generating is not part of any timing.
    long bytes = 0;
    for (int from = 0; from < size; from += CHUNK) {
      for (Article a : chunk(generator, from, size))
        bytes += a.title().length() + a.body().length();
    }
    Path work = Files.createTempDirectory("byline-bench-");
    try {
      // An equal warm-up for every side, untimed: the same articles indexed once by each, into
      // folders thrown away, so that no side's timing holds the JIT compiling its code (the
      // raw loop, run first, used to warm the Lucene code the bulk API then ran warm). Then the
      // sides take turns, and the medians are compared: one round of each moved the ratio by
      // +-0.15 on this shared 2-core machine. The last API round loads the server searched below.
      if (SEARCHES_ONLY) return searchesOnly(md, config, size, ratios, generator, work, bytes);
      int indexWarmUp = Math.min(size, WARM_UP_ARTICLES);
      indexRaw(generator, indexWarmUp, work.resolve("raw-warm-up"), 1);
      deleteTree(work.resolve("raw-warm-up"));
      indexThroughThrowawayServer(generator, indexWarmUp, work.resolve("api-warm-up"), "");
      indexRaw(generator, indexWarmUp, work.resolve("raw-warm-up"), 2);
      deleteTree(work.resolve("raw-warm-up"));
      int rounds = indexingRounds(size);
      IndexRun[] raws = new IndexRun[rounds];
      // The same loop on two threads sharing the writer: what two cores give Lucene itself, the
      // most the bulk API could reach before any work of its own.
      IndexRun[] rawPairs = new IndexRun[rounds];
      IndexRun[] apis = new IndexRun[rounds];
      // The same bulk requests with refresh=false: answered once durable, not waiting for a
      // refresh (what a loader that does not read its writes back sends; Elasticsearch's default).
      IndexRun[] durables = new IndexRun[rounds];
      for (int r = 0; r < rounds; r++) {
        raws[r] = indexRaw(generator, size, work.resolve("raw"), 1);
        deleteTree(work.resolve("raw"));
        rawPairs[r] = indexRaw(generator, size, work.resolve("raw"), 2);
        deleteTree(work.resolve("raw"));
        if (r < rounds - 1)
          apis[r] = indexThroughThrowawayServer(generator, size, work.resolve("api"), "");
        durables[r] =
            indexThroughThrowawayServer(generator, size, work.resolve("api"), "?refresh=false");
      }
      Path file = work.resolve("corpus.jsonl");
      ObjectMapper json = new ObjectMapper();
      try (var out = Files.newBufferedWriter(file)) {
        for (int from = 0; from < size; from += CHUNK) {
          for (Article a : chunk(generator, from, size))
            out.write(json.writeValueAsString(ArticleJson.write(a)) + "\n");
        }
      }
      Path cliData = Files.createDirectories(work.resolve("cli")).resolve("data");
      double cli = ChildJvm.indexWithCli(file, cliData, size);
      deleteTree(work.resolve("cli"));
      Path data = Files.createDirectories(work.resolve("serve")).resolve("data");
      long indexBytes;
      Run[] full;
      NrtProbe.Result nrt;
      List<QuerySet.Query> queries = queries(generator, size, config);
      // The replay repeats its queries, so the cells below run with the result cache off: they
      // measure searching. The Zipf section after them measures the cache.
      try (BylineServer server =
          BylineServer.start(ServerConfig.defaults(data).withPort(0).withLimits(NO_CACHE))) {
        apis[rounds - 1] = indexThroughApi(generator, size, server.port(), "");
        double api = median(apis);
        double durable = median(durables);
        double raw = median(raws);
        double rawPair = median(rawPairs);
        double mb = (double) bytes / size / 1e6;
        md.append(
            String.format(
                Locale.ROOT,
                "### Indexing%n%nEvery side first indexes the same %,d articles untimed (an equal warm-up),"
                    + " then they take turns %d times; medians (each round: raw %s, raw on two threads %s,"
                    + " bulk API %s, with refresh=false %s articles/s). CPU per 1,000 articles and"
                    + " cores busy are the process's CPU time over the timed spans of all rounds (the"
                    + " JIT and the collector included; the kit's client too, which idles while a"
                    + " request runs). The `byline index` row is one fresh JVM, start-up and warm-up"
                    + " included.%n%n",
                indexWarmUp,
                rounds,
                rates(raws),
                rates(rawPairs),
                rates(apis),
                rates(durables)));
        md.append(
            "| path | articles/s | MB/s | ratio to raw Lucene | CPU ms per 1,000 | cores busy |\n");
        md.append("|---|---|---|---|---|---|\n");
        md.append(
            indexRow(
                "raw IndexWriter loop (same analyzer and fields, one thread)", raw, mb, raw, raws));
        md.append(
            indexRow(
                "raw IndexWriter loop on two threads (what two cores give Lucene itself)",
                rawPair,
                mb,
                raw,
                rawPairs));
        md.append(
            indexRow(
                "bulk API (NDJSON, 1,000 per request, one client; answered once searchable)",
                api,
                mb,
                raw,
                apis));
        md.append(
            indexRow(
                "bulk API with `refresh=false` (answered once durable)",
                durable,
                mb,
                raw,
                durables));
        md.append(
            row(
                String.format(
                    Locale.ROOT,
                    "`byline index corpus.jsonl` (own JVM, start-up included) | %.0f | %.1f | %.2f | - | -",
                    cli,
                    cli * mb,
                    cli / raw)));
        ratios.put("indexing", api / raw);
        ratios.put("indexing, raw on two threads", rawPair / raw);
        ratios.put("indexing, refresh=false", durable / raw);
        full = searchSection(md, config, server, queries, ratios);
        indexBytes = directoryBytes(server.index().path());
        // At the target rate, and at 40% of it: where the delay holds when the target does not.
        NrtProbe.Result lower =
            NrtProbe.run(
                server.port(), generator, size, config.nrtPerSecond() * 2 / 5, config.seconds());
        nrt =
            NrtProbe.run(
                server.port(),
                generator,
                size + 1_000_000,
                config.nrtPerSecond(),
                config.seconds());
        md.append("\n");
        for (NrtProbe.Result r : List.of(nrt, lower)) {
          md.append(
              String.format(
                  Locale.ROOT,
                  "Near-real-time: %d articles/s offered for %d s (%.0f/s achieved); sent → searchable p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 < 1,000 ms); "
                      + "batches acknowledged but not yet found: %d.%n",
                  r.perSecond(),
                  config.seconds(),
                  r.achievedPerSecond(),
                  r.pct(0.5),
                  r.pct(0.99),
                  r.pct(1.0),
                  r.notVisible()));
        }
        md.append("\n");
      }
      zipfSection(md, config, data, queries);
      List<String> warmUp = new ArrayList<>();
      for (QuerySet.Query q : queries)
        warmUp.add("/api/search?" + queryString(request(q, true, true)));
      ChildJvm.ServeCost serve = ChildJvm.serve(data, warmUp);
      md.append(
          String.format(
              Locale.ROOT,
              "Index: %.1f MB, %,d bytes per article (text is %,d bytes per article). `byline serve` on it: healthy %.1f s after launch; heap %.0f MB after a full GC; RSS %.0f MB.%n%n",
              indexBytes / 1e6,
              indexBytes / size,
              bytes / size,
              serve.startSeconds(),
              serve.heapBytes() / 1e6,
              serve.rssBytes() / 1e6));
      return scale(size, indexBytes, full, nrt.pct(0.99), serve);
    } finally {
      deleteTree(work); // also when a step fails: a 1M-article run leaves gigabytes behind
    }
  }

  /**
   * {@code BENCH_SEARCHES_ONLY=1}: each size is indexed once, through the bulk API, untimed, and
   * only the search cells run (no indexing comparison, no Zipf, near-real-time or start-up step):
   * at a million articles that is about half an hour instead of an hour and a half.
   */
  private static final boolean SEARCHES_ONLY = "1".equals(System.getenv("BENCH_SEARCHES_ONLY"));

  private static Scale searchesOnly(
      StringBuilder md,
      Config config,
      int size,
      Map<String, Double> ratios,
      CorpusGenerator generator,
      Path work,
      long bytes)
      throws Exception {
    Path data = Files.createDirectories(work.resolve("serve")).resolve("data");
    List<QuerySet.Query> queries = queries(generator, size, config);
    md.append(
        "Searches only (`BENCH_SEARCHES_ONLY=1`): indexed once through the bulk API, untimed.\n");
    try (BylineServer server =
        BylineServer.start(ServerConfig.defaults(data).withPort(0).withLimits(NO_CACHE))) {
      indexThroughApi(generator, size, server.port(), "?refresh=false");
      server.index().refresh(); // the raw side's snapshot commits; the server's searches need this
      Run[] full = searchSection(md, config, server, queries, ratios);
      long indexBytes = directoryBytes(server.index().path());
      md.append(
          String.format(
              Locale.ROOT,
              "%nIndex: %.1f MB, %,d bytes per article (text is %,d bytes per article).%n%n",
              indexBytes / 1e6,
              indexBytes / size,
              bytes / size));
      return scale(size, indexBytes, full, Double.NaN, null);
    } // the work folder is deleted by runSize
  }

  /** A size's row of the scale table; {@code serve} null when {@code byline serve} was not run. */
  private static Scale scale(
      int size, long indexBytes, Run[] full, double nrtP99, ChildJvm.ServeCost serve) {
    return new Scale(
        size,
        indexBytes,
        pct(full[0].all(), 0.5),
        pct(full[1].all(), 0.5),
        full[0].qps() / full[1].qps(),
        nrtP99,
        serve == null ? Double.NaN : serve.startSeconds(),
        serve == null ? 0 : serve.heapBytes(),
        serve == null ? 0 : serve.rssBytes());
  }

  /** The query set: 20 queries of each class, made from the first 5,000 articles. */
  private static List<QuerySet.Query> queries(CorpusGenerator generator, int size, Config config) {
    return QuerySet.build(
        chunk(generator, 0, Math.min(size, 5_000), 5_000),
        generator.categories(),
        20,
        config.seed());
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static String row(String cells) {
    return "| " + cells + " |\n";
  }

  // ---- indexing ----

  private static final int CHUNK = 1_000;

  /** Articles each indexing side indexes once, untimed, before it is timed (at most the size). */
  private static final int WARM_UP_ARTICLES = 10_000;

  /**
   * Timed indexing rounds per side: five up to 20,000 articles, three up to 100,000, one beyond.
   * At 10,000 articles the rounds of one side spread over +-20% on this shared 2-core machine, and
   * the median of three moved the ratio between 1.2x and 1.6x from one run to the next.
   */
  private static int indexingRounds(int size) {
    return size <= 20_000 ? 5 : size <= 100_000 ? 3 : 1;
  }

  /**
   * One timed indexing run: its articles, wall-clock time, and the process's CPU time over the
   * same spans.
   */
  private record IndexRun(int articles, long wallNanos, long cpuNanos) {
    double perSecond() {
      return articles / (wallNanos / 1e9);
    }
  }

  private static double median(IndexRun[] runs) {
    return median(Arrays.stream(runs).mapToDouble(IndexRun::perSecond).toArray());
  }

  private static String rates(IndexRun[] runs) {
    return rates(Arrays.stream(runs).mapToDouble(IndexRun::perSecond).toArray());
  }

  /** A row of the indexing table: the median rate, and CPU over all of the runs. */
  private static String indexRow(String path, double rate, double mb, double raw, IndexRun[] runs) {
    long articles = 0;
    long wall = 0;
    long cpu = 0;
    for (IndexRun run : runs) {
      articles += run.articles();
      wall += run.wallNanos();
      cpu += run.cpuNanos();
    }
    return row(
        String.format(
            Locale.ROOT,
            "%s | %.0f | %.1f | %.2f | %.0f | %.2f",
            path,
            rate,
            rate * mb,
            rate / raw,
            cpu / 1e6 / (articles / 1_000.0),
            (double) cpu / wall));
  }

  /** The CPU time this process has used, in nanoseconds (all its threads). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String rates(double[] values) {
    StringBuilder out = new StringBuilder();
    for (double v : values) {
      if (out.length() > 0) out.append(", ");
      out.append(String.format(Locale.ROOT, "%.0f", v));
    }
    return out.toString();
  }

  /** The bulk API's rate into a server of its own on {@code dir}, deleted afterwards. */
  private static IndexRun indexThroughThrowawayServer(
      CorpusGenerator generator, int size, Path dir, String query) throws Exception {
    Path data = Files.createDirectories(dir).resolve("data");
    try (BylineServer server =
        BylineServer.start(ServerConfig.defaults(data).withPort(0).withLimits(NO_CACHE))) {
      return indexThroughApi(generator, size, server.port(), query);
    } finally {
      deleteTree(dir);
    }
  }

  /** Articles {@code from} until {@code from + CHUNK} (or {@code size}). */
  private static List<Article> chunk(CorpusGenerator generator, int from, int size) {
    return chunk(generator, from, size, CHUNK);
  }

  private static List<Article> chunk(CorpusGenerator generator, int from, int size, int length) {
    List<Article> articles = new ArrayList<>(length);
    for (int i = from; i < Math.min(size, from + length); i++) articles.add(generator.article(i));
    return articles;
  }

  /**
   * A raw IndexWriter loop on {@code threads} threads sharing the writer: each chunk's articles
   * are generated before the clock starts, then each thread takes the next article not yet taken
   * (as a bulk request's threads do), and the clock stops when all have added theirs.
   */
  private static IndexRun indexRaw(CorpusGenerator generator, int size, Path dir, int threads)
      throws Exception {
    long nanos = 0;
    long cpu = 0;
    java.util.concurrent.ExecutorService pool =
        threads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (FSDirectory fs = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(fs, new IndexWriterConfig(Schema.analyzer()).setRAMBufferSizeMB(64))) {
      for (int from = 0; from < size; from += CHUNK) {
        List<Article> articles = chunk(generator, from, size);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        if (pool == null) {
          for (Article a : articles) writer.addDocument(Schema.toDocument(a));
        } else {
          List<java.util.concurrent.Future<?>> parts = new ArrayList<>();
          java.util.concurrent.atomic.AtomicInteger next =
              new java.util.concurrent.atomic.AtomicInteger();
          for (int t = 0; t < threads; t++) {
            parts.add(
                pool.submit(
                    () -> {
                      for (int i = next.getAndIncrement();
                          i < articles.size();
                          i = next.getAndIncrement()) {
                        writer.addDocument(Schema.toDocument(articles.get(i)));
                      }
                      return null;
                    }));
          }
          for (java.util.concurrent.Future<?> part : parts) part.get();
        }
        nanos += System.nanoTime() - start;
        cpu += processCpuNanos() - cpuStart;
      }
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      writer.commit();
      nanos += System.nanoTime() - start;
      cpu += processCpuNanos() - cpuStart;
    } finally {
      if (pool != null) pool.shutdown();
    }
    return new IndexRun(size, nanos, cpu);
  }

  /** The bulk API's rate, 1,000 articles a request; {@code query} is added to its path. */
  private static IndexRun indexThroughApi(
      CorpusGenerator generator, int size, int port, String query) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/articles" + query);
    long nanos = 0;
    long cpu = 0;
    for (int from = 0; from < size; from += CHUNK) {
      StringBuilder body = new StringBuilder();
      for (Article a : chunk(generator, from, size)) {
        body.append(json.writeValueAsString(ArticleJson.write(a))).append('\n');
      }
      // Encoded before the clock starts, as the raw loop's articles are generated before its own:
      // encoding 7 MB inside it was about 1.5% of a request, charged to the server.
      byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(uri)
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      nanos += System.nanoTime() - start;
      cpu += processCpuNanos() - cpuStart;
      if (r.statusCode() != 200 || r.body().contains("\"failed\":1"))
        throw new IllegalStateException(r.body());
    }
    return new IndexRun(size, nanos, cpu);
  }

  // ---- search ----

  /** Latencies in nanoseconds, by query class, and how many queries ran. */
  @SuppressWarnings("ArrayRecordComponent") // a run's raw latencies, never compared or hashed
  private record Run(Map<String, long[]> byClass, long[] all, double qps) {}

  private interface Work {
    void run(QuerySet.Query query) throws Exception;
  }

  /** The search tables; returns the one-client full-mode runs, Byline's and raw Lucene's. */
  private static Run[] searchSection(
      StringBuilder md,
      Config config,
      BylineServer server,
      List<QuerySet.Query> queries,
      Map<String, Double> ratios)
      throws Exception {
    String base = "http://127.0.0.1:" + server.port() + "/api/search?";
    // The raw side reads a snapshot of the server's index: the snapshot commits first, so it holds
    // every article the server acknowledged. Opening the live folder read its last background
    // commit, made every 10 s or once the write-ahead log passes 64 MB: at 10,000 articles loaded
    // in 5 s that held 0 or 6,000 of them, and the raw side searched a smaller index (or an
    // empty one: 0.01 ms a search, 7 December).
    Path view = Files.createTempDirectory("byline-bench-raw-view-");
    Files.delete(view); // a snapshot's target must not exist yet
    ArticleIndex.Snapshot snapshot = server.index().snapshot(view);
    try (FSDirectory fs = FSDirectory.open(snapshot.path().resolve("index"));
        DirectoryReader reader = DirectoryReader.open(fs)) {
      // Against what the server's searches see (the snapshot's own count is this reader's).
      long served = server.index().stats().articles();
      if (reader.numDocs() != served || served == 0) {
        throw new IllegalStateException(
            "the raw side's view holds " + reader.numDocs() + " articles, the server's " + served);
      }
      RawHarness raw = new RawHarness(reader);
      md.append("\n### Search (")
          .append(queries.size())
          .append(" queries in 11 classes, replayed for ")
          .append(config.seconds())
          .append(" s per cell)\n\n");
      md.append(
          String.format(
              Locale.ROOT,
              "Raw Lucene searches a snapshot of the server's index: %,d articles.%n%n",
              reader.numDocs()));
      md.append(
          "| mode | clients | Byline QPS | raw QPS | QPS ratio | Byline p50 ms | raw p50 ms | p50 ratio | Byline p99 ms | raw p99 ms | p99 ratio |\n");
      md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
      // Warm both sides up in every mode before measuring anything: the JIT needs a few seconds,
      // and whichever cell ran first would otherwise pay for it.
      for (int round = 0; round < 3; round++) {
        for (String mode : MODES) {
          boolean facets = !mode.equals("bare");
          boolean snippets = mode.equals("full");
          for (QuerySet.Query q : queries) {
            get(base + queryString(request(q, facets, snippets)));
            raw.search(q, facets, snippets);
          }
        }
      }
      Map<String, Run> oneClient = new LinkedHashMap<>();
      Map<String, Run> oneClientRaw = new LinkedHashMap<>();
      for (String mode : MODES) {
        boolean facets = !mode.equals("bare");
        boolean snippets = mode.equals("full");
        for (int clients : config.clients()) {
          Run byline =
              replay(
                  queries,
                  clients,
                  config.seconds(),
                  q -> get(base + queryString(request(q, facets, snippets))));
          Run lucene =
              replay(queries, clients, config.seconds(), q -> raw.search(q, facets, snippets));
          md.append(searchRow(mode, clients, byline, lucene));
          ratios.put(mode + "/" + clients, byline.qps() / lucene.qps());
          if (clients == config.clients()[0]) {
            oneClient.put(mode, byline);
            oneClientRaw.put(mode, lucene);
          }
        }
      }
      // The search box's requests: the same queries as a reader types them (the simple syntax,
      // so "did you mean" and date phrases are read too), with facets and snippets, as the page
      // sends them; raw Lucene does its full mode.
      for (int round = 0; round < 3; round++) {
        for (QuerySet.Query q : queries) get(base + queryString(typed(q)));
      }
      for (int clients : config.clients()) {
        Run byline =
            replay(queries, clients, config.seconds(), q -> get(base + queryString(typed(q))));
        Run lucene = replay(queries, clients, config.seconds(), q -> raw.search(q, true, true));
        md.append(searchRow("search box", clients, byline, lucene));
        ratios.put("search box/" + clients, byline.qps() / lucene.qps());
      }
      md.append(
          "\n(search box: the queries typed as a reader would — `a b` for `a AND b`, the misspelled"
              + " word without `~1` — in the simple syntax with facets and snippets, as the page"
              + " sends them; raw Lucene in its full mode.)\n");
      md.append("\n#### Per query class (full mode, ")
          .append(config.clients()[0])
          .append(" client)\n\n");
      md.append(
          "| class | Byline p50 ms | raw p50 ms | Byline p99 ms | raw p99 ms |\n|---|---|---|---|---|\n");
      Run full = oneClient.get("full");
      Run fullRaw = oneClientRaw.get("full");
      for (String kind : full.byClass().keySet()) {
        long[] b = full.byClass().get(kind);
        long[] r = fullRaw.byClass().getOrDefault(kind, new long[] {0});
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                kind,
                pct(b, 0.5),
                pct(r, 0.5),
                pct(b, 0.99),
                pct(r, 0.99)));
      }
      // The same searches through ArticleSearch in this JVM: what Byline's search costs without
      // HTTP, so the table above splits into search work and transport.
      ArticleSearch inProcess =
          new ArticleSearch(server.index(), java.time.Clock.systemUTC(), NO_CACHE);
      md.append("\n#### Without HTTP (one client, p50 ms)\n\n");
      md.append(
          "| mode | Byline over HTTP | Byline in-process (`ArticleSearch`) | raw Lucene | in-process / raw |\n|---|---|---|---|---|\n");
      for (String mode : MODES) {
        boolean facets = !mode.equals("bare");
        boolean snippets = mode.equals("full");
        Run direct =
            replay(
                queries,
                1,
                config.seconds(),
                q -> inProcess.search(SearchRequest.fromParams(request(q, facets, snippets))));
        double http = pct(oneClient.get(mode).all(), 0.5);
        double here = pct(direct.all(), 0.5);
        double lucene = pct(oneClientRaw.get(mode).all(), 0.5);
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.2f | %.2f | %.2f | %.2f |%n",
                mode,
                http,
                here,
                lucene,
                here / lucene));
      }

      // The bare search counts matches only up to 1,000 and skips the rest (WAND); facets must
      // visit every match, so part of their cost is that visit. Raw Lucene's costs, measured the
      // same way, are the yardstick.
      md.append(
          String.format(
              Locale.ROOT,
              "%nCost over the bare search (Byline, p50, one client): facets %s (target ≤ +50%%), then snippets %s (target ≤ +100%%).%n",
              costs(oneClient, "bare", "facets", "bare"),
              costs(oneClient, "facets", "full", "bare")));
      md.append(
          String.format(
              Locale.ROOT,
              "Raw Lucene, measured the same way: facets %s, then snippets %s.%n",
              costs(oneClientRaw, "bare", "facets", "bare"),
              costs(oneClientRaw, "facets", "full", "bare")));
      md.append(
          String.format(
              Locale.ROOT,
              "Snippets over the search they are added to (with facets): Byline %s, raw Lucene %s.%n",
              costs(oneClient, "facets", "full", "facets"),
              costs(oneClientRaw, "facets", "full", "facets")));
      return new Run[] {full, fullRaw};
    } finally {
      deleteTree(view);
    }
  }

  /**
   * One GET over a kept-alive connection, the body read whole. HttpURLConnection rather than
   * java.net.http.HttpClient: the latter's hand-offs between its selector and worker threads
   * cost about 0.2 ms a request on this machine, which would be charged to Byline.
   */
  public static String get(String url) throws IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
    int status = c.getResponseCode();
    try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (status != 200) throw new IllegalStateException(url + " -> " + status + " " + body);
      return body;
    }
  }

  /** p50 of mode {@code to} minus p50 of mode {@code from}, in % of p50 of mode {@code base}. */
  private static String costs(Map<String, Run> runs, String from, String to, String base) {
    double b = pct(runs.get(base).all(), 0.5);
    return String.format(
        Locale.ROOT,
        "%+.0f%%",
        100 * (pct(runs.get(to).all(), 0.5) - pct(runs.get(from).all(), 0.5)) / b);
  }

  /** The query as {@code GET /api/search} parameters: sent over HTTP, or to ArticleSearch directly. */
  static Map<String, List<String>> request(QuerySet.Query q, boolean facets, boolean snippets) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("q", List.of(q.q()));
    p.put("syntax", List.of("lucene"));
    p.put("size", List.of("10"));
    p.put("facets", List.of(Boolean.toString(facets)));
    p.put("snippets", List.of(Boolean.toString(snippets)));
    if (q.from() != null) {
      p.put("from", List.of(q.from()));
      p.put("to", List.of(q.to()));
    }
    if (q.category() != null) p.put("category", List.of(q.category()));
    return p;
  }

  /** One row of the search table: QPS, p50 and p99 of both sides and their ratios. */
  private static String searchRow(String mode, int clients, Run byline, Run lucene) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
        mode,
        clients,
        byline.qps(),
        lucene.qps(),
        byline.qps() / lucene.qps(),
        pct(byline.all(), 0.5),
        pct(lucene.all(), 0.5),
        pct(byline.all(), 0.5) / pct(lucene.all(), 0.5),
        pct(byline.all(), 0.99),
        pct(lucene.all(), 0.99),
        pct(byline.all(), 0.99) / pct(lucene.all(), 0.99));
  }

  /** A query as a reader types it in the search box, with the page's parameters. */
  static Map<String, List<String>> typed(QuerySet.Query q) {
    Map<String, List<String>> p = request(q, true, true);
    p.remove("syntax");
    String text = q.q().replace(" AND ", " ");
    if (text.endsWith("~1")) text = text.substring(0, text.length() - 2);
    p.put("q", List.of(text));
    return p;
  }

  static String queryString(Map<String, List<String>> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, values) -> {
          for (String value : values) {
            if (!query.isEmpty()) query.append('&');
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  /** {@code clients} threads replay the queries round-robin for {@code seconds}. */
  private static Run replay(List<QuerySet.Query> queries, int clients, int seconds, Work work)
      throws Exception {
    return replay(queries, clients, seconds, work, queries);
  }

  /**
   * Replays {@code queries} in order from {@code clients} threads for {@code seconds}, after a
   * warm-up that runs each of {@code distinct} once.
   */
  private static Run replay(
      List<QuerySet.Query> queries,
      int clients,
      int seconds,
      Work work,
      List<QuerySet.Query> distinct)
      throws Exception {
    // Warm-up: every query once, then up to a second of load, so the JIT has compiled what is
    // measured.
    for (QuerySet.Query q : distinct) work.run(q);
    long warmUntil = System.nanoTime() + Math.min(1_000_000_000L, seconds * 1_000_000_000L / 3);
    for (int i = 0; System.nanoTime() < warmUntil; i++) work.run(queries.get(i % queries.size()));
    AtomicBoolean stop = new AtomicBoolean();
    List<Map<String, List<Long>>> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < clients; t++) {
      Map<String, List<Long>> mine = new LinkedHashMap<>();
      perThread.add(mine);
      int offset = t * 7;
      threads.add(
          new Thread(
              () -> {
                for (int i = offset; !stop.get(); i++) {
                  QuerySet.Query q = queries.get(i % queries.size());
                  long t0 = System.nanoTime();
                  try {
                    work.run(q);
                  } catch (Exception e) {
                    errors.add(e);
                    return;
                  }
                  mine.computeIfAbsent(q.kind(), k -> new ArrayList<>())
                      .add(System.nanoTime() - t0);
                }
              }));
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread t : threads) t.join();
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (!errors.isEmpty()) throw errors.get(0);
    Map<String, List<Long>> merged = new LinkedHashMap<>();
    for (Map<String, List<Long>> m : perThread)
      m.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    Map<String, long[]> byClass = new LinkedHashMap<>();
    List<Long> all = new ArrayList<>();
    merged.forEach(
        (k, v) -> {
          long[] a = v.stream().mapToLong(Long::longValue).toArray();
          Arrays.sort(a);
          byClass.put(k, a);
          all.addAll(v);
        });
    long[] allSorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Run(byClass, allSorted, allSorted.length / elapsed);
  }

  /**
   * Repeated queries, as news traffic asks them: the query set replayed in a Zipf order ({@link
   * #ZIPF_EXPONENT}), full mode, at the middle client count, through Byline over HTTP with the
   * result cache off and on (default size) and through raw Lucene, which has no result cache.
   */
  private static void zipfSection(
      StringBuilder md, Config config, Path data, List<QuerySet.Query> queries) throws Exception {
    List<QuerySet.Query> ranked = new ArrayList<>(queries);
    java.util.Collections.shuffle(ranked, new java.util.Random(config.seed()));
    double[] cumulative = new double[ranked.size()];
    double sum = 0;
    for (int k = 0; k < ranked.size(); k++) {
      sum += 1 / Math.pow(k + 1, ZIPF_EXPONENT);
      cumulative[k] = sum;
    }
    java.util.Random random = new java.util.Random(config.seed() + 1);
    List<QuerySet.Query> sequence = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      int k = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      sequence.add(ranked.get(k < 0 ? -k - 1 : k));
    }
    int clients = config.clients()[config.clients().length / 2];
    md.append(
        String.format(
            Locale.ROOT,
            "### Repeated queries (Zipf, s = %.1f, over the %d queries; full mode, %d clients, %d s)%n%n",
            ZIPF_EXPONENT,
            ranked.size(),
            clients,
            config.seconds()));
    md.append(
        "| side | QPS | ratio to raw Lucene | p50 ms | p99 ms | cache hit rate |\n|---|---|---|---|---|---|\n");
    Run lucene;
    try (FSDirectory fs = FSDirectory.open(data.resolve("index"));
        DirectoryReader reader = DirectoryReader.open(fs)) {
      RawHarness raw = new RawHarness(reader);
      lucene = replay(sequence, clients, config.seconds(), q -> raw.search(q, true, true), ranked);
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| raw Lucene | %.0f | 1.00 | %.2f | %.2f | - |%n",
            lucene.qps(),
            pct(lucene.all(), 0.5),
            pct(lucene.all(), 0.99)));
    for (Limits limits : List.of(NO_CACHE, Limits.DEFAULTS)) {
      try (BylineServer server =
          BylineServer.start(ServerConfig.defaults(data).withPort(0).withLimits(limits))) {
        String base = "http://127.0.0.1:" + server.port() + "/api/search?";
        Run byline =
            replay(
                sequence,
                clients,
                config.seconds(),
                q -> get(base + queryString(request(q, true, true))),
                ranked);
        String stats = get("http://127.0.0.1:" + server.port() + "/api/stats");
        var cache = new ObjectMapper().readTree(stats).path("result_cache");
        long hits = cache.path("hits").asLong();
        long asked = hits + cache.path("misses").asLong();
        md.append(
            String.format(
                Locale.ROOT,
                "| Byline, result cache %s | %.0f | %.2f | %.2f | %.2f | %s |%n",
                limits.resultCacheBytes() == 0 ? "off" : (limits.resultCacheBytes() >> 20) + " MB",
                byline.qps(),
                byline.qps() / lucene.qps(),
                pct(byline.all(), 0.5),
                pct(byline.all(), 0.99),
                asked == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * hits / asked)));
      }
    }
    md.append("\n");
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(p);
    }
  }
}
