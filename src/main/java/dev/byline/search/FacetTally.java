package dev.byline.search;

import dev.byline.index.FacetOrdinals;
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
 * <p>Within a segment a field with few values is counted by the segment's own ordinals and
 * mapped to the view's once per value when the search ends; a field with many is mapped at each
 * match, so a search matching a handful of articles does not clear a large array per segment.
 * A value counts a match once however often the match holds it.
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
      final int[] bySegmentOrd;
      final LongValues toGlobal;

      Pending(int field, int[] bySegmentOrd, LongValues toGlobal) {
        this.field = field;
        this.bySegmentOrd = bySegmentOrd;
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
      SortedDocValues[] single = new SortedDocValues[n];
      SortedSetDocValues[] multi = new SortedSetDocValues[n];
      int[][] target = new int[n][];
      LongValues[] map = new LongValues[n];
      for (int f = 0; f < n; f++) {
        FacetOrdinals field = fields.get(f);
        SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), field.field());
        long segmentValues = values.getValueCount();
        if (segmentValues == 0) continue;
        single[f] = DocValues.unwrapSingleton(values);
        if (single[f] == null) multi[f] = values;
        LongValues toGlobal = field.toGlobal(leaf.ord);
        if (field.segmentOrdinalsGlobal()) {
          target[f] = counts[f];
          map[f] = LongValues.IDENTITY;
        } else if (segmentValues <= segmentCounted) {
          target[f] = new int[(int) segmentValues];
          map[f] = LongValues.IDENTITY;
          pending.add(new Pending(f, target[f], toGlobal));
        } else {
          target[f] = counts[f];
          map[f] = toGlobal;
        }
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          matches++;
          for (int f = 0; f < n; f++) {
            SortedDocValues one = single[f];
            if (one != null) {
              if (one.advanceExact(doc)) target[f][(int) map[f].get(one.ordValue())]++;
              continue;
            }
            SortedSetDocValues several = multi[f];
            if (several != null && several.advanceExact(doc)) {
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
        for (int o = 0; o < from.length; o++) {
          if (from[o] != 0) into[(int) p.toGlobal.get(o)] += from[o];
        }
      }
      pending.clear();
    }
  }
}
