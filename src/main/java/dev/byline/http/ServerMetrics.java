package dev.byline.http;

import dev.byline.index.ArticleIndex;
import dev.byline.index.ArticleIndex.EmbeddingStatus;
import dev.byline.index.IndexStats;
import dev.byline.ingest.ItemResult;
import dev.byline.search.ResultCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format (Micrometer): requests by route and
 * status, search latency as a histogram, articles, index bytes and segments, ingested articles by
 * outcome, and the JVM (memory, GC, threads, CPU, uptime).
 */
final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Timer searches;
  private java.util.function.Supplier<ResultCache.Stats> cacheStats; // see resultCache

  ServerMetrics(ArticleIndex index, java.util.function.DoubleSupplier reindexProgress) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gauge("byline.articles", "Articles in the index", index, IndexStats::articles);
    gauge("byline.index.bytes", "Bytes of index files on disk", index, IndexStats::indexBytes);
    gauge(
        "byline.index.segments",
        "Lucene segments in the current view",
        index,
        IndexStats::segments);
    gauge(
        "byline.index.read.only",
        "1 while writes are refused (full disk, failed writer, old schema), else 0",
        index,
        s -> s.readOnly() ? 1 : 0);
    gauge(
        "byline.disk.free.bytes",
        "Usable bytes on the index's disk",
        index,
        s -> s.diskFreeBytes() < 0 ? Double.NaN : s.diskFreeBytes());
    Gauge.builder(
            "byline.reindex.progress",
            reindexProgress,
            java.util.function.DoubleSupplier::getAsDouble)
        .description("Progress of the running reindex, 0 to 1; -1 when none runs")
        .strongReference(true) // the supplier is a lambda: nothing else keeps it alive
        .register(registry);
    Gauge.builder("byline.embedding.failed", index, i -> embedding(i, EmbeddingStatus::failed))
        .description(
            "Articles set aside for semantic search because the model failed on them (found by their words only)")
        .register(registry);
    Gauge.builder("byline.embedding.backlog", index, i -> embedding(i, EmbeddingStatus::backlog))
        .description(
            "Articles still to embed for semantic search, as of the current searcher; 0 when it is off")
        .register(registry);
    FunctionCounter.builder(
            "byline.embedding.embedded", index, i -> embedding(i, EmbeddingStatus::embedded))
        .description("Vectors added for semantic search since start")
        .register(registry);
    searches =
        Timer.builder("byline.search.duration")
            .description("Time to answer /api/search, from parameters to JSON-ready response")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  /** A figure of the embedding status, NaN if the index cannot say. */
  private static double embedding(ArticleIndex index, ToLongFunction<EmbeddingStatus> figure) {
    try {
      return figure.applyAsLong(index.embeddingStatus());
    } catch (IOException | RuntimeException e) {
      return Double.NaN; // a closed or broken index: "unknown", never a failed scrape
    }
  }

  private void gauge(
      String name, String help, ArticleIndex index, ToDoubleFunction<IndexStats> value) {
    Gauge.builder(
            name,
            index,
            i -> {
              try {
                return value.applyAsDouble(i.stats());
              } catch (IOException | RuntimeException e) {
                return Double
                    .NaN; // a closed or broken index: report "unknown", never fail the scrape
              }
            })
        .description(help)
        .register(registry);
  }

  /** Reports the result cache: hits, misses and evictions as counters, its size as gauges. */
  void resultCache(java.util.function.Supplier<ResultCache.Stats> stats) {
    // Micrometer holds what it reads weakly, and the supplier is a method reference nothing else
    // holds: read through this object, which the server holds, or a GC turns the figures to NaN.
    this.cacheStats = stats;
    FunctionCounter.builder("byline.result.cache.hits", this, m -> m.cacheStats.get().hits())
        .description("Searches answered from the result cache")
        .register(registry);
    FunctionCounter.builder("byline.result.cache.misses", this, m -> m.cacheStats.get().misses())
        .description("Cacheable searches the result cache did not hold")
        .register(registry);
    FunctionCounter.builder(
            "byline.result.cache.evictions", this, m -> m.cacheStats.get().evictions())
        .description("Answers dropped from the result cache to stay within its size")
        .register(registry);
    Gauge.builder("byline.result.cache.entries", this, m -> m.cacheStats.get().entries())
        .description("Answers the result cache holds")
        .register(registry);
    Gauge.builder("byline.result.cache.bytes", this, m -> m.cacheStats.get().bytes())
        .description("Estimated bytes of the answers the result cache holds")
        .register(registry);
  }

  /**
   * The methods HTTP defines (RFC 9110, and PATCH): any other name a client sends counts as {@code
   * other}. A method is whatever token a client sends, and each name made a series of its own: an
   * outside fault hunt grew /metrics to 14 MB with 20,000 made-up names, without a key.
   */
  private static final java.util.Set<String> METHODS =
      java.util.Set.of(
          "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  void request(String method, String route, int status, double millis) {
    if (!METHODS.contains(method)) method = "other";
    registry
        .counter(
            "byline.http.requests",
            "method",
            method,
            "route",
            route,
            "status",
            Integer.toString(status))
        .increment();
    registry
        .timer("byline.http.request.duration", "method", method, "route", route)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  /**
   * Counts one of the server's own warm-up requests ({@link WarmupMark}): apart from clients'
   * requests, whose counts and latencies they would distort.
   */
  void warmupRequest(String route, int status) {
    registry
        .counter("byline.warmup.requests", "route", route, "status", Integer.toString(status))
        .increment();
  }

  void searched(long tookMs) {
    searches.record(tookMs, TimeUnit.MILLISECONDS);
  }

  private dev.byline.cluster.ClusterNode cluster; // see cluster

  /**
   * Cluster mode: the applied offset, the log end and the lag of this node (summed over the
   * topic's partitions), and whether it is caught up and reaches Kafka.
   */
  void cluster(dev.byline.cluster.ClusterNode node) {
    this.cluster = node; // read through this object: Micrometer holds it weakly (see resultCache)
    Gauge.builder("byline.cluster.applied.offset", this, m -> sum(m.cluster.status().applied()))
        .description("Offsets of the last records this node applied, summed over partitions")
        .register(registry);
    Gauge.builder(
            "byline.cluster.log.end.offset",
            this,
            m -> {
              var end = m.cluster.status().logEnd();
              return end == null ? Double.NaN : sum(end);
            })
        .description("Offsets of the topic's last records, summed over partitions (NaN: unknown)")
        .register(registry);
    Gauge.builder(
            "byline.cluster.lag",
            this,
            m -> {
              long lag = m.cluster.status().lag();
              return lag < 0 ? Double.NaN : lag;
            })
        .description("Records of the topic this node has still to apply (NaN: unknown yet)")
        .register(registry);
    Gauge.builder("byline.cluster.caught.up", this, m -> m.cluster.status().caughtUp() ? 1 : 0)
        .description("1 while this node reaches Kafka and its lag is within max-lag, else 0")
        .register(registry);
    Gauge.builder(
            "byline.cluster.kafka.reachable",
            this,
            m -> m.cluster.status().unreachable() == null ? 1 : 0)
        .description("1 while Kafka answers this node, else 0")
        .register(registry);
  }

  private static double sum(dev.byline.cluster.LogPosition position) {
    return position.offsets().values().stream().mapToLong(Long::longValue).sum();
  }

  void ingested(List<ItemResult> results) {
    for (ItemResult result : results) {
      registry.counter("byline.ingest.articles", "status", result.status()).increment();
    }
  }

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
