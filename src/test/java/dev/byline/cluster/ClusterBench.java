package dev.byline.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.bench.CorpusGenerator;
import dev.byline.bench.QuerySet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bin/bench cluster [articles] [seconds] [clients]}: issue 18's figures on this machine. Three
 * Kafka brokers in this JVM (replication factor 3, {@code min.insync.replicas} 2) and Byline nodes
 * as processes, each pinned to a CPU of its own with {@code taskset}:
 *
 * <ol>
 *   <li>indexing on a single node (no Kafka) on node A's CPU, the same batches, to compare with;
 *   <li>indexing through Kafka: the articles posted to node A in batches of 100, one client, until
 *       both nodes have applied them;
 *   <li>search QPS from one client process spreading {@code clients} connections over node A
 *       alone, then over A and B (same queries: the bench's query set, full mode);
 *   <li>acknowledged to searchable on the other node: 500 articles/s written to A in batches of 10
 *       every 20 ms, each batch's article read on B with {@code ?after=} its position;
 *   <li>catch-up: a node C started empty, articles/s until it has applied the topic.
 * </ol>
 *
 * On 2 cores the client and the brokers share the CPUs with the nodes: read the 2-node ratio as a
 * floor.
 */
public final class ClusterBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    Path dir = Files.createTempDirectory("byline-cluster-bench-");
    CorpusGenerator corpus = new CorpusGenerator(18);
    List<Article> docs = new ArrayList<>(articles);
    for (int i = 0; i < articles; i++) docs.add(corpus.article(i));
    List<QuerySet.Query> queries = QuerySet.build(docs, corpus.categories(), 20, 18);
    try (KafkaCluster kafka = KafkaCluster.start(3, dir.resolve("kafka"))) {
      System.out.printf(
          Locale.ROOT,
          "%d articles, %d s per search run, %d clients%n",
          articles,
          seconds,
          clients);
      // The same load on a single node first (no Kafka: its own write-ahead log), on node A's
      // CPU, with the brokers up and idle: what the cluster's indexing rate is measured against.
      double single;
      try (BylineNode alone = BylineNode.startSingle(0, dir.resolve("single"), "single")) {
        single = load(alone, docs);
      }
      System.out.printf(
          Locale.ROOT,
          "| indexing on a single node (CPU 0, no Kafka, batches of 100, one client; answered once searchable) | %.0f articles/s |%n",
          single);
      try (BylineNode a =
              BylineNode.start(0, dir.resolve("a"), kafka.bootstrapServers(), "bench", "a");
          BylineNode b =
              BylineNode.start(1, dir.resolve("b"), kafka.bootstrapServers(), "bench", "b")) {
        run(kafka, a, b, dir, corpus, docs, queries, single, seconds, clients);
      }
    } finally {
      dev.byline.config.DataDir.deleteTree(dir);
    }
  }

  /** Posts {@code docs} in batches of 100 from one client; articles acknowledged per second. */
  private static double load(BylineNode node, List<Article> docs) throws Exception {
    long start = System.nanoTime();
    for (int from = 0; from < docs.size(); from += 100) {
      BylineNode.Response r =
          node.post(batch(docs.subList(from, Math.min(docs.size(), from + 100))));
      if (r.status() != 200) throw new AssertionError("bulk load: " + r);
    }
    return docs.size() / ((System.nanoTime() - start) / 1e9);
  }

  private static void run(
      KafkaCluster kafka,
      BylineNode a,
      BylineNode b,
      Path dir,
      CorpusGenerator corpus,
      List<Article> docs,
      List<QuerySet.Query> queries,
      double single,
      int seconds,
      int clients)
      throws Exception {
    int articles = docs.size();
    long start = System.nanoTime();
    double acked = load(a, docs);
    a.awaitCaughtUp(Duration.ofMinutes(10));
    b.awaitCaughtUp(Duration.ofMinutes(10));
    double applied = articles / ((System.nanoTime() - start) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "| indexing through Kafka (node A, batches of 100, one client) | %.0f articles/s acknowledged (%.2fx the single node), %.0f/s applied on both nodes (%.2fx) |%n",
        acked,
        acked / single,
        applied,
        applied / single);

    double one = qps(List.of(a), queries, clients, seconds);
    double two = qps(List.of(a, b), queries, clients, seconds);
    System.out.printf(
        Locale.ROOT,
        "| search QPS, %d clients, full mode | 1 node (CPU 0) %.1f; 2 nodes (CPUs 0, 1) %.1f: %.2fx |%n",
        clients,
        one,
        two,
        two / one);

    long[] delays = delays(a, b, corpus, articles, 20);
    System.out.printf(
        Locale.ROOT,
        "| acknowledged on A -> searchable on B at 500 articles/s (%d samples) | p50 %.0f ms, p99 %.0f ms, max %.0f ms |%n",
        delays.length,
        delays[delays.length / 2] / 1e6,
        delays[Math.min(delays.length - 1, (int) (delays.length * 0.99))] / 1e6,
        delays[delays.length - 1] / 1e6);

    long total = a.articles();
    long joined = System.nanoTime();
    try (BylineNode c = node(1, dir, kafka, "c")) {
      c.awaitCaughtUp(Duration.ofMinutes(10));
      double rate = total / ((System.nanoTime() - joined) / 1e9);
      System.out.printf(
          Locale.ROOT,
          "| a node joining empty (CPU 1), start-up included | %d articles in %.1f s: %.0f articles/s |%n",
          total,
          (System.nanoTime() - joined) / 1e9,
          rate);
    }
  }

  /** A node on CPU {@code cpu}, result cache off: the replay repeats its queries. */
  private static BylineNode node(int cpu, Path dir, KafkaCluster kafka, String id)
      throws Exception {
    return BylineNode.start(
        cpu, dir.resolve(id), kafka.bootstrapServers(), "bench", id, "--result-cache-mb", "0");
  }

  private static String batch(List<Article> articles) throws Exception {
    StringBuilder out = new StringBuilder("[");
    for (Article x : articles) {
      if (out.length() > 1) out.append(',');
      out.append(JSON.writeValueAsString(ArticleJson.write(x)));
    }
    return out.append(']').toString();
  }

  /** Queries per second from {@code clients} threads, each request to the next node in turn. */
  private static double qps(
      List<BylineNode> nodes, List<QuerySet.Query> queries, int clients, int seconds)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    // A warm-up of half the run, then the measured run.
    for (boolean measured : new boolean[] {false, true}) {
      stop.set(false);
      done.set(0);
      threads.clear();
      for (int t = 0; t < clients; t++) {
        int first = t;
        Thread thread =
            new Thread(
                () -> {
                  for (int i = first; !stop.get(); i += clients) {
                    QuerySet.Query q = queries.get(i % queries.size());
                    BylineNode node = nodes.get(i % nodes.size());
                    try {
                      BylineNode.Response r =
                          node.search(q.q(), "syntax=lucene&facets=true&snippets=true");
                      if (r.status() == 200) done.incrementAndGet();
                      else failed.incrementAndGet();
                    } catch (Exception e) {
                      failed.incrementAndGet();
                    }
                  }
                });
        thread.start();
        threads.add(thread);
      }
      Thread.sleep(measured ? seconds * 1000L : seconds * 500L);
      stop.set(true);
      for (Thread thread : threads) thread.join();
    }
    if (failed.get() > 0) System.out.println("failed searches: " + failed.get());
    return done.get() / (double) seconds;
  }

  /**
   * Delays, sorted, in ns: batch acknowledged on {@code a} until {@code b} has applied it. The
   * writes keep their pace whatever the reads take: each read runs on a thread of its own.
   */
  private static long[] delays(
      BylineNode a, BylineNode b, CorpusGenerator corpus, int from, int seconds) throws Exception {
    List<Long> out = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService readers =
        java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
    long next = System.nanoTime();
    int id = from;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      List<Article> ten = new ArrayList<>(10);
      for (int i = 0; i < 10; i++) ten.add(corpus.article(id++));
      BylineNode.Response r = a.post(batch(ten));
      long acknowledged = System.nanoTime();
      if (r.status() != 200) throw new AssertionError("write: " + r);
      String position = r.json().get("position").asText();
      String last = ten.get(9).id();
      reads.add(
          readers.submit(
              () -> {
                BylineNode.Response seen =
                    b.get(
                        "/api/articles/"
                            + URLEncoder.encode(last, StandardCharsets.UTF_8)
                            + "?after="
                            + URLEncoder.encode(position, StandardCharsets.UTF_8));
                // Not applied within ?after='s 5 s counts as 5 s.
                out.add(seen.status() == 200 ? System.nanoTime() - acknowledged : 5_000_000_000L);
                return null;
              }));
      next += 20_000_000L; // 10 articles every 20 ms: 500 articles/s
      long wait = next - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    for (var read : reads) read.get(30, java.util.concurrent.TimeUnit.SECONDS);
    readers.shutdown();
    double achieved = (id - from) / (double) seconds;
    System.out.printf(Locale.ROOT, "delay run: %.0f articles/s written (500 offered)%n", achieved);
    long[] sorted = out.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }
}
