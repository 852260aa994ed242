package dev.byline.search;

import dev.byline.index.FacetOrdinals;
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
import java.util.TreeSet;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.LongValues;

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
 * <p>Cost: the stories of one article are found with block-max WAND skipping, and so is everything
 * on a first page by relevance ({@link SkippingCollapse}); with facets, a second pass visits every
 * match unscored to count them; about 20 bytes per kept match and a bit per story value of the
 * view while the request runs.
 */
final class StoryCollapse {
  /**
   * Copies scoring within this share of the story's best score tie, and the earliest of them is
   * shown: a copy with added boilerplate or a trimmed lead changes its length, and so its BM25
   * score, by a few percent, while a copy whose headline holds the query scores far more.
   */
  static final float SCORE_TIE = 0.05f;

  private static final long MISSING_DATE = Long.MIN_VALUE;

  /**
   * Per view, built once (in the first collapsed search after a refresh): each story value's
   * ordinal across the segments, and which documents are copies of a story that has more than
   * one live article in the view. Only those can fold into another; every other article is a
   * story of one and heads itself.
   */
  static final class Ordinals {
    private final FacetOrdinals stories; // story values numbered across the view's segments
    private final long valueCount;
    private final IndexReader reader;

    /** By leaf: the documents in stories of two or more live articles (null: none in it). */
    private final FixedBitSet[] copies;

    /** By story key: how many live articles the story has in the view. */
    private final int[] articles;

    Ordinals(IndexReader reader) {
      this.reader = reader;
      try {
        List<LeafReaderContext> leaves = reader.leaves();
        stories = FacetOrdinals.of(reader, Schema.STORY);
        valueCount = stories.valueCount();
        copies = new FixedBitSet[leaves.size()];
        articles = new int[Math.toIntExact(valueCount)];
        for (int pass = 0; pass < 2; pass++) { // count each story's articles, then mark
          for (LeafReaderContext leaf : leaves) {
            SortedDocValues story = singleValued(leaf);
            Bits live = leaf.reader().getLiveDocs();
            LongValues global = toGlobal(leaf.ord);
            for (int d = story.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = story.nextDoc()) {
              if (live != null && !live.get(d)) continue;
              int k = (int) global.get(story.ordValue());
              if (pass == 0) {
                articles[k]++;
              } else if (articles[k] > 1) {
                if (copies[leaf.ord] == null)
                  copies[leaf.ord] = new FixedBitSet(leaf.reader().maxDoc());
                copies[leaf.ord].set(d);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    LongValues toGlobal(int leafOrd) {
      return stories.toGlobal(leafOrd);
    }

    /** The story values numbered across the view's segments, as story keys are. */
    FacetOrdinals stories() {
      return stories;
    }

    /** The copies of stories of several articles in this leaf of the view, or null. */
    FixedBitSet copies(LeafReaderContext leaf) {
      if (!sameLeaf(reader.leaves().get(leaf.ord), leaf)) {
        throw new IllegalArgumentException("a leaf of another view");
      }
      return copies[leaf.ord];
    }

    /**
     * Whether {@code other} is {@code ours}, or a view of it with the same documents and deletes
     * (a search's time-limited view of the reader: its cache keys are the reader's).
     */
    private static boolean sameLeaf(LeafReaderContext ours, LeafReaderContext other) {
      if (ours == other) return true;
      var mine = ours.reader().getReaderCacheHelper();
      var theirs = other.reader().getReaderCacheHelper();
      return mine != null && theirs != null && mine.getKey() == theirs.getKey();
    }

    /** Matches the copies of stories of several articles (constant score; this view only). */
    Query copiesQuery() {
      return new CopiesQuery(this);
    }

    /** How many live articles the story of key {@code key} (below valueCount) has in the view. */
    int articles(long key) {
      return articles[(int) key];
    }

    /** How many story values the view has: story keys below it are theirs. */
    long valueCount() {
      return valueCount;
    }

    /** The story value of key {@code key} (a global ordinal of this view, below valueCount). */
    BytesRef value(long key) throws IOException {
      return stories.value(key);
    }
  }

  /** Articles have one story: a story value read without the set's steps. */
  private static SortedDocValues singleValued(LeafReaderContext leaf) throws IOException {
    SortedSetDocValues set = DocValues.getSortedSet(leaf.reader(), Schema.STORY);
    SortedDocValues single = DocValues.unwrapSingleton(set);
    if (single != null) return single;
    return new SortedDocValues() { // an article has one story: its first (only) value
      @Override
      public int ordValue() throws IOException {
        return (int) set.nextOrd();
      }

      @Override
      public BytesRef lookupOrd(int ord) throws IOException {
        return set.lookupOrd(ord);
      }

      @Override
      public int getValueCount() {
        return (int) set.getValueCount();
      }

      @Override
      public boolean advanceExact(int target) throws IOException {
        return set.advanceExact(target);
      }

      @Override
      public int docID() {
        return set.docID();
      }

      @Override
      public int nextDoc() throws IOException {
        return set.nextDoc();
      }

      @Override
      public int advance(int target) throws IOException {
        return set.advance(target);
      }

      @Override
      public long cost() {
        return set.cost();
      }
    };
  }

  /** The {@link Ordinals#copies} of one view as a filter. */
  private static final class CopiesQuery extends Query {
    private final Ordinals ords;

    CopiesQuery(Ordinals ords) {
      this.ords = ords;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
      return new ConstantScoreWeight(this, boost) {
        @Override
        public ScorerSupplier scorerSupplier(LeafReaderContext leaf) {
          FixedBitSet bits = ords.copies(leaf);
          if (bits == null) return null;
          var scorer =
              new ConstantScoreScorer(
                  score(), scoreMode, new BitSetIterator(bits, bits.approximateCardinality()));
          return new DefaultScorerSupplier(scorer);
        }

        @Override
        public boolean isCacheable(LeafReaderContext leaf) {
          return false; // one view's documents, by number
        }
      };
    }

    @Override
    public String toString(String field) {
      return "story_copies";
    }

    @Override
    public void visit(QueryVisitor visitor) {
      visitor.visitLeaf(this);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof CopiesQuery q && q.ords == ords;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ords);
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

  static final class MatchCollector implements Collector {
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
      SortedDocValues story = singleValued(leaf);
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
          long key = story.advanceExact(doc) ? global.get(story.ordValue()) : ownKeys + doc;
          long d = date.advanceExact(doc) ? date.longValue() : MISSING_DATE;
          matches.add(base + doc, scores ? scorer.score() : 0f, key, d);
        }
      };
    }
  }

  /**
   * What a collapsed search collects: every matching copy of a story of several articles (the
   * only matches that can fold), the best of the other matches after the cursor (each a story of
   * one, heading itself) with how many of those there are (its total hits: exact with facets,
   * else exact up to a bound), and the facets' matches when asked.
   */
  static final class Found {
    final Matches copies;
    final TopDocs singles;
    final FacetTally.Counts facets;

    /**
     * Non-null when matches that could not make the page were skipped ({@link SkippingCollapse}): the
     * copies above are then only those that could, and the page's stories are completed from
     * this search (theirs and its query's).
     */
    final Skipped skipped;

    /** Non-null with facets: every match counted in the facets' pass, stories and articles. */
    final Counts counts;

    Found(
        Matches copies, TopDocs singles, FacetTally.Counts facets, Skipped skipped, Counts counts) {
      this.copies = copies;
      this.singles = singles;
      this.facets = facets;
      this.skipped = skipped;
      this.counts = counts;
    }

    /** The exact counts of every match (with facets), or null. */
    Counts counts() {
      return counts;
    }

    /** How many matches are stories of one ({@link #exact} false: at least that many). */
    long singlesTotal() {
      return singles.totalHits.value();
    }

    /** Whether the stories and articles counted are all there are, not a lower bound. */
    boolean exact() {
      return counts != null
          || (skipped == null && singles.totalHits.relation() == TotalHits.Relation.EQUAL_TO);
    }

    FacetTally.Counts facets() {
      return facets;
    }
  }

  /**
   * Runs a collapsed search. The stories of one article (most of them) are ranked by Lucene's
   * own top-hits collector in the uncollapsed order ({@code sort}, after {@code after}); only the
   * copies of stories of several articles are kept, each with its story, score and date, to pick
   * their heads. The singles' top is found with block-max WAND skipping as an uncollapsed search
   * does, and counted as it counts, exactly up to {@link ArticleSearch#EXACT_TOTAL_UP_TO} and then
   * as a lower bound; the copies are searched on their own (a filter on the view's {@link
   * Ordinals#copies}), every one of them, so each story's head and size stay exact. With facets,
   * a second pass over every match, unscored, collects the facets' matches and counts the stories
   * and articles exactly ({@link Found#counts}).
   *
   * @param want how many heads the page needs at most (offset + size + 1)
   */
  static Found search(
      IndexSearcher searcher,
      Query query,
      Ordinals ords,
      Sort sort,
      FieldDoc after,
      int want,
      boolean scores,
      FacetTally facets)
      throws IOException {
    if (facets != null) {
      // Two passes, as an uncollapsed search with facets makes: the page as without facets
      // (skipping what cannot make it), then every match unscored, for the facets and the exact
      // counts of stories and articles.
      Query rewritten = searcher.rewrite(query);
      Found page = search(searcher, rewritten, ords, sort, after, want, scores, null);
      Object[] counted =
          searcher.search(rewritten, new MultiCollectorManager(facets, new CountsManager(ords)));
      return new Found(
          page.copies,
          page.singles,
          (FacetTally.Counts) counted[0],
          page.skipped,
          (Counts) counted[1]);
    }
    var top = new TopFieldCollectorManager(sort, want, after, ArticleSearch.EXACT_TOTAL_UP_TO);
    if (scores && after == null) {
      SkippingCollapse.Result got =
          searcher.search(query, new SkippingCollapse.Manager(ords, top, want));
      return new Found(
          got.copies(),
          got.singles(),
          null,
          got.floor() > 0 ? new Skipped(searcher, query, got.floor()) : null,
          null);
    }
    TopDocs singles = searcher.search(query, new SinglesManager(ords, top));
    Query copiesOnly =
        new BooleanQuery.Builder()
            .add(query, BooleanClause.Occur.MUST)
            .add(ords.copiesQuery(), BooleanClause.Occur.FILTER)
            .build();
    Matches copies = searcher.search(copiesOnly, collector(ords, scores));
    // Counting every match exactly (IndexSearcher.count: a pass over a disjunction's matches) was
    // most of a bare collapsed search's cost on common words: 5.3x an uncollapsed one at 100k.
    return new Found(copies, singles, null, null, null);
  }

  /** How many stories and articles match, every match counted. */
  record Counts(long stories, long articles) {}

  /**
   * Counts every match's story once: a story of one article is counted at its article, a story of
   * several at its first matching copy (a bit per story of the view).
   */
  private record CountsManager(Ordinals ords)
      implements CollectorManager<CountsManager.Counter, Counts> {
    @Override
    public Counter newCollector() {
      return new Counter(ords);
    }

    @Override
    public Counts reduce(Collection<Counter> counters) {
      FixedBitSet stories = new FixedBitSet(Math.toIntExact(ords.valueCount));
      long singles = 0;
      long articles = 0;
      for (Counter c : counters) {
        stories.or(c.stories);
        singles += c.singles;
        articles += c.articles;
      }
      return new Counts(singles + stories.cardinality(), articles);
    }

    static final class Counter implements Collector {
      private final Ordinals ords;
      private final FixedBitSet stories;
      private long singles;
      private long articles;

      Counter(Ordinals ords) {
        this.ords = ords;
        this.stories = new FixedBitSet(Math.toIntExact(ords.valueCount));
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }

      @Override
      public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
        FixedBitSet copies = ords.copies(leaf);
        SortedDocValues story = copies == null ? null : singleValued(leaf);
        LongValues global = ords.toGlobal(leaf.ord);
        return new LeafCollector() {
          @Override
          public void setScorer(Scorable scorer) {}

          @Override
          public void collect(int doc) throws IOException {
            articles++;
            if (copies != null && copies.get(doc) && story.advanceExact(doc)) {
              stories.set((int) global.get(story.ordValue()));
            } else {
              singles++;
            }
          }
        };
      }
    }
  }

  /**
   * The search a {@link SkippingCollapse} pass ran, to complete the stories it shows, and the
   * score below which it let matches be skipped.
   */
  record Skipped(IndexSearcher searcher, Query query, float floor) {}

  /**
   * The top of the matches that are stories of one article; the copies of stories of several are
   * left out (they are searched on their own).
   */
  private record SinglesManager(Ordinals ords, TopFieldCollectorManager top)
      implements CollectorManager<SinglesManager.Singles, TopDocs> {
    @Override
    public Singles newCollector() throws IOException {
      return new Singles(ords, top.newCollector());
    }

    @Override
    public TopDocs reduce(Collection<Singles> collectors) throws IOException {
      List<TopFieldCollector> tops = new ArrayList<>();
      for (Singles c : collectors) tops.add(c.top);
      return top.reduce(tops);
    }

    static final class Singles implements Collector {
      private final Ordinals ords;
      final TopFieldCollector top;

      Singles(Ordinals ords, TopFieldCollector top) {
        this.ords = ords;
        this.top = top;
      }

      @Override
      public ScoreMode scoreMode() {
        return top.scoreMode();
      }

      @Override
      public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
        LeafCollector single = top.getLeafCollector(leaf);
        FixedBitSet copies = ords.copies(leaf);
        if (copies == null) return single;
        return new FilterLeafCollector(single) {
          @Override
          public void collect(int doc) throws IOException {
            if (!copies.get(doc)) in.collect(doc);
          }
        };
      }
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

  /** The story keys of the last page made, in page order. */
  private long[] pageKeys = new long[0];

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
    return new StoryCollapse(reader, matches, order).page(ords, cursor, offset, size, cursorOf, 0);
  }

  /**
   * The page of story heads of a {@link #search}: the copies' heads merged with the singles'
   * top, counted with the singles the top left out.
   */
  static Page page(
      IndexReader reader,
      Ordinals ords,
      Found found,
      SortOrder order,
      Cursor cursor,
      int offset,
      int size,
      CursorMaker cursorOf)
      throws IOException {
    Matches m = new Matches();
    m.addAll(found.copies);
    for (ScoreDoc hit : found.singles.scoreDocs) {
      Object[] f = ((FieldDoc) hit).fields;
      float score = order == SortOrder.RELEVANCE ? (Float) f[0] : 0f;
      long date = (Long) f[order == SortOrder.RELEVANCE ? 1 : 0];
      // The sorts put undated articles last with a stand-in date; the matches mark them missing.
      if (date == Long.MAX_VALUE) date = MISSING_DATE;
      m.add(hit.doc, score, ords.valueCount + hit.doc, date); // a key of its own: a story of one
    }
    long unlisted = Math.max(0, found.singlesTotal() - found.singles.scoreDocs.length);
    StoryCollapse first = new StoryCollapse(reader, m, order);
    Page page = first.page(ords, cursor, offset, size, cursorOf, unlisted);
    if (found.skipped == null) return page;
    Matches completed = completed(m, first.pageKeys, ords, found.skipped);
    if (completed == null) return page;
    return new StoryCollapse(reader, completed, order)
        .page(ords, cursor, offset, size, cursorOf, unlisted);
  }

  /**
   * The matches of a {@link SkippingCollapse} pass with every matching copy of the stories shown
   * ({@code pageKeys}), or null when it holds them all already. The heads and their order are
   * right (the pass keeps every copy that could head a story on the page); a shown story's size
   * and sources need all its matching copies, skipped or not. Most often every copy of a shown
   * story was kept (copies of one text score alike), which the view's article counts tell: only
   * the stories with copies missing are searched for.
   */
  private static Matches completed(Matches m, long[] pageKeys, Ordinals ords, Skipped skipped)
      throws IOException {
    Map<Long, Integer> kept = new HashMap<>();
    for (long key : pageKeys) {
      if (key < ords.valueCount) kept.put(key, 0);
    }
    for (int i = 0; i < m.size; i++) kept.computeIfPresent(m.keys[i], (k, n) -> n + 1);
    Map<Long, BytesRef> missing = new HashMap<>();
    for (Map.Entry<Long, Integer> e : kept.entrySet()) {
      if (e.getValue() < ords.articles(e.getKey())) {
        missing.put(e.getKey(), ords.value(e.getKey()));
      }
    }
    if (missing.isEmpty()) return null;
    Query theirCopies =
        new BooleanQuery.Builder()
            .add(skipped.query(), BooleanClause.Occur.MUST)
            .add(new TermInSetQuery(Schema.STORY, missing.values()), BooleanClause.Occur.FILTER)
            .build();
    Matches completed = new Matches();
    for (int i = 0; i < m.size; i++) {
      if (!missing.containsKey(m.keys[i])) {
        completed.add(m.docs[i], m.scores[i], m.keys[i], m.dates[i]);
      }
    }
    completed.addAll(skipped.searcher().search(theirCopies, collector(ords, true)));
    return completed;
  }

  /** Makes the next page's cursor from the last head's sort values. */
  @FunctionalInterface
  interface CursorMaker {
    Cursor make(String value, Long date, String id);
  }

  /**
   * @param unlisted matches that are stories of one, ranked after every one listed in the
   *     matches: counted, never shown on this page
   */
  private Page page(
      Ordinals ords, Cursor cursor, int offset, int size, CursorMaker cursorOf, long unlisted)
      throws IOException {
    Groups groups = new Groups(ords.valueCount);
    groups.find(m);
    long stories = m.size - groups.duplicates + unlisted;
    After after = cursor == null ? null : new After(cursor);
    // The heads after the cursor, best first: a bounded selection of offset + size + 1, over the
    // matches in order (sequential reads); a story with copies offers its head once.
    Heap kept = new Heap(offset + size + 1);
    for (int i = 0; i < m.size; i++) {
      if (groups.inGroup(m.keys[i])) continue;
      offer(kept, i, after);
    }
    for (int g = 0; g < groups.count; g++) offer(kept, groups.head[g], after);
    int[] sorted = kept.sorted();
    int end = Math.min(sorted.length, offset + size);
    int length = Math.max(0, end - offset);
    int[] docs = new int[length];
    Float[] scores = new Float[length];
    int[] sizes = new int[length];
    pageKeys = new long[length];
    for (int p = 0; p < length; p++) {
      int i = sorted[offset + p];
      docs[p] = m.docs[i];
      scores[p] = order == SortOrder.RELEVANCE ? m.scores[i] : null;
      int g = groups.groupOf(m.keys[i]);
      sizes[p] = g < 0 ? 1 : groups.copies[g];
      pageKeys[p] = m.keys[i];
    }
    Cursor next = null;
    if (sorted.length > end && length > 0) {
      int last = sorted[end - 1];
      String value =
          order == SortOrder.RELEVANCE
              ? String.valueOf(m.scores[last])
              : String.valueOf(sortDate(last));
      Long date = order == SortOrder.RELEVANCE ? sortDate(last) : null;
      next = cursorOf.make(value, date, id(last).utf8ToString());
    }
    return new Page(
        docs,
        scores,
        sizes,
        sources(groups, pageKeys, sorted, offset),
        next,
        stories,
        m.size + unlisted);
  }

  private void offer(Heap kept, int i, After after) {
    if (after != null && compareWithCursor(i, after) <= 0) return;
    kept.offer(i);
  }

  /**
   * The stories with more than one matching copy, and each one's head. Most stories match one
   * copy: one bit per story value of the view finds the others (an article without a stored
   * story is alone by construction), and only their copies are grouped, in a map sized by them,
   * so a request's memory and scattered reads grow with its matches, not with the index.
   */
  private final class Groups {
    private final long valueCount;

    /** Stories seen twice or more (null when none is). */
    private FixedBitSet repeated;

    long duplicates; // matches beyond the first of their story
    int count;
    int[] head = new int[0];
    int[] copies = new int[0];
    private float[] best = new float[0];

    // Open addressing: story key + 1 (0: empty slot) -> group.
    private long[] slotKeys = new long[0];
    private int[] slotGroups = new int[0];

    Groups(long valueCount) {
      this.valueCount = valueCount;
    }

    boolean inGroup(long key) {
      return repeated != null && key < valueCount && repeated.get((int) key);
    }

    int groupOf(long key) {
      if (!inGroup(key)) return -1;
      int mask = slotKeys.length - 1;
      for (int s = hash(key) & mask; ; s = (s + 1) & mask) {
        if (slotKeys[s] == key + 1) return slotGroups[s];
      }
    }

    void find(Matches m) {
      if (valueCount == 0) return;
      FixedBitSet seen = new FixedBitSet(Math.toIntExact(valueCount));
      for (int i = 0; i < m.size; i++) {
        long k = m.keys[i];
        if (k < valueCount && seen.getAndSet((int) k)) {
          if (repeated == null) repeated = new FixedBitSet(seen.length());
          repeated.set((int) k);
          duplicates++;
        }
      }
      if (repeated == null) return;
      int groups = repeated.cardinality();
      head = new int[groups];
      copies = new int[groups];
      best = new float[groups];
      Arrays.fill(best, Float.NEGATIVE_INFINITY);
      int capacity = Integer.highestOneBit(Math.max(2, groups) * 2 - 1) << 1;
      slotKeys = new long[capacity];
      slotGroups = new int[capacity];
      // The grouped matches and their groups, for the second pass.
      int members = Math.toIntExact(duplicates + groups);
      int[] memberIndex = new int[members];
      int[] memberGroup = new int[members];
      int n = 0;
      for (int i = 0; i < m.size; i++) {
        long k = m.keys[i];
        if (!inGroup(k)) continue;
        int g = groupAdding(k, i);
        copies[g]++;
        if (m.scores[i] > best[g]) best[g] = m.scores[i];
        memberIndex[n] = i;
        memberGroup[n++] = g;
      }
      for (int j = 0; j < n; j++) {
        int i = memberIndex[j];
        int g = memberGroup[j];
        if (head[g] != i && betterHead(i, head[g], best[g])) head[g] = i;
      }
    }

    /** The group of {@code key}, made (headed by match {@code i} for now) if it is new. */
    private int groupAdding(long key, int i) {
      int mask = slotKeys.length - 1;
      for (int s = hash(key) & mask; ; s = (s + 1) & mask) {
        if (slotKeys[s] == key + 1) return slotGroups[s];
        if (slotKeys[s] == 0) {
          slotKeys[s] = key + 1;
          slotGroups[s] = count;
          head[count] = i;
          return count++;
        }
      }
    }

    private static int hash(long key) {
      long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: consecutive keys spread out
      return (int) (h ^ (h >>> 32));
    }
  }

  /** A bounded selection of matches, the last in order at its root (ties: see compareInOrder). */
  private final class Heap {
    private final int capacity;
    private int[] heap = new int[16];
    private int size;

    Heap(int capacity) {
      this.capacity = capacity;
    }

    void offer(int i) {
      if (size < capacity) {
        if (size == heap.length) heap = Arrays.copyOf(heap, Math.min(capacity, size * 2));
        heap[size] = i;
        up(size++);
      } else if (compareInOrder(i, heap[0]) < 0) {
        heap[0] = i;
        down(0);
      }
    }

    /** The kept matches, first in order first. */
    int[] sorted() {
      Integer[] boxed = new Integer[size];
      for (int j = 0; j < size; j++) boxed[j] = heap[j];
      Arrays.sort(boxed, StoryCollapse.this::compareInOrder);
      int[] out = new int[size];
      for (int j = 0; j < size; j++) out[j] = boxed[j];
      return out;
    }

    private void up(int j) {
      while (j > 0) {
        int parent = (j - 1) >>> 1;
        if (compareInOrder(heap[j], heap[parent]) <= 0) return;
        swap(j, parent);
        j = parent;
      }
    }

    private void down(int j) {
      while (true) {
        int l = 2 * j + 1;
        if (l >= size) return;
        int r = l + 1;
        int later = r < size && compareInOrder(heap[r], heap[l]) > 0 ? r : l;
        if (compareInOrder(heap[later], heap[j]) <= 0) return;
        swap(j, later);
        j = later;
      }
    }

    private void swap(int a, int b) {
      int t = heap[a];
      heap[a] = heap[b];
      heap[b] = t;
    }
  }

  /** A cursor's sort values, parsed once. */
  private static final class After {
    final float score;
    final long value;
    final long date;
    final BytesRef id;

    After(Cursor cursor) {
      boolean relevance = cursor.sort() == SortOrder.RELEVANCE;
      score = relevance ? Float.parseFloat(cursor.value()) : 0f;
      value = relevance ? 0 : Long.parseLong(cursor.value());
      date = relevance ? cursor.date() : 0;
      id = new BytesRef(cursor.id());
    }
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
    return compareIds(i, h) < 0;
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
    return c != 0 ? c : compareIds(a, b);
  }

  /** Positive when match {@code i} comes after the cursor's hit. */
  private int compareWithCursor(int i, After cursor) {
    int c =
        switch (order) {
          case RELEVANCE -> {
            int s = Float.compare(cursor.score, m.scores[i]);
            yield s != 0 ? s : Long.compare(cursor.date, sortDate(i));
          }
          case NEWEST -> Long.compare(cursor.value, sortDate(i));
          case OLDEST -> Long.compare(sortDate(i), cursor.value);
        };
    return c != 0 ? c : id(i).compareTo(cursor.id);
  }

  /**
   * Compares the ids of matches {@code i} and {@code j} as the uncollapsed sort does (their
   * bytes): by their ordinals when both are in one segment (ids are sorted there), which needs no
   * term to be read.
   */
  private int compareIds(int i, int j) {
    int a = m.docs[i];
    int b = m.docs[j];
    if (a == b) return 0;
    List<LeafReaderContext> leaves = reader.leaves();
    int leafA = ReaderUtil.subIndex(a, leaves);
    int leafB = ReaderUtil.subIndex(b, leaves);
    if (leafA != leafB) return id(i).compareTo(id(j));
    int[] ords = idOrds();
    return Integer.compare(ords[i], ords[j]);
  }

  /** Each match's id ordinal in its segment (-1 for none); null until ids are first compared. */
  private int[] idOrds;

  /**
   * The id ordinal of every match, read when two ids are first compared, in one forward pass over
   * each segment's id doc values: looked up one by one, a new doc-values reader each time, these
   * were a fifth of a collapsed search's time where scores and dates tie often.
   */
  private int[] idOrds() {
    if (idOrds != null) return idOrds;
    long[] byDoc = new long[m.size];
    for (int i = 0; i < m.size; i++) byDoc[i] = ((long) m.docs[i] << 32) | i;
    Arrays.sort(byDoc);
    int[] ords = new int[m.size];
    List<LeafReaderContext> leaves = reader.leaves();
    try {
      LeafReaderContext leaf = null;
      SortedDocValues values = null;
      for (long packed : byDoc) {
        int doc = (int) (packed >>> 32);
        int i = (int) packed;
        if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
          leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
          values = DocValues.getSorted(leaf.reader(), Schema.ID);
        }
        ords[i] = values.advanceExact(doc - leaf.docBase) ? values.ordValue() : -1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    idOrds = ords;
    return ords;
  }

  /** Each match's id, read when first needed; null until then. */
  private BytesRef[] idBytes;

  /** Per segment, the id doc values that ordinals are looked up in; null until needed. */
  private SortedDocValues[] idValues;

  /**
   * The id of match {@code i}: its ordinal's term ({@link #idOrds}), read once (a look-up by
   * ordinal needs no iterator positioned on the document, so one doc-values reader per segment
   * serves every match in it).
   */
  private BytesRef id(int i) {
    if (idBytes == null) idBytes = new BytesRef[m.size];
    BytesRef known = idBytes[i];
    if (known != null) return known;
    int ord = idOrds()[i];
    BytesRef id;
    if (ord < 0) {
      id = new BytesRef();
    } else {
      List<LeafReaderContext> leaves = reader.leaves();
      int leaf = ReaderUtil.subIndex(m.docs[i], leaves);
      if (idValues == null) idValues = new SortedDocValues[leaves.size()];
      try {
        if (idValues[leaf] == null) {
          idValues[leaf] = DocValues.getSorted(leaves.get(leaf).reader(), Schema.ID);
        }
        id = BytesRef.deepCopyOf(idValues[leaf].lookupOrd(ord));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    idBytes[i] = id;
    return id;
  }

  /**
   * The distinct sources of the matching copies of each story on the page: a story of one copy
   * has its head's; the copies of the others are among the grouped matches.
   */
  private List<List<String>> sources(Groups groups, long[] pageKeys, int[] sorted, int offset)
      throws IOException {
    int length = pageKeys.length;
    if (length == 0) return List.of();
    List<TreeSet<String>> found = new ArrayList<>(length);
    for (int p = 0; p < length; p++) found.add(new TreeSet<>());
    // Each copy of a page's story, by document (so each segment is read forward once).
    List<long[]> members = new ArrayList<>();
    Map<Long, Integer> positionOf = new HashMap<>();
    for (int p = 0; p < length; p++) {
      if (groups.inGroup(pageKeys[p])) {
        positionOf.put(pageKeys[p], p);
      } else {
        members.add(new long[] {m.docs[sorted[offset + p]], p});
      }
    }
    if (!positionOf.isEmpty()) {
      for (int i = 0; i < m.size; i++) {
        if (!groups.inGroup(m.keys[i])) continue;
        Integer p = positionOf.get(m.keys[i]);
        if (p != null) members.add(new long[] {m.docs[i], p});
      }
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
