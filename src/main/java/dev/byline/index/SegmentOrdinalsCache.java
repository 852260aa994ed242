package dev.byline.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;

/**
 * The {@link SegmentOrdinals} of the facet fields of every open segment, read once per segment
 * rather than once per refresh: a segment's documents and values never change (deletions only
 * hide documents, and the searches skip those), so a refresh reads only the segments it adds, and
 * a segment's arrays are dropped when Lucene closes it. Thread-safe; one per {@link Searchers}
 * (which makes the index's views).
 */
public final class SegmentOrdinalsCache {
  private record Key(IndexReader.CacheKey core, String field) {}

  private final Map<Key, SegmentOrdinals> held = new ConcurrentHashMap<>();

  /** {@code field}'s ordinals in {@code segment}, read now unless held. */
  public SegmentOrdinals of(LeafReader segment, String field) throws IOException {
    IndexReader.CacheHelper helper = segment.getCoreCacheHelper();
    if (helper == null) return SegmentOrdinals.read(segment, field); // not a cacheable segment
    Key key = new Key(helper.getKey(), field);
    SegmentOrdinals ordinals = held.get(key);
    if (ordinals != null) return ordinals;
    ordinals = SegmentOrdinals.read(segment, field);
    if (held.putIfAbsent(key, ordinals) == null) {
      helper.addClosedListener(core -> held.keySet().removeIf(k -> k.core() == core));
    }
    return held.get(key);
  }

  /** Heap bytes held, roughly. */
  public long bytes() {
    long sum = 0;
    for (SegmentOrdinals o : held.values()) sum += o.bytes();
    return sum;
  }
}
