package dev.byline.index;

import dev.byline.story.StoryDetector;
import dev.byline.story.StorySignature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;

/**
 * {@code bin/byline stories}: groups every article of the index into stories again, with a given
 * threshold, without changing any story id (issue 16).
 *
 * <ol>
 *   <li>Reads every article's id, story, date and body, and signs the body ({@link
 *       StorySignature}: its LSH band keys and body hash).
 *   <li>Pairs articles that share a key (the candidates), and confirms each pair with the exact
 *       measure ({@link StoryDetector#similarity}) against the threshold.
 *   <li>Joins confirmed pairs, and articles already in one story, into groups (transitively: a
 *       story is never split). A group holding several stories becomes the story of its earliest
 *       article that has one (the original); the other ids become aliases of it ({@link
 *       StoryAliases}, committed before any article moves), so every id given still resolves.
 *       Articles without a story get their group's.
 *   <li>Moves the articles whose story changes ({@link IndexGeneration#moveToStories}), in batches,
 *       through the write path: durable, searchable, copied to a reindex in progress.
 * </ol>
 *
 * Memory: about 250 bytes per article (its 22 keys, 8 bytes each, its id and story), and the
 * shingles of the articles in candidate pairs.
 */
public final class StoryRecluster {
  /** Articles sharing one key are all paired up to this many; further ones with two of them. */
  static final int MAX_BUCKET = 64;

  private static final int BATCH = 200;

  private final ArticleIndex index;
  private final StoryDetector detector;
  private final ArticleIndex.ReclusterProgress progress;

  /**
   * What a recluster did.
   *
   * @param articles articles read
   * @param storiesBefore distinct stories before (an article without one counts as its own)
   * @param storiesAfter distinct stories after
   * @param pairs candidate pairs compared
   * @param aliases story ids that became aliases, old id to surviving id
   * @param moved articles whose story changed
   */
  public record Result(
      long articles,
      long storiesBefore,
      long storiesAfter,
      long pairs,
      Map<String, String> aliases,
      long moved) {}

  StoryRecluster(ArticleIndex index, double threshold, ArticleIndex.ReclusterProgress progress) {
    this(index, threshold, progress, () -> {});
  }

  /** As above; {@code afterPlan} runs between the plan and the recording of its aliases (tests). */
  StoryRecluster(
      ArticleIndex index,
      double threshold,
      ArticleIndex.ReclusterProgress progress,
      IndexTask afterPlan) {
    this.index = index;
    this.detector = new StoryDetector(threshold);
    this.progress = progress;
    this.afterPlan = afterPlan;
  }

  /** Work on the index that may fail with an I/O error. */
  @FunctionalInterface
  interface IndexTask {
    void run() throws IOException;
  }

  private final IndexTask afterPlan;

  /** The articles read: parallel arrays by article number. */
  private String[] ids;

  private String[] stories; // stored story, or null
  private long[] dates; // Long.MAX_VALUE when undated: the earliest is the original
  private int[] docs;
  private int[] parent; // union-find

  Result run() throws IOException {
    Plan plan =
        index.withSearcher(
            searcher -> {
              long[] keys = read(searcher);
              long[] pairs = pairs(keys);
              confirm(searcher.storedFields(), pairs);
              return plan(pairs.length);
            });
    afterPlan.run();
    index.addStoryAliases(plan.aliases);
    progress.step("moving articles", plan.moves.size());
    long moved = 0;
    for (int from = 0; from < plan.moves.size(); from += BATCH) {
      moved +=
          index.moveToStories(plan.moves.subList(from, Math.min(plan.moves.size(), from + BATCH)));
      progress.done(Math.min(plan.moves.size(), from + BATCH));
    }
    // Articles written into a merged story after the plan was read: the plan could not see them.
    moved += index.moveOutOfAliases(plan.aliases.keySet());
    return new Result(
        ids.length, plan.storiesBefore, plan.storiesAfter, plan.pairs, plan.aliases, moved);
  }

  /** Reads every live article; returns its keys, each packed with its article number. */
  private long[] read(ArticleSearcher searcher) throws IOException {
    int n = searcher.getIndexReader().numDocs();
    progress.step("reading articles", n);
    ids = new String[n];
    stories = new String[n];
    dates = new long[n];
    docs = new int[n];
    int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(n)); // for the article number
    long[] keys = new long[n * (StorySignature.BANDS + 1)];
    int k = 0;
    int a = 0;
    StoredFields stored = searcher.storedFields();
    Set<String> fields = Set.of(Schema.ID, Schema.STORY, Schema.BODY);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues date = DocValues.getNumeric(leaf.reader(), Schema.DATE);
      for (int d = 0; d < leaf.reader().maxDoc() && a < n; d++) {
        if (live != null && !live.get(d)) continue;
        Document doc = stored.document(leaf.docBase + d, fields);
        ids[a] = doc.get(Schema.ID);
        stories[a] = doc.get(Schema.STORY);
        dates[a] = date.advanceExact(d) ? date.longValue() : Long.MAX_VALUE;
        docs[a] = leaf.docBase + d;
        StorySignature signature = StorySignature.of(doc.get(Schema.BODY));
        // A key's hash keeps its top bits; the low ones hold the article. Two keys whose top bits
        // collide only make a false candidate, which the exact measure turns down.
        keys[k++] = pack(hash("h:" + signature.bodyHash()), a, bits);
        for (long key : signature.bandKeys()) keys[k++] = pack(key, a, bits);
        a++;
        if (a % 1_000 == 0) progress.done(a);
      }
    }
    progress.done(a);
    if (a < n) { // numDocs counted what the loop read; a shortfall would be a bug
      throw new IllegalStateException("read " + a + " of " + n + " articles");
    }
    parent = new int[n];
    for (int i = 0; i < n; i++) parent[i] = i;
    keys = Arrays.copyOf(keys, k);
    Arrays.sort(keys);
    articleBits = bits;
    return keys;
  }

  private int articleBits;

  private static long pack(long hash, int article, int bits) {
    return (hash >>> bits << bits) | article;
  }

  private static long hash(String s) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x1000_0000_01B3L;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    return h ^ (h >>> 33);
  }

  /** The distinct pairs of articles sharing a key (article numbers packed in a long, sorted). */
  private long[] pairs(long[] keys) {
    for (int start = 0; start < keys.length; ) {
      long key = keys[start] >>> articleBits;
      int end = start + 1;
      while (end < keys.length && keys[end] >>> articleBits == key) end++;
      int full = start + Math.min(end - start, MAX_BUCKET);
      for (int i = start; i < end; i++) {
        if (i < full) {
          for (int j = i + 1; j < full; j++) pair(keys[i], keys[j]);
        } else {
          // Beyond the first MAX_BUCKET (thousands of copies of one body), each article is paired
          // with the first and with its neighbour only, so the pairs stay linear in them.
          pair(keys[i], keys[start]);
          pair(keys[i], keys[i - 1]);
        }
      }
      start = end;
    }
    long[] sorted = Arrays.copyOf(pairs, pairCount);
    pairs = null;
    Arrays.sort(sorted);
    int unique = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) sorted[unique++] = sorted[i];
    }
    return Arrays.copyOf(sorted, unique);
  }

  private long[] pairs = new long[1024];
  private int pairCount;

  private void pair(long keyA, long keyB) {
    long mask = (1L << articleBits) - 1;
    int x = (int) (keyA & mask);
    int y = (int) (keyB & mask);
    if (x == y) return;
    if (pairCount == pairs.length) pairs = Arrays.copyOf(pairs, pairCount * 2);
    pairs[pairCount++] = ((long) Math.min(x, y) << 32) | Math.max(x, y);
  }

  /** Joins articles of one story, then confirmed pairs. */
  private void confirm(StoredFields stored, long[] pairs) throws IOException {
    Map<String, Integer> firstOf = new HashMap<>();
    for (int a = 0; a < ids.length; a++) {
      if (stories[a] == null) continue;
      Integer first = firstOf.putIfAbsent(stories[a], a);
      if (first != null) union(first, a);
    }
    progress.step("comparing candidate pairs", pairs.length);
    Map<Integer, StorySignature> signed = new HashMap<>();
    for (int p = 0; p < pairs.length; p++) {
      int x = (int) (pairs[p] >>> 32);
      int y = (int) pairs[p];
      if (find(x) != find(y)) {
        double similarity =
            StoryDetector.similarity(signature(stored, signed, x), signature(stored, signed, y));
        if (similarity >= detector.threshold()) union(x, y);
      }
      if (p % 1_000 == 0) progress.done(p);
    }
    progress.done(pairs.length);
  }

  private StorySignature signature(StoredFields stored, Map<Integer, StorySignature> signed, int a)
      throws IOException {
    StorySignature known = signed.get(a);
    if (known != null) return known;
    String body = stored.document(docs[a], Set.of(Schema.BODY)).get(Schema.BODY);
    StorySignature s = StorySignature.forComparison(body == null ? "" : body);
    signed.put(a, s);
    return s;
  }

  private int find(int a) {
    while (parent[a] != a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  }

  private void union(int a, int b) {
    int x = find(a);
    int y = find(b);
    if (x != y) parent[Math.max(x, y)] = Math.min(x, y);
  }

  private record Plan(
      Map<String, String> aliases,
      List<IndexGeneration.Move> moves,
      long storiesBefore,
      long storiesAfter,
      long pairs) {}

  /** Each group's story, the aliases it makes and the articles to move. */
  private Plan plan(long pairs) {
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int a = 0; a < ids.length; a++)
      groups.computeIfAbsent(find(a), g -> new ArrayList<>()).add(a);
    Set<String> before = new HashSet<>();
    Set<String> names = new HashSet<>(); // story ids in use: a new story must not take one
    for (int a = 0; a < ids.length; a++) {
      before.add(stories[a] != null ? stories[a] : ids[a]);
      if (stories[a] != null) names.add(stories[a]);
    }
    names.addAll(index.storyAliases().keySet());
    Set<String> given = Set.copyOf(names); // ids already given to a story (stored or aliased)
    Map<String, String> aliases = new java.util.TreeMap<>();
    List<IndexGeneration.Move> moves = new ArrayList<>();
    for (List<Integer> members : groups.values()) {
      members.sort(
          (x, y) -> {
            int c = Long.compare(dates[x], dates[y]);
            return c != 0 ? c : ids[x].compareTo(ids[y]);
          });
      String survivor = null;
      for (int a : members) {
        if (stories[a] != null) {
          survivor = stories[a];
          break;
        }
      }
      if (survivor
          == null) { // no article has a story yet: named after the earliest, as new ones are
        String id = ids[members.get(0)];
        survivor = id;
        for (int n = 2; names.contains(survivor); n++) survivor = id + "~" + n;
        names.add(survivor);
      }
      for (int a : members) {
        // An article without a story was shown as a story of its own, under its id.
        // An id that names another story already is that story's, not this article's.
        String shown = stories[a] != null ? stories[a] : ids[a];
        if (!shown.equals(survivor) && (stories[a] != null || !given.contains(shown))) {
          aliases.put(shown, survivor);
        }
        if (!survivor.equals(stories[a])) {
          moves.add(new IndexGeneration.Move(ids[a], stories[a], survivor));
        }
      }
    }
    return new Plan(aliases, moves, before.size(), groups.size(), pairs);
  }
}
