package dev.byline.config;

/**
 * Limits that keep one request from hurting the others; each has a safe default and a clear 4xx
 * (or a flagged partial answer, for time) when exceeded.
 *
 * @param searchTimeoutMs longest a search may run; then it answers with what it found, flagged
 *     {@code timed_out}
 * @param maxConcurrentSearches searches admitted at once, running or waiting for a search thread;
 *     more wait briefly, then get a 429
 * @param maxBulkArticles articles in one {@code POST /api/articles}; more is a 413
 * @param maxClauses boolean clauses a query may expand to; more is a 400
 * @param maxExpansions terms a prefix or wildcard may expand to (the most frequent are kept)
 * @param resultCacheBytes memory the result cache may hold, estimated; 0 turns it off
 * @param searchThreads searches that run at once (default: the machine's cores); the others
 *     admitted wait their turn in order. More searches at once than cores only share the CPU: each
 *     takes longer, and a fresh server's JIT compiler, which competes with them for the cores,
 *     takes longer to make the search path fast
 * @param searchSliceMs how long a running search keeps its thread while others wait for one: then,
 *     at its next checkpoint, it lets the longest-waiting search run and queues again behind the
 *     others (0: never; a search keeps its thread until done). Short searches then wait for a slice
 *     of each long one instead of all of it, as threads share a core
 */
public record Limits(
    long searchTimeoutMs,
    int maxConcurrentSearches,
    int maxBulkArticles,
    int maxClauses,
    int maxExpansions,
    long resultCacheBytes,
    int searchThreads,
    long searchSliceMs) {
  public static final long DEFAULT_SEARCH_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_CONCURRENT_SEARCHES = 32;
  public static final int DEFAULT_MAX_BULK_ARTICLES = 10_000;
  public static final int DEFAULT_MAX_CLAUSES = 1_024;
  public static final int DEFAULT_MAX_EXPANSIONS = 50;
  public static final long DEFAULT_RESULT_CACHE_MB = 64;
  public static final long DEFAULT_SEARCH_SLICE_MS = 20;

  /** The machine's cores, as the JVM sees them (a container's CPU limit included). */
  public static final int DEFAULT_SEARCH_THREADS = Runtime.getRuntime().availableProcessors();

  public static final Limits DEFAULTS =
      new Limits(
          DEFAULT_SEARCH_TIMEOUT_MS,
          DEFAULT_MAX_CONCURRENT_SEARCHES,
          DEFAULT_MAX_BULK_ARTICLES,
          DEFAULT_MAX_CLAUSES,
          DEFAULT_MAX_EXPANSIONS,
          DEFAULT_RESULT_CACHE_MB * 1024 * 1024,
          DEFAULT_SEARCH_THREADS,
          DEFAULT_SEARCH_SLICE_MS);

  /** These limits with the default result cache, search threads and slice. */
  public Limits(
      long searchTimeoutMs,
      int maxConcurrentSearches,
      int maxBulkArticles,
      int maxClauses,
      int maxExpansions) {
    this(
        searchTimeoutMs,
        maxConcurrentSearches,
        maxBulkArticles,
        maxClauses,
        maxExpansions,
        DEFAULT_RESULT_CACHE_MB * 1024 * 1024,
        DEFAULT_SEARCH_THREADS,
        DEFAULT_SEARCH_SLICE_MS);
  }

  public Limits {
    check("search-timeout-ms", searchTimeoutMs, 1, 600_000);
    check("max-concurrent-searches", maxConcurrentSearches, 1, 10_000);
    check("max-bulk-articles", maxBulkArticles, 1, 10_000_000);
    check("max-clauses", maxClauses, 16, 100_000);
    check("max-expansions", maxExpansions, 1, 100_000);
    check("result-cache-mb", resultCacheBytes / (1024 * 1024), 0, 1_000_000);
    check("search-threads", searchThreads, 1, 1_024);
    check("search-slice-ms", searchSliceMs, 0, 600_000);
  }

  /** These limits with another result cache size in bytes (0: off). */
  public Limits withResultCacheBytes(long bytes) {
    return withScheduling(bytes, searchThreads, searchSliceMs);
  }

  /** These limits with another number of search threads. */
  public Limits withSearchThreads(int threads) {
    return withScheduling(resultCacheBytes, threads, searchSliceMs);
  }

  /** These limits with another search time slice (0: a search keeps its thread until done). */
  public Limits withSearchSliceMs(long millis) {
    return withScheduling(resultCacheBytes, searchThreads, millis);
  }

  /** These limits with the request limits kept and the three figures given. */
  private Limits withScheduling(long cacheBytes, int threads, long sliceMs) {
    return new Limits(
        searchTimeoutMs,
        maxConcurrentSearches,
        maxBulkArticles,
        maxClauses,
        maxExpansions,
        cacheBytes,
        threads,
        sliceMs);
  }

  private static void check(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidConfigException(
          name + " must be between " + min + " and " + max + " (got: " + value + ")");
    }
  }
}
