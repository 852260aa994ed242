package dev.byline.search;

import dev.byline.index.FacetOrdinals;
import dev.byline.index.SegmentOrdinals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.LongValues;

/**
 * Counts a search's matches and, for each of some facet fields, how many matches carry each of
 * its values, while the matches are collected: one pass, unscored, reading each match's values
 * of every field at once. (Lucene's {@code FacetsCollector} first keeps the matches in a bit set
 * per segment, and {@code StringValueFacetCounts} then walks that set again once per field.)
 *
 * <p>A field whose values the view holds per document in the heap ({@link SegmentOrdinals}: the
 * default facet fields) is counted by array reads, by the segment's own ordinals, and mapped to
 * the view's once per value when the search ends. Any other field is read through doc values:
 * counted the same way when the segment has few values, else mapped at each match, so a search
 * matching a handful of articles does not clear a large array per segment. A value counts a
 * match once however often the match holds it.
 */
final class FacetTally implements CollectorManager<FacetTally.Counter, FacetTally.Counts> {
  /** Fields with at most this many values in a segment are counted by segment ordinals. */
  private static final int SEGMENT_COUNTED = 8_192;

  private final List<FacetOrdinals> fields;
  private final int segmentCounted;

  /** Counts the values of {@code fields} (possibly none: then it counts matches only). */
  FacetTally(List<FacetOrdinals> fields) {
    this(fields, SEGMENT_COUNTED);
  }

  /**
   * As {@link #FacetTally(List)}, counting by segment ordinals the fields with at most {@code
   * segmentCounted} values in a segment (tests set it to reach both ways with small indexes).
   */
  FacetTally(List<FacetOrdinals> fields, int segmentCounted) {
    this.fields = List.copyOf(fields);
    this.segmentCounted = segmentCounted;
  }

  /** What a search's matches hold: how many there are, and the counts by view-wide ordinal. */
  static final class Counts {
    private final List<FacetOrdinals> fields;
    private final int[][] counts;
    private final long matches;

    private Counts(List<FacetOrdinals> fields, int[][] counts, long matches) {
      this.fields = fields;
      this.counts = counts;
      this.matches = matches;
    }

    /** How many documents matched. */
    long matches() {
      return matches;
    }

    /**
     * The counts of {@code field}'s values by view-wide ordinal (the caller must not change
     * them), or null when the field was not counted.
     */
    int[] of(String field) {
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).field().equals(field)) return counts[i];
      }
      return null;
    }
  }

  @Override
  public Counter newCollector() {
    return new Counter(fields, segmentCounted);
  }

  @Override
  public Counts reduce(Collection<Counter> collectors) throws IOException {
    int[][] sums = null;
    long matches = 0;
    for (Counter c : collectors) {
      c.flush();
      matches += c.matches;
      if (sums == null) {
        sums = c.counts;
        continue;
      }
      for (int f = 0; f < sums.length; f++) {
        for (int o = 0; o < sums[f].length; o++) sums[f][o] += c.counts[f][o];
      }
    }
    if (sums == null) sums = new Counter(fields, segmentCounted).counts;
    return new Counts(fields, sums, matches);
  }

  /** One thread's tally. */
  static final class Counter implements Collector {
    private final List<FacetOrdinals> fields;
    private final int segmentCounted;
    private final int[][] counts;
    private long matches;

    /** Segment-ordinal counts not yet added to {@link #counts}, with how to map them. */
    private final List<Pending> pending = new ArrayList<>();

    private static final class Pending {
      final int field;
      final int[] bySegmentOrd; // from slot {@code first}: segment ordinal + first
      final int first;
      final LongValues toGlobal;

      Pending(int field, int[] bySegmentOrd, int first, LongValues toGlobal) {
        this.field = field;
        this.bySegmentOrd = bySegmentOrd;
        this.first = first;
        this.toGlobal = toGlobal;
      }
    }

    Counter(List<FacetOrdinals> fields, int segmentCounted) {
      this.fields = fields;
      this.segmentCounted = segmentCounted;
      this.counts = new int[fields.size()][];
      for (int f = 0; f < counts.length; f++) counts[f] = new int[fields.get(f).valueCount()];
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
      int n = fields.size();
      // Fields whose values are in the heap (SegmentOrdinals), counted by segment ordinal + 1;
      SegmentOrdinals[] held = new SegmentOrdinals[n];
      int[][] bySlot = new int[n][];
      int heldCount = 0;
      // the others through doc values: single- or multi-valued, counted into target via map.
      SortedDocValues[] single = new SortedDocValues[n];
      SortedSetDocValues[] multi = new SortedSetDocValues[n];
      int[][] target = new int[n][];
      LongValues[] map = new LongValues[n];
      int readCount = 0;
      for (int f = 0; f < n; f++) {
        FacetOrdinals field = fields.get(f);
        SegmentOrdinals inHeap = field.segment(leaf.ord);
        if (inHeap != null) {
          if (inHeap.valueCount() == 0) continue;
          held[heldCount] = inHeap;
          bySlot[heldCount++] = new int[inHeap.valueCount() + 1];
          pending.add(new Pending(f, bySlot[heldCount - 1], 1, field.toGlobal(leaf.ord)));
          continue;
        }
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field.field());
        long segmentValues = values.getValueCount();
        if (segmentValues == 0) continue;
        single[readCount] = DocValues.unwrapSingleton(values);
        if (single[readCount] == null) multi[readCount] = values;
        if (field.segmentOrdinalsGlobal()) {
          target[readCount] = counts[f];
          map[readCount] = LongValues.IDENTITY;
        } else if (segmentValues <= segmentCounted) {
          target[readCount] = new int[(int) segmentValues];
          map[readCount] = LongValues.IDENTITY;
          pending.add(new Pending(f, target[readCount], 0, field.toGlobal(leaf.ord)));
        } else {
          target[readCount] = counts[f];
          map[readCount] = field.toGlobal(leaf.ord);
        }
        readCount++;
      }
      int heldFields = heldCount;
      int readFields = readCount;
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          matches++;
          for (int f = 0; f < heldFields; f++) held[f].count(doc, bySlot[f]);
          for (int f = 0; f < readFields; f++) {
            SortedDocValues one = single[f];
            if (one != null) {
              if (one.advanceExact(doc)) target[f][(int) map[f].get(one.ordValue())]++;
              continue;
            }
            SortedSetDocValues several = multi[f];
            if (several.advanceExact(doc)) {
              for (int k = several.docValueCount(); k > 0; k--) {
                target[f][(int) map[f].get(several.nextOrd())]++;
              }
            }
          }
        }
      };
    }

    /** Adds the segment-ordinal counts to the view-wide ones. */
    void flush() {
      for (Pending p : pending) {
        int[] into = counts[p.field];
        int[] from = p.bySegmentOrd;
        for (int o = p.first; o < from.length; o++) {
          if (from[o] != 0) into[(int) p.toGlobal.get(o - p.first)] += from[o];
        }
      }
      pending.clear();
    }
  }
}
