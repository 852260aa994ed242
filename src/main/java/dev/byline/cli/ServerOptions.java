package dev.byline.cli;

import dev.byline.config.Limits;
import dev.byline.config.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of a running server, shared by {@code serve} and {@code demo}. Each can also be set in
 * the config file (its long name without dashes, e.g. {@code search-timeout-ms = 2000}) or the
 * environment ({@code BYLINE_SEARCH_TIMEOUT_MS=2000}); see {@link ConfigDefaults}.
 */
public final class ServerOptions {
  @Option(
      names = "--host",
      paramLabel = "ADDR",
      defaultValue = ServerConfig.DEFAULT_HOST,
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Require this key (Authorization: Bearer KEY) for writes (default: none, writes open).")
  String apiKey;

  @Option(
      names = "--read-key",
      paramLabel = "KEY",
      description =
          "Require this key (or the write key) for reads of /api/* too (default: none, reads open).")
  String readKey;

  @Option(
      names = "--cors-origins",
      paramLabel = "ORIGIN",
      split = ",",
      description =
          "Origins whose pages may call the API from a browser, comma-separated (default: none, CORS off).")
  java.util.List<String> corsOrigins;

  @Option(
      names = "--max-body-mb",
      paramLabel = "MB",
      defaultValue = "100",
      description = "Largest request body accepted, in MiB (default: ${DEFAULT-VALUE}).")
  long maxBodyMb;

  @Option(
      names = "--slow-query-ms",
      paramLabel = "MS",
      defaultValue = "" + ServerConfig.DEFAULT_SLOW_QUERY_MS,
      description =
          "Log searches slower than this (default: ${DEFAULT-VALUE}; 0 logs every search).")
  long slowQueryMs;

  @Option(
      names = "--search-timeout-ms",
      paramLabel = "MS",
      defaultValue = "" + Limits.DEFAULT_SEARCH_TIMEOUT_MS,
      description =
          "Longest a search may run; then it answers with what it found, flagged timed_out (default: ${DEFAULT-VALUE}).")
  long searchTimeoutMs;

  @Option(
      names = "--max-concurrent-searches",
      paramLabel = "N",
      defaultValue = "" + Limits.DEFAULT_MAX_CONCURRENT_SEARCHES,
      description =
          "Searches admitted at once, running or waiting their turn; more get a 429 (default: ${DEFAULT-VALUE}).")
  int maxConcurrentSearches;

  @Option(
      names = "--search-threads",
      paramLabel = "N",
      description =
          "Searches that run at once; the others admitted wait their turn (default: the machine's cores).")
  Integer searchThreads;

  @Option(
      names = "--search-slice-ms",
      paramLabel = "MS",
      defaultValue = "" + Limits.DEFAULT_SEARCH_SLICE_MS,
      description =
          "How long a running search keeps its thread while others wait for one; then it lets them"
              + " run and queues again (0: until done) (default: ${DEFAULT-VALUE}).")
  long searchSliceMs;

  @Option(
      names = "--max-bulk-articles",
      paramLabel = "N",
      defaultValue = "" + Limits.DEFAULT_MAX_BULK_ARTICLES,
      description =
          "Articles in one POST /api/articles; more get a 413 (default: ${DEFAULT-VALUE}).")
  int maxBulkArticles;

  @Option(
      names = "--max-clauses",
      paramLabel = "N",
      defaultValue = "" + Limits.DEFAULT_MAX_CLAUSES,
      description =
          "Boolean clauses a query may expand to; more get a 400 (default: ${DEFAULT-VALUE}).")
  int maxClauses;

  @Option(
      names = "--max-expansions",
      paramLabel = "N",
      defaultValue = "" + Limits.DEFAULT_MAX_EXPANSIONS,
      description =
          "Terms a prefix or wildcard expands to, most frequent first (default: ${DEFAULT-VALUE}).")
  int maxExpansions;

  @Option(
      names = "--result-cache-mb",
      paramLabel = "MB",
      defaultValue = "" + Limits.DEFAULT_RESULT_CACHE_MB,
      description =
          "Memory for answers to repeated searches, in MiB; a refresh of the index retires them (default: ${DEFAULT-VALUE}; 0: off).")
  long resultCacheMb;

  @Option(
      names = "--min-free-disk-mb",
      paramLabel = "MB",
      description =
          "Refuse writes (507) while the index's disk has less free space than this, in MiB; accept them again"
              + " above 1.5 times it (default: 5%% of the disk, at least 100 and at most 2048; 0: only writes that do not fit).")
  Long minFreeDiskMb;

  /** Largest flood stage, in MiB: a thousand tebibytes, well short of overflowing in bytes. */
  static final long MAX_MIN_FREE_DISK_MB = 1L << 30;

  @Mixin StoryOptions stories;

  @Option(
      names = "--semantic",
      defaultValue = "false",
      description =
          "Search by meaning as well as words: load the embedding model that ships with Byline, give every article"
              + " a vector in the background, and make searches hybrid unless they ask for mode=keyword (default: off).")
  boolean semantic;

  @Option(
      names = "--semantic-model",
      paramLabel = "NAME",
      defaultValue = ServerConfig.DEFAULT_SEMANTIC_MODEL,
      description =
          "With --semantic, the model that embeds: minilm (all-MiniLM-L6-v2, int8) or bge-small"
              + " (bge-small-en-v1.5, int8: as good on our judged collections, about twice the CPU per article"
              + " and three times per query). Changing it embeds the index again in the background"
              + " (default: ${DEFAULT-VALUE}).")
  String semanticModel;

  @Option(
      names = "--warmup-ms",
      paramLabel = "MS",
      defaultValue = "60000",
      description =
          "After start, on an index of 1,000 articles or more, the server sends itself searches over"
              + " HTTP for at most this long (ending sooner once the JIT compiler has gone quiet), so"
              + " that readers do not meet a cold JIT; it serves meanwhile and /health answers 503"
              + " warming_up (default: ${DEFAULT-VALUE}; 0 for none).")
  long warmupMs;

  private static final long MAX_RESULT_CACHE_MB = 1_000_000;

  /** The model's name if it is one that ships with Byline, else a configuration error. */
  private static String knownModel(String name) {
    try {
      return dev.byline.embed.EmbeddingModel.named(name).key();
    } catch (IllegalArgumentException e) {
      throw new dev.byline.config.InvalidConfigException("semantic-model: " + e.getMessage());
    }
  }

  ServerConfig config(Path dataDir, int port) {
    if (maxBodyMb < 1 || maxBodyMb > 2047) {
      throw new dev.byline.config.InvalidConfigException(
          "max-body-mb must be between 1 and 2047 (got: " + maxBodyMb + ")");
    }
    if (resultCacheMb < 0 || resultCacheMb > MAX_RESULT_CACHE_MB) {
      // Checked here, in MiB: a large value would overflow into a negative byte count.
      throw new dev.byline.config.InvalidConfigException(
          "result-cache-mb must be between 0 and "
              + MAX_RESULT_CACHE_MB
              + " (got: "
              + resultCacheMb
              + ")");
    }
    if (minFreeDiskMb != null && (minFreeDiskMb < 0 || minFreeDiskMb > MAX_MIN_FREE_DISK_MB)) {
      // In MiB, before the conversion to bytes: 2^44 MiB overflowed to 0 bytes, the guard off.
      throw new dev.byline.config.InvalidConfigException(
          "min-free-disk-mb must be between 0 and "
              + MAX_MIN_FREE_DISK_MB
              + " (got: "
              + minFreeDiskMb
              + ")");
    }
    Limits limits =
        new Limits(
            searchTimeoutMs,
            maxConcurrentSearches,
            maxBulkArticles,
            maxClauses,
            maxExpansions,
            resultCacheMb * 1024 * 1024,
            searchThreads == null ? Limits.DEFAULT_SEARCH_THREADS : searchThreads,
            searchSliceMs);
    return new ServerConfig(
        host,
        port,
        dataDir,
        apiKey,
        maxBodyMb * 1024 * 1024,
        slowQueryMs,
        limits,
        readKey,
        corsOrigins,
        minFreeDiskMb == null ? null : minFreeDiskMb * 1024 * 1024,
        stories.settings(),
        semantic,
        knownModel(semanticModel),
        warmupMs);
  }
}
