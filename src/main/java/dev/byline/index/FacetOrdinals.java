package dev.byline.index;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * The values of one sorted-set doc-values field across a view's segments, numbered view-wide:
 * each segment numbers its values in its own order, and this maps a segment's numbers
 * (ordinals) to the view's. The view-wide ordinals follow the values' byte order, as each
 * segment's do. Immutable and thread-safe; built once per view, since merging the segments'
 * ordinals reads every value of the field.
 */
public final class FacetOrdinals {
  private final String field;
  private final List<LeafReaderContext> leaves;
  private final OrdinalMap map; // null when the view has at most one segment
  private final int valueCount;
  private final SegmentOrdinals[] bySegment; // by leaf; null when not read into the heap

  private FacetOrdinals(
      String field,
      List<LeafReaderContext> leaves,
      OrdinalMap map,
      int valueCount,
      SegmentOrdinals[] bySegment) {
    this.field = field;
    this.leaves = leaves;
    this.map = map;
    this.valueCount = valueCount;
    this.bySegment = bySegment;
  }

  /**
   * Numbers {@code field}'s values across {@code reader}'s segments; {@link #segment} is null (the
   * values are read through doc values).
   */
  public static FacetOrdinals of(IndexReader reader, String field) throws IOException {
    return of(reader, field, null);
  }

  /**
   * As {@link #of(IndexReader, String)}, with each segment's values per document in the heap
   * ({@link #segment}), taken from {@code cache} (read into it when new).
   */
  public static FacetOrdinals of(IndexReader reader, String field, SegmentOrdinalsCache cache)
      throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    SegmentOrdinals[] bySegment = null;
    if (cache != null) {
      bySegment = new SegmentOrdinals[leaves.size()];
      for (int i = 0; i < bySegment.length; i++) {
        bySegment[i] = cache.of(leaves.get(i).reader(), field);
      }
    }
    SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = DocValues.getSortedSet(leaves.get(i).reader(), field);
    }
    if (values.length <= 1) {
      long count = values.length == 0 ? 0 : values[0].getValueCount();
      return new FacetOrdinals(field, leaves, null, Math.toIntExact(count), bySegment);
    }
    OrdinalMap map = OrdinalMap.build(null, values, PackedInts.DEFAULT);
    return new FacetOrdinals(field, leaves, map, Math.toIntExact(map.getValueCount()), bySegment);
  }

  /** The field numbered. */
  public String field() {
    return field;
  }

  /** How many distinct values the field has in the view; view-wide ordinals are below it. */
  public int valueCount() {
    return valueCount;
  }

  /**
   * The values per document of the view's leaf number {@code leafOrd}, in the heap, or null when
   * this field's are read through doc values.
   */
  public SegmentOrdinals segment(int leafOrd) {
    return bySegment == null ? null : bySegment[leafOrd];
  }

  /** Whether segment ordinals are the view's already (a view of at most one segment). */
  public boolean segmentOrdinalsGlobal() {
    return map == null;
  }

  /** Maps the ordinals of the view's leaf number {@code leafOrd} to view-wide ones. */
  public LongValues toGlobal(int leafOrd) {
    return map == null ? LongValues.IDENTITY : map.getGlobalOrds(leafOrd);
  }

  /** The value with the view-wide ordinal {@code ord} (a copy; safe to keep). */
  public BytesRef value(long ord) throws IOException {
    if (ord < 0 || ord >= valueCount) {
      throw new IllegalArgumentException("no value " + ord + " in " + field);
    }
    int leaf = map == null ? 0 : map.getFirstSegmentNumber(ord);
    long segmentOrd = map == null ? ord : map.getFirstSegmentOrd(ord);
    // A fresh iterator per lookup: doc values iterators are not thread-safe.
    SortedSetDocValues values = DocValues.getSortedSet(leaves.get(leaf).reader(), field);
    return BytesRef.deepCopyOf(values.lookupOrd(segmentOrd));
  }
}
