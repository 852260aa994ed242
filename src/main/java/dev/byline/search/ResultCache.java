package dev.byline.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Answers a repeated search from memory, as Elasticsearch's shard request cache and Solr's {@code
 * queryResultCache} do: news traffic asks for the same few stories many times at once.
 *
 * <p>An entry is keyed by what the index view it was computed on shows (its segments and their
 * live documents), the request as parsed, and the day it was asked on (date phrases such as "last
 * week" read it). An entry is served only while the index's current view shows exactly that, so no
 * answer is older than the view it was made on: a refresh that makes a write or a delete visible,
 * a reindex's swap and a rollback each show something else, and the entries of older views are
 * never served again and age out of the bound. The bound is on the entries' estimated size in
 * bytes (Caffeine's W-TinyLFU: rarely and long unused answers go first). Thread-safe.
 */
public final class ResultCache {
  /** What {@link #stats()} reports. */
  public record Stats(
      long hits, long misses, long evictions, long entries, long bytes, long maxBytes) {}

  private record Key(Object view, SearchRequest request, LocalDate today) {}

  private final Cache<Key, SearchResponse> entries;
  private final long maxBytes;

  /** A cache holding at most about {@code maxBytes} of responses; 0 turns it off. */
  public ResultCache(long maxBytes) {
    if (maxBytes < 0) throw new IllegalArgumentException("maxBytes < 0: " + maxBytes);
    this.maxBytes = maxBytes;
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key key, SearchResponse value) -> weight(key, value))
            .recordStats()
            .build();
  }

  /** Whether the cache keeps anything (it was given room). */
  boolean enabled() {
    return maxBytes > 0;
  }

  /**
   * Whether an answer to {@code request} may be looked up and kept: not when the request says
   * {@code cache=false}, nor when it depends on the clock's time.
   */
  static boolean cacheable(SearchRequest request) {
    // cache=false asks for a search that neither reads nor fills the cache; freshness blends in
    // the current time, to the millisecond.
    return request.cache() && request.recency() == null;
  }

  /** The answer computed for {@code request} on {@code view} today, or null. */
  SearchResponse get(Object view, SearchRequest request, LocalDate today) {
    return maxBytes == 0 ? null : entries.getIfPresent(new Key(view, request, today));
  }

  /** Keeps a complete answer; a partial one (the search timed out) is not kept. */
  void put(Object view, SearchRequest request, LocalDate today, SearchResponse response) {
    if (maxBytes == 0 || response.timedOut()) return;
    entries.put(new Key(view, request, today), response);
  }

  /** Hits, misses, evictions and the entries' count and estimated size. */
  public Stats stats() {
    entries.cleanUp(); // Caffeine applies writes to its size figures lazily
    var s = entries.stats();
    long bytes = entries.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new Stats(
        s.hitCount(), s.missCount(), s.evictionCount(), entries.estimatedSize(), bytes, maxBytes);
  }

  /** A rough size in bytes: the strings a response holds, two bytes a char, plus object overhead. */
  static int weight(Object key, SearchResponse response) {
    long bytes = 512 + 2L * ((Key) key).request().query().length();
    for (SearchResponse.Hit hit : response.hits()) {
      bytes += 160 + chars(hit.id()) + chars(hit.title()) + chars(hit.url()) + chars(hit.date());
      bytes += chars(hit.titleHtml()) + chars(hit.source());
      bytes += chars(hit.author()) + chars(hit.category()) + chars(hit.snippets());
      if (hit.story() != null) bytes += 48 + chars(hit.story().id()) + chars(hit.story().sources());
    }
    for (Map.Entry<String, List<SearchResponse.FacetValue>> facet : response.facets().entrySet()) {
      for (SearchResponse.FacetValue value : facet.getValue()) bytes += 48 + chars(value.value());
    }
    bytes += chars(response.nextCursor()) + chars(response.suggestion());
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static long chars(String s) {
    return s == null ? 0 : 40 + 2L * s.length();
  }

  private static long chars(List<String> list) {
    long n = 0;
    if (list != null) for (String s : list) n += chars(s);
    return n;
  }
}
