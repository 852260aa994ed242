package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.article.Article;
import dev.byline.article.PublicationDate;
import dev.byline.index.Schema;
import dev.byline.search.SearchRequest.SortOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * {@link StoryCollapse#page} against a plain reference (every story grouped in a map, its head
 * picked by the rule of the class javadoc, every head sorted): random archives over several
 * segments, some articles without a story, random scores with exact and near ties, random
 * subsets of matches, every order, offsets and cursors; and {@link StoryCollapse#search} over
 * real queries, with facets (one pass) and without (singles with skipping, copies apart).
 */
class StoryCollapseTest {
  private static final String[] SOURCES = {"Wire", "Beacon", "Anvil", "Courier"};

  @Test
  void pages_match_a_plain_grouping_of_every_match() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "StoryCollapseTest seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 30; round++) {
      List<Article> articles = new ArrayList<>();
      int n = 1 + random.nextInt(300);
      int storyCount = 1 + random.nextInt(Math.max(1, n / (1 + random.nextInt(4))));
      for (int d = 0; d < n; d++) articles.add(article(random, d, storyCount));
      try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
        IndexWriterConfig config = new IndexWriterConfig(Schema.analyzer());
        config.setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
          for (Article a : articles) {
            writer.addDocument(Schema.toDocument(a, null));
            if (random.nextInt(40) == 0) writer.flush(); // several segments
          }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          check(reader, articles, random, "seed " + seed + " round " + round);
        }
      }
    }
  }

  /**
   * A first page by relevance without facets skips what cannot make it ({@link
   * SkippingCollapse}) once more than {@link ArticleSearch#EXACT_TOTAL_UP_TO} matches are counted:
   * its heads, their order, scores, sizes and sources must still be those of the plain grouping
   * of every match, its totals lower bounds of the true ones.
   */
  @Test
  void first_pages_that_skip_matches_show_the_stories_of_a_plain_grouping() throws Exception {
    long seed = Long.getLong("tests.seed", System.nanoTime());
    System.out.println(
        "StoryCollapseTest skipping seed: " + seed + " (rerun with -Dtests.seed=" + seed + ")");
    Random random = new Random(seed);
    int skipped = 0;
    for (int round = 0; round < 8; round++) {
      int n = 2_000 + random.nextInt(3_000);
      int storyCount = 1 + n / (1 + random.nextInt(6));
      try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
        IndexWriterConfig config = new IndexWriterConfig(Schema.analyzer());
        config.setMergePolicy(NoMergePolicy.INSTANCE);
        Map<String, Article> byId = new HashMap<>();
        Map<String, String> storyBodies = new HashMap<>();
        try (IndexWriter writer = new IndexWriter(dir, config)) {
          for (int d = 0; d < n; d++) {
            Article a = article(random, d, storyCount);
            // Most copies repeat their story's text with a word or two added: their scores then
            // tie within SCORE_TIE, and an earlier copy scoring a little less heads the story.
            String base = a.story() == null ? null : storyBodies.get(a.story());
            if (base != null && random.nextInt(4) != 0) {
              a =
                  new Article(
                      a.id(),
                      null,
                      a.title(),
                      base + " pier".repeat(random.nextInt(3)),
                      a.author(),
                      a.date(),
                      a.source(),
                      a.category(),
                      null,
                      a.story());
            } else if (a.story() != null) {
              storyBodies.putIfAbsent(a.story(), a.body());
            }
            byId.put(a.id(), a);
            writer.addDocument(Schema.toDocument(a, null));
            if (random.nextInt(1_500) == 0) writer.flush();
          }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          StoryCollapse.Ordinals ords = new StoryCollapse.Ordinals(reader);
          IndexSearcher searcher = new IndexSearcher(reader);
          Article[] ofDoc = new Article[reader.maxDoc()];
          var stored = reader.storedFields();
          for (int d = 0; d < reader.maxDoc(); d++)
            ofDoc[d] = byId.get(stored.document(d).get(Schema.ID));
          for (int trial = 0; trial < 6; trial++) {
            var query = new org.apache.lucene.search.BooleanQuery.Builder();
            for (int w = 0; w < 1 + random.nextInt(3); w++) {
              query.add(
                  new TermQuery(new Term(Schema.BODY, WORDS[random.nextInt(WORDS.length)])),
                  org.apache.lucene.search.BooleanClause.Occur.SHOULD);
            }
            Query q = query.build();
            StoryCollapse.Matches all = searcher.search(q, StoryCollapse.collector(ords, true));
            List<Integer> expected = reference(all, ofDoc, SortOrder.RELEVANCE);
            int size = 1 + random.nextInt(10);
            int offset = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
            String c =
                "seed " + seed + " round " + round + " " + q + " size " + size + " at " + offset;
            StoryCollapse.Found found =
                StoryCollapse.search(
                    searcher,
                    q,
                    ords,
                    ArticleSearch.sortOf(SortOrder.RELEVANCE),
                    null,
                    offset + size + 1,
                    true,
                    null);
            StoryCollapse.Page page =
                StoryCollapse.page(
                    reader,
                    ords,
                    found,
                    SortOrder.RELEVANCE,
                    null,
                    offset,
                    size,
                    (value, date, id) ->
                        new Cursor(SortOrder.RELEVANCE, "f", false, value, date, id));
            List<Integer> want =
                expected.subList(
                    Math.min(offset, expected.size()), Math.min(offset + size, expected.size()));
            List<Integer> got = new ArrayList<>();
            checkShown(page, all, ofDoc, true, c, got);
            assertThat(got).as(c).containsExactlyElementsOf(want);
            if (found.exact()) {
              assertThat(page.stories()).as(c).isEqualTo(expected.size());
              assertThat(page.articles()).as(c).isEqualTo(all.size);
            } else {
              assertThat(all.size).as(c).isGreaterThan(ArticleSearch.EXACT_TOTAL_UP_TO);
              assertThat(page.stories())
                  .as(c)
                  .isLessThanOrEqualTo(expected.size())
                  .isGreaterThanOrEqualTo(Math.min(expected.size(), offset + size));
              assertThat(page.articles())
                  .as(c)
                  .isLessThanOrEqualTo(all.size)
                  .isGreaterThan(ArticleSearch.EXACT_TOTAL_UP_TO);
            }
            if (found.skipped != null) {
              skipped++;
              // What the floor may reach: the last head the page needs scores at least that much
              // of its story's best copy, and every copy at or above it must be seen.
              int last = expected.get(Math.min(expected.size(), offset + size + 1) - 1);
              float needed = all.scores[indexOf(all, last)] * (1 - StoryCollapse.SCORE_TIE);
              assertThat(found.skipped.floor()).as(c).isLessThanOrEqualTo(needed);
            }
          }
        }
      }
    }
    // The pass must actually skip for this test to test it.
    assertThat(skipped).as("seed " + seed + ": first pages that skipped").isGreaterThan(10);
  }

  /**
   * A random article: most in one of {@code storyCount} stories (some in none), most dated within
   * 20 days (ties on the date are common), ids that sort in no particular order.
   */
  private static Article article(Random random, int d, int storyCount) {
    String story = random.nextInt(8) == 0 ? null : "s" + random.nextInt(storyCount);
    PublicationDate date =
        random.nextInt(6) == 0
            ? null
            : PublicationDate.ofDay(LocalDate.of(2024, 1, 1).plusDays(random.nextInt(20)));
    return new Article(
        String.format("a%04d", random.nextInt(10_000)) + "-" + d,
        null,
        "t",
        body(random),
        List.of(),
        date,
        SOURCES[random.nextInt(SOURCES.length)],
        List.of(),
        null,
        story);
  }

  private static final String[] WORDS = {"harbour", "quay", "storm", "mayor", "ferry"};

  /** A few words of a small vocabulary: term frequencies and lengths vary, so scores do. */
  private static String body(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int w = 0; w < n; w++) b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    return b.toString();
  }

  private static void check(
      DirectoryReader reader, List<Article> articles, Random random, String context)
      throws Exception {
    Map<String, Article> byId = new HashMap<>();
    for (Article a : articles) byId.put(a.id(), a);
    StoryCollapse.Ordinals ords = new StoryCollapse.Ordinals(reader);
    IndexSearcher searcher = new IndexSearcher(reader);
    StoryCollapse.Matches all =
        searcher.search(MatchAllDocsQuery.INSTANCE, StoryCollapse.collector(ords, false));
    Article[] ofDoc = new Article[reader.maxDoc()];
    var stored = reader.storedFields();
    for (int d = 0; d < reader.maxDoc(); d++)
      ofDoc[d] = byId.get(stored.document(d).get(Schema.ID));
    for (int trial = 0; trial < 4; trial++) {
      checkSearch(reader, ords, ofDoc, random, context + " trial " + trial);
    }
    for (int trial = 0; trial < 6; trial++) {
      // A random subset of the matches, in document order, with scores that often tie.
      StoryCollapse.Matches m = new StoryCollapse.Matches();
      float[] levels = {1f, 2f, 2.05f, 1.97f, 3f, 0.5f};
      int keep = random.nextInt(4);
      for (int i = 0; i < all.size; i++) {
        if (keep > 0 && random.nextInt(keep + 1) == 0) continue;
        float score =
            random.nextBoolean()
                ? levels[random.nextInt(levels.length)]
                : 1 + random.nextInt(1000) / 100f;
        m.add(all.docs[i], score, all.keys[i], all.dates[i]);
      }
      SortOrder order =
          List.of(SortOrder.RELEVANCE, SortOrder.NEWEST, SortOrder.OLDEST).get(random.nextInt(3));
      if (order != SortOrder.RELEVANCE) java.util.Arrays.fill(m.scores, 0, m.size, 0f);
      List<Integer> expected = reference(m, ofDoc, order);
      int size = random.nextInt(8);
      int offset = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
      // Page through with cursors (offset on the first page only), as the API does.
      List<Integer> got = new ArrayList<>();
      Cursor cursor = null;
      String c = context + " trial " + trial + " " + order + " size " + size + " offset " + offset;
      for (int pageNo = 0; pageNo < 400; pageNo++) {
        int off = cursor == null ? offset : 0;
        StoryCollapse.Page page =
            StoryCollapse.page(
                reader,
                ords,
                m,
                order,
                cursor,
                off,
                size,
                (value, date, id) -> new Cursor(order, "f", false, value, date, id));
        assertThat(page.stories()).as(c).isEqualTo(expected.size());
        assertThat(page.articles()).as(c).isEqualTo(m.size);
        for (int p = 0; p < page.docs().length; p++) {
          int doc = page.docs()[p];
          got.add(doc);
          String story = ofDoc[doc].storyId();
          List<Integer> copies = copies(m, ofDoc, story);
          assertThat(page.sizes()[p]).as(c).isEqualTo(copies.size());
          TreeSet<String> sources = new TreeSet<>();
          for (int i : copies) sources.add(ofDoc[m.docs[i]].source());
          assertThat(page.sources().get(p)).as(c).containsExactlyElementsOf(sources);
        }
        cursor = page.cursorAfter();
        if (cursor == null || size == 0) break;
      }
      if (size == 0) continue;
      List<Integer> want = expected.subList(Math.min(offset, expected.size()), expected.size());
      assertThat(got).as(c).containsExactlyElementsOf(want);
    }
  }

  /**
   * {@link StoryCollapse#search} (singles ranked by Lucene's collector, copies kept apart; with
   * facets in one pass or bare in three) pages as the plain grouping of every match does.
   */
  private static void checkSearch(
      DirectoryReader reader,
      StoryCollapse.Ordinals ords,
      Article[] ofDoc,
      Random random,
      String context)
      throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    SortOrder order =
        List.of(SortOrder.RELEVANCE, SortOrder.NEWEST, SortOrder.OLDEST).get(random.nextInt(3));
    boolean relevance = order == SortOrder.RELEVANCE;
    Query query =
        random.nextInt(4) == 0
            ? MatchAllDocsQuery.INSTANCE
            : new TermQuery(new Term(Schema.BODY, WORDS[random.nextInt(WORDS.length)]));
    StoryCollapse.Matches all = searcher.search(query, StoryCollapse.collector(ords, relevance));
    List<Integer> expected = reference(all, ofDoc, order);
    boolean facets = random.nextBoolean();
    int size = 1 + random.nextInt(6);
    int offset = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
    String c =
        context
            + " search "
            + query
            + " "
            + order
            + " facets "
            + facets
            + " size "
            + size
            + " offset "
            + offset;
    List<Integer> got = new ArrayList<>();
    Cursor cursor = null;
    for (int pageNo = 0; pageNo < 400; pageNo++) {
      int off = cursor == null ? offset : 0;
      StoryCollapse.Found found =
          StoryCollapse.search(
              searcher,
              query,
              ords,
              ArticleSearch.sortOf(order),
              cursor == null ? null : ArticleSearch.afterDoc(cursor),
              off + size + 1,
              relevance,
              facets ? new FacetTally(java.util.List.of()) : null);
      StoryCollapse.Page page =
          StoryCollapse.page(
              reader,
              ords,
              found,
              order,
              cursor,
              off,
              size,
              (value, date, id) -> new Cursor(order, "f", false, value, date, id));
      assertThat(page.stories()).as(c).isEqualTo(expected.size());
      assertThat(page.articles()).as(c).isEqualTo(all.size);
      checkShown(page, all, ofDoc, relevance, c, got);
      cursor = page.cursorAfter();
      if (cursor == null) break;
    }
    List<Integer> want = expected.subList(Math.min(offset, expected.size()), expected.size());
    assertThat(got).as(c).containsExactlyElementsOf(want);
  }

  /**
   * Each story on {@code page}: its size and sources are those of its copies among {@code all}
   * (every match), and with {@code scores} its score is its shown copy's; the shown copies are
   * added to {@code got}, in page order.
   */
  private static void checkShown(
      StoryCollapse.Page page,
      StoryCollapse.Matches all,
      Article[] ofDoc,
      boolean scores,
      String c,
      List<Integer> got) {
    for (int p = 0; p < page.docs().length; p++) {
      int doc = page.docs()[p];
      got.add(doc);
      List<Integer> copies = copies(all, ofDoc, ofDoc[doc].storyId());
      assertThat(page.sizes()[p]).as(c).isEqualTo(copies.size());
      TreeSet<String> sources = new TreeSet<>();
      for (int i : copies) sources.add(ofDoc[all.docs[i]].source());
      assertThat(page.sources().get(p)).as(c).containsExactlyElementsOf(sources);
      if (scores) assertThat(page.scores()[p]).as(c).isEqualTo(all.scores[indexOf(all, doc)]);
    }
  }

  private static int indexOf(StoryCollapse.Matches m, int doc) {
    for (int i = 0; i < m.size; i++) if (m.docs[i] == doc) return i;
    throw new AssertionError("not a match: " + doc);
  }

  private static List<Integer> copies(StoryCollapse.Matches m, Article[] ofDoc, String story) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < m.size; i++) if (ofDoc[m.docs[i]].storyId().equals(story)) out.add(i);
    return out;
  }

  /** Every story's head (as a document), in the uncollapsed order. */
  private static List<Integer> reference(
      StoryCollapse.Matches m, Article[] ofDoc, SortOrder order) {
    Map<String, List<Integer>> stories = new HashMap<>();
    for (int i = 0; i < m.size; i++) {
      stories.computeIfAbsent(ofDoc[m.docs[i]].storyId(), k -> new ArrayList<>()).add(i);
    }
    Comparator<Integer> inOrder = inOrder(m, ofDoc, order);
    List<Integer> heads = new ArrayList<>();
    for (List<Integer> copies : stories.values()) {
      if (order != SortOrder.RELEVANCE) {
        heads.add(copies.stream().min(inOrder).orElseThrow());
        continue;
      }
      float best = Float.NEGATIVE_INFINITY;
      for (int i : copies) best = Math.max(best, m.scores[i]);
      float floor = best - Math.abs(best) * StoryCollapse.SCORE_TIE;
      heads.add(
          copies.stream()
              .filter(i -> m.scores[i] >= floor)
              .min(
                  Comparator.<Integer>comparingLong(i -> earliest(ofDoc[m.docs[i]]))
                      .thenComparingDouble(i -> -m.scores[i])
                      .thenComparing(i -> ofDoc[m.docs[i]].id()))
              .orElseThrow());
    }
    heads.sort(inOrder);
    return heads.stream().map(i -> m.docs[i]).toList();
  }

  private static long earliest(Article a) {
    return a.date() == null ? Long.MAX_VALUE : a.date().epochMillis();
  }

  private static Comparator<Integer> inOrder(
      StoryCollapse.Matches m, Article[] ofDoc, SortOrder order) {
    Comparator<Integer> byDate =
        Comparator.comparingLong(
            i -> {
              Article a = ofDoc[m.docs[i]];
              if (a.date() != null) return a.date().epochMillis();
              return order == SortOrder.OLDEST ? Long.MAX_VALUE : Long.MIN_VALUE;
            });
    Comparator<Integer> first =
        switch (order) {
          case RELEVANCE ->
              Comparator.<Integer>comparingDouble(i -> -m.scores[i])
                  .thenComparing(byDate.reversed());
          case NEWEST -> byDate.reversed();
          case OLDEST -> byDate;
        };
    return first.thenComparing(i -> ofDoc[m.docs[i]].id());
  }
}
