package dev.byline.search;

import dev.byline.index.Schema;
import dev.byline.search.SearchRequest.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * One hit per story ({@code collapse=story}, issue 16), done as Solr's {@code CollapsingQParser}
 * does it rather than with Lucene's grouping module: the grouping module pages by offset only (no
 * search-after) and needs a second pass, while this reads every match once (in the pass that also
 * feeds the facets), keeps its story, score and date in arrays, and picks each story's head in
 * memory. The heads are then ordered exactly as uncollapsed hits are (score, date, id; or date,
 * id) and paged after the cursor's key, so the stories on a page are a fixed function of the
 * index view and the request: paging with cursors shows each story once and loses none.
 *
 * <p>A story's head is its best-ranked matching copy; when copies score within {@link #SCORE_TIE}
 * of the best, the earliest published of them (the original, as a reader would want it), then the
 * higher score, then the smaller id. Sorted by date, the head is the first copy in that order. An
 * article without a stored story is a story of its own.
 *
 * <p>Cost: every match is scored (no block-max WAND skipping, which a collapsed count cannot use),
 * plus about 20 bytes per match and 12 per story value of the view while the request runs.
 */
final class StoryCollapse {
  /**
   * Copies scoring within this share of the story's best score tie, and the earliest of them is
   * shown: a copy with added boilerplate or a trimmed lead changes its length, and so its BM25
   * score, by a few percent, while a copy whose headline holds the query scores far more.
   */
  static final float SCORE_TIE = 0.05f;

  private static final long MISSING_DATE = Long.MIN_VALUE;

  /** Each story value's ordinal across the segments of one view; built once per view. */
  static final class Ordinals {
    private final OrdinalMap map; // null when segment ordinals are already global
    private final long valueCount;

    Ordinals(IndexReader reader) {
      try {
        List<LeafReaderContext> leaves = reader.leaves();
        SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = DocValues.getSortedSet(leaves.get(i).reader(), Schema.STORY);
        }
        if (values.length <= 1) {
          map = null;
          valueCount = values.length == 0 ? 0 : values[0].getValueCount();
        } else {
          map = OrdinalMap.build(null, values, PackedInts.DEFAULT);
          valueCount = map.getValueCount();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    LongValues toGlobal(int leafOrd) {
      return map == null ? LongValues.IDENTITY : map.getGlobalOrds(leafOrd);
    }
  }

  /** Every match of a search: its document, score, story key and date (parallel arrays). */
  static final class Matches {
    int size;
    int[] docs = new int[1024];
    float[] scores = new float[1024];
    long[] keys = new long[1024];
    long[] dates = new long[1024];

    void add(int doc, float score, long key, long date) {
      if (size == docs.length) grow(size + 1);
      docs[size] = doc;
      scores[size] = score;
      keys[size] = key;
      dates[size] = date;
      size++;
    }

    void addAll(Matches other) {
      if (size + other.size > docs.length) grow(size + other.size);
      System.arraycopy(other.docs, 0, docs, size, other.size);
      System.arraycopy(other.scores, 0, scores, size, other.size);
      System.arraycopy(other.keys, 0, keys, size, other.size);
      System.arraycopy(other.dates, 0, dates, size, other.size);
      size += other.size;
    }

    private void grow(int min) {
      int n = Math.max(min, docs.length * 2);
      docs = Arrays.copyOf(docs, n);
      scores = Arrays.copyOf(scores, n);
      keys = Arrays.copyOf(keys, n);
      dates = Arrays.copyOf(dates, n);
    }
  }

  /**
   * Collects every match with its story key: the story's global ordinal, or for an article
   * without a stored story a key of its own past the ordinals.
   */
  static CollectorManager<Collector, Matches> collector(Ordinals ords, boolean scores) {
    return new CollectorManager<>() {
      @Override
      public Collector newCollector() {
        return new MatchCollector(ords, scores);
      }

      @Override
      public Matches reduce(Collection<Collector> collectors) {
        Matches all = new Matches();
        for (Collector c : collectors) all.addAll(((MatchCollector) c).matches);
        return all;
      }
    };
  }

  private static final class MatchCollector implements Collector {
    final Matches matches = new Matches();
    private final Ordinals ords;
    private final boolean scores;

    MatchCollector(Ordinals ords, boolean scores) {
      this.ords = ords;
      this.scores = scores;
    }

    @Override
    public ScoreMode scoreMode() {
      return scores ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
      // One story per article: the single-valued view reads an ordinal without the set's steps.
      SortedDocValues story =
          DocValues.unwrapSingleton(DocValues.getSortedSet(leaf.reader(), Schema.STORY));
      SortedSetDocValues stories =
          story == null ? DocValues.getSortedSet(leaf.reader(), Schema.STORY) : null;
      NumericDocValues date = DocValues.getNumeric(leaf.reader(), Schema.DATE);
      LongValues global = ords.toGlobal(leaf.ord);
      int base = leaf.docBase;
      long ownKeys = ords.valueCount + base;
      return new LeafCollector() {
        private Scorable scorer;

        @Override
        public void setScorer(Scorable s) {
          scorer = s;
        }

        @Override
        public void collect(int doc) throws IOException {
          long key;
          if (story != null) {
            key = story.advanceExact(doc) ? global.get(story.ordValue()) : ownKeys + doc;
          } else {
            key = stories.advanceExact(doc) ? global.get(stories.nextOrd()) : ownKeys + doc;
          }
          long d = date.advanceExact(doc) ? date.longValue() : MISSING_DATE;
          matches.add(base + doc, scores ? scorer.score() : 0f, key, d);
        }
      };
    }
  }

  /**
   * One page of collapsed hits (a class, not a record: it holds arrays): the heads on the page
   * in order ({@code docs}), their scores (null when sorted by date), how many matching copies
   * each head's story has ({@code sizes}) and their distinct sources, alphabetically; the next
   * page's cursor (null on the last page); how many stories and articles match.
   */
  static final class Page {
    private final int[] docs;
    private final Float[] scores;
    private final int[] sizes;
    private final List<List<String>> sources;
    private final Cursor cursorAfter;
    private final long stories;
    private final long articles;

    Page(
        int[] docs,
        Float[] scores,
        int[] sizes,
        List<List<String>> sources,
        Cursor cursorAfter,
        long stories,
        long articles) {
      this.docs = docs;
      this.scores = scores;
      this.sizes = sizes;
      this.sources = sources;
      this.cursorAfter = cursorAfter;
      this.stories = stories;
      this.articles = articles;
    }

    int[] docs() {
      return docs;
    }

    Float[] scores() {
      return scores;
    }

    int[] sizes() {
      return sizes;
    }

    List<List<String>> sources() {
      return sources;
    }

    Cursor cursorAfter() {
      return cursorAfter;
    }

    long stories() {
      return stories;
    }

    long articles() {
      return articles;
    }
  }

  private final IndexReader reader;
  private final Matches m;
  private final SortOrder order;
  private final Map<Integer, BytesRef> ids = new HashMap<>();

  private StoryCollapse(IndexReader reader, Matches matches, SortOrder order) {
    this.reader = reader;
    this.m = matches;
    this.order = order;
  }

  /**
   * The page of story heads after {@code cursor} (or from {@code offset}), {@code size} long.
   *
   * @param cursorOf makes a cursor from a head's sort values (order, value, date, id)
   */
  static Page page(
      IndexReader reader,
      Ordinals ords,
      Matches matches,
      SortOrder order,
      Cursor cursor,
      int offset,
      int size,
      CursorMaker cursorOf)
      throws IOException {
    return new StoryCollapse(reader, matches, order).page(ords, cursor, offset, size, cursorOf);
  }

  /** Makes the next page's cursor from the last head's sort values. */
  @FunctionalInterface
  interface CursorMaker {
    Cursor make(String value, Long date, String id);
  }

  private Page page(Ordinals ords, Cursor cursor, int offset, int size, CursorMaker cursorOf)
      throws IOException {
    int keySpace = Math.toIntExact(ords.valueCount + reader.maxDoc());
    int[] head = new int[keySpace]; // index + 1 of the story's head in the matches; 0: none yet
    int[] copies = new int[keySpace];
    float[] best = null;
    if (order == SortOrder.RELEVANCE) {
      best = new float[keySpace];
      Arrays.fill(best, Float.NEGATIVE_INFINITY);
      for (int i = 0; i < m.size; i++) {
        int k = (int) m.keys[i];
        if (m.scores[i] > best[k]) best[k] = m.scores[i];
      }
    }
    long stories = 0;
    for (int i = 0; i < m.size; i++) {
      int k = (int) m.keys[i];
      copies[k]++;
      int h = head[k] - 1;
      if (h < 0) stories++;
      if (h < 0 || betterHead(i, h, best == null ? 0 : best[k])) head[k] = i + 1;
    }
    // The heads after the cursor, best first: a bounded selection of offset + size + 1.
    int want = offset + size + 1;
    Comparator<Integer> inOrder = this::compareInOrder;
    PriorityQueue<Integer> kept = new PriorityQueue<>(Math.min(want, 1024) + 1, inOrder.reversed());
    // Over the key space in order (sequential reads), not over the matches (a random read each).
    for (int k = 0; k < keySpace; k++) {
      if (head[k] == 0) continue;
      int i = head[k] - 1;
      if (cursor != null && compareWithCursor(i, cursor) <= 0) continue;
      if (kept.size() < want) {
        kept.add(i);
      } else if (inOrder.compare(i, kept.peek()) < 0) {
        kept.poll();
        kept.add(i);
      }
    }
    List<Integer> sorted = new ArrayList<>(kept);
    sorted.sort(inOrder);
    int end = Math.min(sorted.size(), offset + size);
    int length = Math.max(0, end - offset);
    int[] docs = new int[length];
    Float[] scores = new Float[length];
    int[] sizes = new int[length];
    long[] pageKeys = new long[length];
    for (int p = 0; p < length; p++) {
      int i = sorted.get(offset + p);
      docs[p] = m.docs[i];
      scores[p] = order == SortOrder.RELEVANCE ? m.scores[i] : null;
      sizes[p] = copies[(int) m.keys[i]];
      pageKeys[p] = m.keys[i];
    }
    Cursor next = null;
    if (sorted.size() > end && length > 0) {
      int last = sorted.get(end - 1);
      String value =
          order == SortOrder.RELEVANCE
              ? String.valueOf(m.scores[last])
              : String.valueOf(sortDate(last));
      Long date = order == SortOrder.RELEVANCE ? sortDate(last) : null;
      next = cursorOf.make(value, date, id(m.docs[last]).utf8ToString());
    }
    return new Page(docs, scores, sizes, sources(pageKeys), next, stories, (long) m.size);
  }

  /** Whether match {@code i} heads its story rather than {@code h} (see the class javadoc). */
  private boolean betterHead(int i, int h, float best) {
    if (order != SortOrder.RELEVANCE) return compareInOrder(i, h) < 0;
    float floor = best - Math.abs(best) * SCORE_TIE;
    boolean iTies = m.scores[i] >= floor;
    boolean hTies = m.scores[h] >= floor;
    if (iTies != hTies) return iTies;
    if (!iTies) return false; // neither can head: the best one will replace both
    int byDate = Long.compare(earliestFirst(i), earliestFirst(h));
    if (byDate != 0) return byDate < 0;
    int byScore = Float.compare(m.scores[h], m.scores[i]);
    if (byScore != 0) return byScore < 0;
    return id(m.docs[i]).compareTo(id(m.docs[h])) < 0;
  }

  private long earliestFirst(int i) {
    return m.dates[i] == MISSING_DATE ? Long.MAX_VALUE : m.dates[i];
  }

  /** The date as the uncollapsed sort reads it: undated articles last in both orders. */
  private long sortDate(int i) {
    if (m.dates[i] != MISSING_DATE) return m.dates[i];
    return order == SortOrder.OLDEST ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  /** The uncollapsed order (ArticleSearch's sorts): negative when {@code a} comes first. */
  private int compareInOrder(int a, int b) {
    int c =
        switch (order) {
          case RELEVANCE -> {
            int s = Float.compare(m.scores[b], m.scores[a]);
            yield s != 0 ? s : Long.compare(sortDate(b), sortDate(a));
          }
          case NEWEST -> Long.compare(sortDate(b), sortDate(a));
          case OLDEST -> Long.compare(sortDate(a), sortDate(b));
        };
    return c != 0 ? c : id(m.docs[a]).compareTo(id(m.docs[b]));
  }

  /** Positive when match {@code i} comes after the cursor's hit. */
  private int compareWithCursor(int i, Cursor cursor) {
    int c =
        switch (order) {
          case RELEVANCE -> {
            int s = Float.compare(Float.parseFloat(cursor.value()), m.scores[i]);
            yield s != 0 ? s : Long.compare(cursor.date(), sortDate(i));
          }
          case NEWEST -> Long.compare(Long.parseLong(cursor.value()), sortDate(i));
          case OLDEST -> Long.compare(sortDate(i), Long.parseLong(cursor.value()));
        };
    return c != 0 ? c : id(m.docs[i]).compareTo(new BytesRef(cursor.id()));
  }

  private BytesRef id(int doc) {
    return ids.computeIfAbsent(
        doc,
        d -> {
          try {
            LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(d, reader.leaves()));
            SortedDocValues values = DocValues.getSorted(leaf.reader(), Schema.ID);
            if (!values.advanceExact(d - leaf.docBase)) return new BytesRef();
            return BytesRef.deepCopyOf(values.lookupOrd(values.ordValue()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The distinct sources of the matching copies of each story on the page. */
  private List<List<String>> sources(long[] pageKeys) throws IOException {
    int length = pageKeys.length;
    long[] sortedKeys = pageKeys.clone();
    Arrays.sort(sortedKeys);
    int[] positionOf = new int[length]; // of sortedKeys[j] on the page
    for (int p = 0; p < length; p++) positionOf[Arrays.binarySearch(sortedKeys, pageKeys[p])] = p;
    List<TreeSet<String>> found = new ArrayList<>(length);
    for (int p = 0; p < length; p++) found.add(new TreeSet<>());
    if (length == 0) return List.of();
    // The copies of the page's stories, by document, so each segment is read forward once.
    List<long[]> members = new ArrayList<>();
    for (int i = 0; i < m.size; i++) {
      int j = Arrays.binarySearch(sortedKeys, m.keys[i]);
      if (j >= 0) members.add(new long[] {m.docs[i], positionOf[j]});
    }
    members.sort(Comparator.comparingLong(a -> a[0]));
    List<LeafReaderContext> leaves = reader.leaves();
    int leafIndex = -1;
    SortedSetDocValues values = null;
    LeafReaderContext leaf = null;
    for (long[] member : members) {
      int doc = (int) member[0];
      int sub = ReaderUtil.subIndex(doc, leaves);
      if (sub != leafIndex) {
        leafIndex = sub;
        leaf = leaves.get(sub);
        values = DocValues.getSortedSet(leaf.reader(), Schema.SOURCE);
      }
      if (values.advanceExact(doc - leaf.docBase)) {
        for (int n = 0; n < values.docValueCount(); n++) {
          found.get((int) member[1]).add(values.lookupOrd(values.nextOrd()).utf8ToString());
        }
      }
    }
    List<List<String>> out = new ArrayList<>(length);
    for (TreeSet<String> s : found) out.add(List.copyOf(s));
    return out;
  }
}
