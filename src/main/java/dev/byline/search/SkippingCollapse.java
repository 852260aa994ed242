package dev.byline.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.FixedBitSet;

/**
 * The first {@code want} stories of a collapsed search by relevance without facets, in one pass
 * that lets Lucene skip what cannot make them (block-max WAND), as an uncollapsed search does.
 *
 * <p>Stories of one article go to Lucene's top-hits collector, which asks for matches scoring at
 * least its {@code want}-th best ({@code x}); copies of stories of several articles are kept with
 * their scores. A story's head scores at least {@code (1 - SCORE_TIE)} of the story's best copy
 * (see {@link StoryCollapse}), so of the first score seen of each story, scaled by that, the
 * {@code want}-th largest ({@code c}) is a score that {@code want} stories' heads reach. With
 * {@code L = max(x, c)}, a story whose best copy scores below {@code L} cannot make the page, and
 * a copy scoring below {@code (1 - SCORE_TIE) * L} can neither head a story that can nor change
 * which stories do: the scorer is told that floor. So the heads, and their order, are exactly
 * those of a pass over every match; the sizes and sources of the stories shown are completed
 * afterwards ({@link StoryCollapse#page}). Nothing is skipped before {@link
 * ArticleSearch#EXACT_TOTAL_UP_TO} matches have been collected, so totals up to that are exact, as
 * uncollapsed ones are; past it they are lower bounds.
 */
final class SkippingCollapse {
  private SkippingCollapse() {}

  /**
   * The singles' top, the copies kept, and the highest floor a scorer was told (0: nothing was
   * skipped).
   */
  record Result(TopDocs singles, StoryCollapse.Matches copies, float floor) {}

  /** One {@link Pass} per slice; their copies are merged and their tops reduced. */
  static final class Manager implements CollectorManager<Pass, Result> {
    private final StoryCollapse.Ordinals ords;
    private final TopFieldCollectorManager top;
    private final int want;

    Manager(StoryCollapse.Ordinals ords, TopFieldCollectorManager top, int want) {
      this.ords = ords;
      this.top = top;
      this.want = want;
    }

    @Override
    public Pass newCollector() throws IOException {
      return new Pass(ords, top.newCollector(), want);
    }

    @Override
    public Result reduce(Collection<Pass> passes) throws IOException {
      List<TopFieldCollector> tops = new ArrayList<>();
      StoryCollapse.Matches copies = new StoryCollapse.Matches();
      float floor = 0;
      for (Pass p : passes) {
        tops.add(p.top);
        copies.addAll(p.copies.matches);
        floor = Math.max(floor, p.floor);
      }
      return new Result(top.reduce(tops), copies, floor);
    }
  }

  /** One slice's pass (a collector is used by one thread at a time). */
  static final class Pass implements Collector {
    private static final float TIE = 1 - StoryCollapse.SCORE_TIE;

    /** Float rounding in the scaling must never raise the floor above a needed copy's score. */
    private static final float MARGIN = 1 - 1e-5f;

    final TopFieldCollector top;
    final StoryCollapse.MatchCollector copies;
    private final StoryCollapse.Ordinals ords;
    private final FloatHeap firsts; // TIE x the first score of each story seen: the want largest
    private FixedBitSet seen; // the stories seen (made at the first copy)
    private long collected;
    private float singlesFloor; // what the singles' top collector last asked for
    float floor; // what the scorer was last told (0: nothing skipped)

    Pass(StoryCollapse.Ordinals ords, TopFieldCollector top, int want) {
      this.ords = ords;
      this.top = top;
      this.copies = new StoryCollapse.MatchCollector(ords, true);
      this.firsts = new FloatHeap(want);
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.TOP_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
      LeafCollector single = top.getLeafCollector(leaf);
      FixedBitSet bits = ords.copies(leaf);
      StoryCollapse.Matches kept = copies.matches;
      return new LeafCollector() {
        private Scorable scorer;
        private LeafCollector copy; // made at the leaf's first copy: most leaves have few or none

        @Override
        public void setScorer(Scorable s) throws IOException {
          scorer = s;
          if (floor > 0) s.setMinCompetitiveScore(floor);
          if (copy != null) copy.setScorer(s);
          single.setScorer(
              new Scorable() {
                @Override
                public float score() throws IOException {
                  return s.score();
                }

                @Override
                public void setMinCompetitiveScore(float min) throws IOException {
                  singlesFloor = Math.max(singlesFloor, min);
                  raise(s);
                }
              });
        }

        @Override
        public void collect(int doc) throws IOException {
          collected++;
          if (bits != null && bits.get(doc)) {
            if (copy == null) {
              copy = copies.getLeafCollector(leaf);
              copy.setScorer(scorer);
            }
            copy.collect(doc);
            int last = kept.size - 1;
            if (seen == null) seen = new FixedBitSet(Math.toIntExact(ords.valueCount()));
            if (!seen.getAndSet((int) kept.keys[last])) {
              firsts.offer(kept.scores[last] * TIE);
              raise(scorer);
            }
          } else {
            single.collect(doc);
          }
          if (collected == ArticleSearch.EXACT_TOTAL_UP_TO + 1) raise(scorer);
        }

        @Override
        public void finish() throws IOException {
          single.finish();
          if (copy != null) copy.finish();
        }
      };
    }

    /** Tells {@code scorer} the floor now known, once enough matches are counted. */
    private void raise(Scorable scorer) throws IOException {
      if (collected <= ArticleSearch.EXACT_TOTAL_UP_TO) return;
      float reached = Math.max(singlesFloor, firsts.full() ? firsts.least() : 0f);
      float next = reached * TIE * MARGIN;
      if (next > floor) {
        floor = next;
        scorer.setMinCompetitiveScore(next);
      }
    }
  }

  /** The {@code capacity} largest floats offered (a min-heap): the least of them at the root. */
  private static final class FloatHeap {
    private final float[] heap;
    private int size;

    FloatHeap(int capacity) {
      heap = new float[Math.max(1, capacity)];
    }

    boolean full() {
      return size == heap.length;
    }

    float least() {
      return heap[0];
    }

    void offer(float v) {
      if (size < heap.length) {
        int j = size++;
        heap[j] = v;
        while (j > 0 && heap[(j - 1) >>> 1] > heap[j]) {
          swap(j, (j - 1) >>> 1);
          j = (j - 1) >>> 1;
        }
      } else if (v > heap[0]) {
        heap[0] = v;
        int j = 0;
        while (true) {
          int l = 2 * j + 1;
          if (l >= size) return;
          int r = l + 1;
          int least = r < size && heap[r] < heap[l] ? r : l;
          if (heap[least] >= heap[j]) return;
          swap(j, least);
          j = least;
        }
      }
    }

    private void swap(int a, int b) {
      float t = heap[a];
      heap[a] = heap[b];
      heap[b] = t;
    }
  }
}
