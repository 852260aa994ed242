package dev.byline.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * One segment's values of one sorted-set doc-values field, document by document, in heap arrays:
 * what facet counting reads for every match. Reading them through the doc-values API costs a
 * lookup in the memory-mapped file per match and field (at a million articles that was most of a
 * search with facets on a common word); an array read costs a few nanoseconds. Immutable and
 * thread-safe; about 2 bytes per document for a field of at most one value of fewer than 65,535
 * distinct values, 4 for one of more, 4 plus 4 per value for a field of several values.
 *
 * <p>Ordinals here are the segment's, plus one: slot 0 of a count array is "no value".
 */
public final class SegmentOrdinals {
  // Exactly one layout is set.
  private final char[] small; // by document: ordinal + 1, 0 for none
  private final int[] large; // the same, for 65,535 values or more
  private final int[] starts; // several values: document d's are ords[starts[d] .. starts[d + 1])
  private final int[] ords; // ordinal + 1 each
  private final int valueCount;

  private SegmentOrdinals(char[] small, int[] large, int[] starts, int[] ords, int valueCount) {
    this.small = small;
    this.large = large;
    this.starts = starts;
    this.ords = ords;
    this.valueCount = valueCount;
  }

  /** Reads {@code field}'s values of every document of {@code reader} (deleted ones too). */
  public static SegmentOrdinals read(LeafReader reader, String field) throws IOException {
    return read(reader, field, Character.MAX_VALUE);
  }

  /** As {@link #read(LeafReader, String)}, two bytes a document only below {@code smallLimit}. */
  static SegmentOrdinals read(LeafReader reader, String field, int smallLimit) throws IOException {
    SortedSetDocValues values = DocValues.getSortedSet(reader, field);
    int maxDoc = reader.maxDoc();
    int valueCount = Math.toIntExact(values.getValueCount());
    SortedDocValues one = DocValues.unwrapSingleton(values);
    if (one != null && valueCount < smallLimit) {
      char[] small = new char[maxDoc];
      for (int d = one.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = one.nextDoc()) {
        small[d] = (char) (one.ordValue() + 1);
      }
      return new SegmentOrdinals(small, null, null, null, valueCount);
    }
    if (one != null) {
      int[] large = new int[maxDoc];
      for (int d = one.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = one.nextDoc()) {
        large[d] = one.ordValue() + 1;
      }
      return new SegmentOrdinals(null, large, null, null, valueCount);
    }
    int[] starts = new int[maxDoc + 1];
    int[] ords = new int[Math.max(16, maxDoc)];
    int n = 0;
    int next = 0; // the first document whose start is not yet set
    for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
      while (next <= d) starts[next++] = n;
      int k = values.docValueCount();
      if (n + k > ords.length) ords = Arrays.copyOf(ords, Math.max(n + k, ords.length * 2));
      for (int i = 0; i < k; i++) ords[n++] = Math.toIntExact(values.nextOrd()) + 1;
    }
    while (next <= maxDoc) starts[next++] = n;
    return new SegmentOrdinals(null, null, starts, Arrays.copyOf(ords, n), valueCount);
  }

  /** How many distinct values the segment has: count arrays are one longer (slot 0: none). */
  public int valueCount() {
    return valueCount;
  }

  /**
   * Adds one to {@code counts[ordinal + 1]} for each of {@code doc}'s values, or to {@code
   * counts[0]} when it has none. {@code counts} has {@link #valueCount} + 1 slots.
   */
  public void count(int doc, int[] counts) {
    if (small != null) {
      counts[small[doc]]++;
    } else if (large != null) {
      counts[large[doc]]++;
    } else {
      int from = starts[doc];
      int to = starts[doc + 1];
      if (from == to) counts[0]++;
      for (int i = from; i < to; i++) counts[ords[i]]++;
    }
  }

  /** Heap bytes held, roughly. */
  public long bytes() {
    if (small != null) return 2L * small.length;
    if (large != null) return 4L * large.length;
    return 4L * starts.length + 4L * ords.length;
  }
}
