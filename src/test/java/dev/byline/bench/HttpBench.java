package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Byline measured from outside, as an independent harness measures it: the generated corpus
 * bulk-loaded by {@code byline index}, then a freshly started {@code byline serve} (its own JVM,
 * launched by {@code bin/byline}, so with the flags and caches operators get) driven over HTTP at 8
 * kept-alive connections with the bench's query set in Lucene syntax, facets and snippets on, from
 * its first request on; then {@link RawHarness} in a JVM of its own doing the same work with
 * Lucene's defaults on 2 threads, also from its first query on. Prints QPS per {@value
 * LoadGenerator#WINDOW_SECONDS} s window for both, their steady states and the ratio, and writes
 * {@code target/bench/http.md}.
 *
 * <p>{@code bin/bench http [articles=10000] [seconds=120]}. {@code BENCH_SERVER_OPTS} adds JVM flags
 * to the server ({@code BYLINE_JAVA_OPTS}); {@code BENCH_NO_WRK=1} uses the Java load generator even
 * when wrk is installed; {@code BENCH_RAW=0} skips the raw harness; {@code BENCH_BYLINE} names
 * another launcher than {@code bin/byline}; {@code BENCH_SYNTAX=simple} sends Byline the queries as
 * the search page does (the search box's syntax, as a reader types them: {@link Bench#typed}),
 * while the raw side still runs them in Lucene syntax.
 */
public final class HttpBench {
  static final int CONNECTIONS = 8;
  static final int RAW_THREADS = 2;

  /**
   * What to run. {@code script}: launch the server with {@code bin/byline} (else from this JVM's
   * class path, as the smoke test does before the jar exists).
   */
  record Config(
      int articles,
      int seconds,
      int perClass,
      long seed,
      boolean script,
      boolean useWrk,
      String serverOpts,
      Path out) {}

  /** One side's windows and figures. */
  @SuppressWarnings("ArrayRecordComponent") // figures to print, never compared or hashed
  record Side(
      String name, double[] qps, double[] cpu, double launchToReadySeconds, String cpuByThread) {
    /** Where the steady state starts: the last third of the windows (at least one). */
    int steadyFrom() {
      return Math.max(0, qps.length - Math.max(1, qps.length / 3));
    }

    /** Steady state: the mean QPS of the last third of the windows. */
    double steady() {
      return new LoadGenerator.Windows("", qps, cpu).meanFrom(steadyFrom());
    }

    /**
     * Steady state per CPU second of the process (the JIT and the GC included): on a shared
     * machine the QPS of two runs depends on what else runs; this much less.
     */
    double steadyPerCpu() {
      double queries = 0;
      double seconds = 0;
      for (int i = steadyFrom(); i < qps.length; i++) {
        queries += qps[i] * LoadGenerator.WINDOW_SECONDS;
        seconds += cpu[i];
      }
      return seconds == 0 ? 0 : queries / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    Config config =
        new Config(
            articles,
            seconds,
            50,
            42,
            true,
            !"1".equals(System.getenv("BENCH_NO_WRK")),
            System.getenv().getOrDefault("BENCH_SERVER_OPTS", ""),
            Path.of("target/bench"));
    String md = run(config);
    System.out.println(md);
    System.exit(0);
  }

  /**
   * {@code BENCH_MODE=bare}: both sides search without facets or snippets (top 10 with their
   * stored fields), to see what the transport and the hit building cost; else the full work.
   */
  static boolean bare() {
    return "bare".equals(System.getenv("BENCH_MODE"));
  }

  /** {@code BENCH_SYNTAX=simple}: Byline gets the search box's requests (with facets and snippets). */
  static boolean typed() {
    return "simple".equals(System.getenv("BENCH_SYNTAX")) && !bare();
  }

  /**
   * {@code BENCH_SOLR=1}: a third side, Solr 9.10.1 over HTTP on the same articles and queries
   * ({@link SolrSide}); its first run downloads Solr from Maven Central.
   */
  static boolean solr() {
    return "1".equals(System.getenv("BENCH_SOLR"));
  }

  /** Runs everything; returns the report (also written to {@code http.md} in {@code out}). */
  static String run(Config config) throws Exception {
    Files.createDirectories(config.out());
    Path work = Files.createTempDirectory("byline-http-bench-");
    try {
      CorpusGenerator generator = new CorpusGenerator(config.seed());
      Path corpus = work.resolve("corpus.jsonl");
      ObjectMapper json = new ObjectMapper();
      List<Article> sample = new ArrayList<>();
      try (var out = Files.newBufferedWriter(corpus)) {
        for (int i = 0; i < config.articles(); i++) {
          Article a = generator.article(i);
          if (i < 5_000) sample.add(a);
          out.write(json.writeValueAsString(ArticleJson.write(a)) + "\n");
        }
      }
      Path data = work.resolve("data");
      ChildJvm.indexWithCli(corpus, data, config.articles());
      List<QuerySet.Query> queries =
          QuerySet.build(sample, generator.categories(), config.perClass(), config.seed());
      List<String> paths = new ArrayList<>();
      for (QuerySet.Query q : queries)
        paths.add(
            "/api/search?"
                + Bench.queryString(typed() ? Bench.typed(q) : Bench.request(q, !bare(), !bare())));
      Path queryFile = work.resolve("queries.tsv");
      RawHarness.writeQueries(queries, queryFile);

      String loadBefore = loadAverage();
      Side byline = byline(config, data, paths);
      Side raw =
          "0".equals(System.getenv("BENCH_RAW")) // Byline only: the raw columns stay empty
              ? new Side("raw Lucene", new double[0], new double[0], 0, "")
              : raw(config, data.resolve("index"), queryFile);
      Side solr = null;
      if (solr()) {
        List<String> solrPaths = new ArrayList<>();
        for (QuerySet.Query q : queries) solrPaths.add(SolrRequests.path(q, !bare(), !bare()));
        solr = SolrSide.run(config, corpus, work, solrPaths);
      }
      String loadAfter = loadAverage();
      String md = report(config, queries.size(), byline, raw, loadBefore, loadAfter);
      if (solr != null) md += solrReport(byline, solr);
      Files.writeString(config.out().resolve("http.md"), md);
      return md;
    } finally {
      try (var files = Files.walk(work)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.deleteIfExists(f);
      }
    }
  }

  private static String driver = "";

  /** A fresh {@code byline serve} on {@code data}, loaded from its first request on. */
  private static Side byline(Config config, Path data, List<String> paths) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    if (config.script()) {
      command.add(
          Path.of(System.getenv().getOrDefault("BENCH_BYLINE", "bin/byline"))
              .toAbsolutePath()
              .toString());
      String opts =
          (System.getenv().getOrDefault("BYLINE_JAVA_OPTS", "") + " " + config.serverOpts());
      env.put("BYLINE_JAVA_OPTS", (opts + " -DBYLINE_LOG_LEVEL=WARN").strip());
    } else {
      command.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx1g",
              "--add-modules",
              "jdk.incubator.vector",
              "--enable-native-access=ALL-UNNAMED",
              "-DBYLINE_LOG_LEVEL=WARN"));
      for (String o : config.serverOpts().split("\\s+")) if (!o.isBlank()) command.add(o);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.byline.Byline"));
    }
    // The replay cycles through its queries, so the result cache would answer most of them from
    // memory: off, so that searching is measured (bin/bench search's Zipf section measures it).
    command.addAll(
        List.of(
            "serve",
            "--data",
            data.toString(),
            "--port",
            String.valueOf(port),
            "--result-cache-mb",
            "0"));
    // BENCH_SERVE_ARGS: more `serve` options, to compare server settings from outside.
    for (String a : System.getenv().getOrDefault("BENCH_SERVE_ARGS", "").split("\\s+"))
      if (!a.isBlank()) command.add(a);
    Path log = data.resolveSibling("serve.log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    long launched = System.nanoTime();
    Process p = pb.start();
    try {
      while (true) {
        if (!p.isAlive())
          throw new IllegalStateException("byline serve exited: " + Files.readString(log));
        try {
          // Ready when /health says 200, as a load balancer reads it: not while it warms up.
          Bench.get("http://127.0.0.1:" + port + "/health");
          break;
        } catch (IOException | IllegalStateException notYet) {
          Thread.sleep(20);
        }
      }
      double ready = (System.nanoTime() - launched) / 1e9;
      Map<String, Double> cpuBefore = threadCpu(p.pid());
      long pid = p.pid();
      LoadGenerator.Windows w =
          LoadGenerator.run(
              port,
              paths,
              CONNECTIONS,
              config.seconds(),
              config.useWrk(),
              () -> LoadGenerator.processCpuSeconds(pid));
      driver = w.driver();
      Map<String, Double> cpuAfter = threadCpu(p.pid());
      return new Side("Byline", w.qps(), w.cpu(), ready, cpuSummary(cpuBefore, cpuAfter));
    } finally {
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  /** {@link RawHarness} in its own JVM on the index Byline wrote. */
  private static Side raw(Config config, Path index, Path queryFile) throws Exception {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            RawHarness.class.getName(),
            index.toString(),
            queryFile.toString(),
            String.valueOf(config.seconds()),
            String.valueOf(RAW_THREADS),
            bare() ? "bare" : "full");
    long launched = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(config.seconds() + 600L, TimeUnit.SECONDS) || p.exitValue() != 0)
      throw new IllegalStateException("raw harness failed: " + out);
    List<Double> qps = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("window ")) {
        qps.add(Double.parseDouble(line.split(" ")[2]));
        cpu.add(Double.parseDouble(line.split(" ")[3]));
      }
    }
    double total = (System.nanoTime() - launched) / 1e9;
    return new Side(
        "raw Lucene",
        qps.stream().mapToDouble(Double::doubleValue).toArray(),
        cpu.stream().mapToDouble(Double::doubleValue).toArray(),
        total - config.seconds(),
        "");
  }

  /** CPU seconds by thread kind (C2, C1, GC, other) from /proc, or empty off Linux. */
  static Map<String, Double> threadCpu(long pid) {
    Map<String, Double> cpu = new HashMap<>();
    Path tasks = Path.of("/proc", String.valueOf(pid), "task");
    if (!Files.isDirectory(tasks)) return cpu;
    try (var list = Files.list(tasks)) {
      for (Path t : list.toList()) {
        try {
          String comm = Files.readString(t.resolve("comm")).strip();
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
          String kind =
              comm.startsWith("C2 ")
                  ? "C2"
                  : comm.startsWith("C1 ")
                      ? "C1"
                      : comm.startsWith("GC ") || comm.startsWith("G1 ") ? "GC" : "other";
          cpu.merge(kind, seconds, Double::sum);
        } catch (IOException | RuntimeException gone) {
          // a thread that ended meanwhile
        }
      }
    } catch (IOException e) {
      return cpu;
    }
    return cpu;
  }

  static String cpuSummary(Map<String, Double> before, Map<String, Double> after) {
    if (after.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    for (String k : List.of("other", "C2", "C1", "GC")) {
      sb.append(sb.isEmpty() ? "" : ", ")
          .append(k.equals("other") ? "requests and the rest" : k)
          .append(' ')
          .append(
              String.format(
                  Locale.ROOT, "%.1f s", after.getOrDefault(k, 0.0) - before.getOrDefault(k, 0.0)));
    }
    return sb.toString();
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String report(
      Config config, int queries, Side byline, Side raw, String loadBefore, String loadAfter) {
    StringBuilder md = new StringBuilder();
    md.append("# Byline from outside\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%,d synthetic articles (seed %d), %d queries in %s %s; "
                + "Byline: a fresh `byline serve`%s with the result cache off, %d kept-alive connections (%s), ready %.1f s after launch; "
                + "raw Lucene: `RawHarness` in its own JVM, %d threads, Lucene's defaults. "
                + "%d cores, %s %s. Load average before %s, after %s.%n%n",
            config.articles(),
            config.seed(),
            queries,
            typed()
                ? "the search box's syntax for Byline (BENCH_SYNTAX=simple), Lucene syntax for raw"
                    + " Lucene,"
                : "Lucene syntax",
            bare() ? "bare (no facets, no snippets: BENCH_MODE=bare)" : "with facets and snippets",
            config.script()
                ? " via bin/byline"
                    + (config.serverOpts().isBlank()
                        ? ""
                        : " with `" + config.serverOpts().strip() + "`")
                    + (System.getenv().getOrDefault("BENCH_SERVE_ARGS", "").isBlank()
                        ? ""
                        : " and `serve " + System.getenv("BENCH_SERVE_ARGS").strip() + "`")
                : " from the class path",
            CONNECTIONS,
            driver,
            byline.launchToReadySeconds(),
            RAW_THREADS,
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            loadBefore,
            loadAfter));
    double steady = byline.steady();
    double rawSteady = raw.steady();
    md.append(
        "| window (s from first request) | Byline QPS | × Byline steady | Byline CPU s | Byline queries/CPU s, × steady | raw Lucene QPS | × raw steady | raw CPU s | raw queries/CPU s, × steady |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    int n = Math.max(byline.qps().length, raw.qps().length);
    for (int i = 0; i < n; i++) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %d-%d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              i * LoadGenerator.WINDOW_SECONDS,
              (i + 1) * LoadGenerator.WINDOW_SECONDS,
              i < byline.qps().length ? String.format(Locale.ROOT, "%.0f", byline.qps()[i]) : "",
              i < byline.qps().length
                  ? String.format(Locale.ROOT, "%.2f", byline.qps()[i] / steady)
                  : "",
              i < byline.cpu().length ? String.format(Locale.ROOT, "%.1f", byline.cpu()[i]) : "",
              perCpu(byline, i),
              i < raw.qps().length ? String.format(Locale.ROOT, "%.0f", raw.qps()[i]) : "",
              i < raw.qps().length
                  ? String.format(Locale.ROOT, "%.2f", raw.qps()[i] / rawSteady)
                  : "",
              i < raw.cpu().length ? String.format(Locale.ROOT, "%.1f", raw.cpu()[i]) : "",
              perCpu(raw, i)));
    }
    int per10 = 10 / LoadGenerator.WINDOW_SECONDS;
    int per30 = 30 / LoadGenerator.WINDOW_SECONDS;
    md.append(
        String.format(
            Locale.ROOT,
            "%nSteady state (mean of the last third of the windows): Byline %.0f QPS, raw Lucene %.0f QPS, ratio %.2f (target ≥ 0.80).%n"
                + "Per CPU second of the process (the JIT and GC included; less sensitive to what else runs on the machine): Byline %.0f queries, raw Lucene %.0f, ratio %.2f.%n",
            steady,
            rawSteady,
            steady / rawSteady,
            byline.steadyPerCpu(),
            raw.steadyPerCpu(),
            byline.steadyPerCpu() / raw.steadyPerCpu()));
    md.append(
        String.format(
            Locale.ROOT,
            "Time to peak, Byline: first 10 s %.2f× its steady state (target ≥ 0.50); first 30 s %.2f×; "
                + "first window at ≥ 0.80×: %s (target: within 30 s). Raw Lucene: first 10 s %.2f×, first 30 s %.2f×.%n",
            mean(byline.qps(), per10) / steady,
            mean(byline.qps(), per30) / steady,
            firstAt(byline.qps(), 0.8 * steady),
            mean(raw.qps(), per10) / rawSteady,
            mean(raw.qps(), per30) / rawSteady));
    md.append(
        String.format(
            Locale.ROOT,
            "The same by CPU (queries per CPU second of the process over its steady state's; the machine's other load changes it less): "
                + "Byline first 10 s %.2f×, first 30 s %.2f×; raw Lucene first 10 s %.2f×, first 30 s %.2f×.%n",
            perCpuOver(byline, per10),
            perCpuOver(byline, per30),
            perCpuOver(raw, per10),
            perCpuOver(raw, per30)));
    if (raw.qps().length == 0)
      md.append("The raw harness was skipped (BENCH_RAW=0): its figures above mean nothing.\n");
    if (!byline.cpuByThread().isEmpty())
      md.append("Byline's CPU while loaded, by thread: ")
          .append(byline.cpuByThread())
          .append(".\n");
    return md.toString();
  }

  /** The Solr side's windows and Byline's steady state over Solr's. */
  private static String solrReport(Side byline, Side solr) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%n## Solr 9.10.1 over HTTP (BENCH_SOLR=1)%n%n"
                + "`tools/solr-bench` in its own JVM (-Xmx1g, as bin/byline gives Byline), the same articles indexed"
                + " and committed before it says ready (%.1f s after launch), the same queries through edismax"
                + " (title^2 body author_text, all words required), the same four facets (filtered fields counted"
                + " sideways) and the unified highlighter on title and body with Solr's defaults; its filter and"
                + " document caches as shipped, no query result cache (Byline's is off too); %d connections, after"
                + " %s s of the same replay untimed (BENCH_SOLR_WARMUP_S).%n%n",
            solr.launchToReadySeconds(),
            CONNECTIONS,
            System.getenv().getOrDefault("BENCH_SOLR_WARMUP_S", "120")));
    md.append("| window (s from first request) | Solr QPS | × Solr steady | Solr CPU s |\n");
    md.append("|---|---|---|---|\n");
    double steady = solr.steady();
    for (int i = 0; i < solr.qps().length; i++)
      md.append(
          String.format(
              Locale.ROOT,
              "| %d-%d | %.0f | %.2f | %.1f |%n",
              i * LoadGenerator.WINDOW_SECONDS,
              (i + 1) * LoadGenerator.WINDOW_SECONDS,
              solr.qps()[i],
              solr.qps()[i] / steady,
              i < solr.cpu().length ? solr.cpu()[i] : 0));
    md.append(
        String.format(
            Locale.ROOT,
            "%nSteady state: Solr %.0f QPS; Byline ÷ Solr **%.2f** (target ≥ 2.0). Per CPU second: Solr %.0f"
                + " queries, Byline ÷ Solr %.2f. Solr's first 10 s %.2f×, first 30 s %.2f× its steady state (after the warm-up).%n",
            steady,
            byline.steady() / steady,
            solr.steadyPerCpu(),
            byline.steadyPerCpu() / solr.steadyPerCpu(),
            mean(solr.qps(), 10 / LoadGenerator.WINDOW_SECONDS) / steady,
            mean(solr.qps(), 30 / LoadGenerator.WINDOW_SECONDS) / steady));
    if (!solr.cpuByThread().isEmpty())
      md.append("Solr's CPU while loaded, by thread: ").append(solr.cpuByThread()).append(".\n");
    return md.toString();
  }

  /** Window {@code i}'s queries per CPU second of the process, and that over the steady state's. */
  private static String perCpu(Side side, int i) {
    if (i >= side.cpu().length || side.cpu()[i] <= 0) return "";
    double q = side.qps()[i] * LoadGenerator.WINDOW_SECONDS / side.cpu()[i];
    return String.format(Locale.ROOT, "%.0f, %.2f", q, q / side.steadyPerCpu());
  }

  /** Queries per CPU second over the first {@code windows} windows, over the steady state's. */
  private static double perCpuOver(Side side, int windows) {
    double queries = 0;
    double cpu = 0;
    for (int i = 0; i < Math.min(windows, side.qps().length); i++) {
      queries += side.qps()[i] * LoadGenerator.WINDOW_SECONDS;
      cpu += side.cpu()[i];
    }
    return cpu == 0 || side.steadyPerCpu() == 0 ? 0 : queries / cpu / side.steadyPerCpu();
  }

  private static double mean(double[] qps, int windows) {
    double sum = 0;
    int n = Math.min(windows, qps.length);
    for (int i = 0; i < n; i++) sum += qps[i];
    return n == 0 ? 0 : sum / n;
  }

  private static String firstAt(double[] qps, double level) {
    for (int i = 0; i < qps.length; i++) {
      if (qps[i] >= level)
        return String.format(
            Locale.ROOT,
            "%d-%d s",
            i * LoadGenerator.WINDOW_SECONDS,
            (i + 1) * LoadGenerator.WINDOW_SECONDS);
    }
    return "none";
  }
}
