package dev.byline.index;

import dev.byline.article.Article;
import dev.byline.story.StoryDetector;
import dev.byline.story.StoryDetector.Candidate;
import dev.byline.story.StorySignature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * One generation's story assignment (issue 16): which story each article written joins. The
 * generation calls {@link #place} before the article's Lucene update and then {@link #written}
 * once the update has returned (or {@link #abandoned} if it failed). Placements are one at a time,
 * and an article placed counts as a candidate from then on, so two near-duplicates written at once
 * (in one batch or by two requests) see each other: the later one joins the earlier one's story.
 * The updates themselves run in parallel: only the placement is serialized.
 *
 * <p>Candidates come from three places: the current searcher (a term query on {@link
 * Schema#STORY_KEYS}, bodies re-read from the stored text of the few found), the articles placed
 * whose update has not returned yet ("in flight"), and the articles written since the last
 * refresh, which no searcher shows yet; those are kept here, with their signatures, until a
 * refresh shows them (a {@link ReferenceManager.RefreshListener}, as Lucene's {@code
 * LiveFieldValues} does for values: an article moves from in flight to written only after its
 * update returned, so a refresh that begins after that move shows it). The kept ones are always
 * read before a searcher is acquired, so an article is never in neither.
 *
 * <p>A story id, once given, never changes: an update keeps the article's story, a deletion
 * leaves the story to the others. A new story is named after the article that starts it (its id,
 * with {@code ~2}, {@code ~3}... if a story of that name exists already, as when that article was
 * deleted and its id reused).
 */
final class Stories implements ReferenceManager.RefreshListener {
  private final StoryDetector detector;
  private final Searchers searchers;

  /** Written since the refresh began (current) and before it (old); guarded by this. */
  private Pending current = new Pending();

  /** Placed, their update not yet returned; kept across refreshes; guarded by this. */
  private final Pending inFlight = new Pending();

  private Pending old = new Pending();

  /** Merged stories: an article joining one joins where it went; their ids are never reused. */
  private final StoryAliases aliases;

  Stories(StoryDetector detector, Searchers searchers, StoryAliases aliases) {
    this.detector = detector;
    this.searchers = searchers;
    this.aliases = aliases;
  }

  /**
   * Held around a placement: one at a time, each seeing the ones before it. Not the monitor of
   * the kept articles, so that a refresh never waits for a placement.
   */
  private final Object placeLock = new Object();

  /** The story keys' and the stories' terms of each segment, reused by placements; placeLock. */
  private final SegmentTermsEnums keyTerms = new SegmentTermsEnums(Schema.STORY_KEYS);

  private final SegmentTermsEnums storyTerms = new SegmentTermsEnums(Schema.STORY);

  /**
   * {@code article} with its story: as it is if it has one (a copy or a replay), else the story it
   * had if it {@code existed} (an update), else the story of its best confirmed near-duplicate,
   * else a new one. The placed article is a candidate from now on (in flight): the caller must
   * follow with {@link #written} once its update returned, or {@link #abandoned}. The caller holds
   * the id's lock, so no other write of the id is in flight.
   */
  Article place(Article article, StorySignature signature, boolean existed) throws IOException {
    synchronized (placeLock) {
      List<BytesRef> keys = Pending.keys(signature); // made once, kept with the article
      Article placed = storyFor(article, signature, keys, existed);
      synchronized (this) {
        inFlight.add(new Candidate(placed.id(), placed.story(), signature), keys);
      }
      return placed;
    }
  }

  private Article storyFor(
      Article article, StorySignature signature, List<BytesRef> keys, boolean existed)
      throws IOException {
    if (article.story() != null) return article;
    if (existed) {
      String story = storyOf(article.id());
      if (story != null) return article.withStory(aliases.resolve(story));
    }
    StoryDetector.Match match =
        detector.detect(
            signature,
            (sig, max) -> candidates(article.id(), sig, sig == signature ? keys : null, max));
    return article.withStory(
        match != null ? aliases.resolve(match.candidate().story()) : newStory(article.id()));
  }

  /**
   * Records a written article until a refresh shows it: call once its Lucene update returned and
   * the searchers know it exists (after {@link #place}, or for a rewrite that keeps the story,
   * without).
   */
  synchronized void written(Article placed, StorySignature signature) {
    Pending.Kept flown = inFlight.remove(placed.id());
    List<BytesRef> keys =
        flown != null && flown.candidate().signature() == signature
            ? flown.keys()
            : Pending.keys(signature);
    current.add(new Candidate(placed.id(), placed.story(), signature), keys);
    notifyAll(); // awaitPlacements
  }

  /**
   * Waits until every placement made so far has been {@link #written} or {@link #abandoned}: after
   * it, an article placed before (say, into a story that has just become an alias) is in the
   * index, and one placed from now on sees what changed before the call.
   *
   * @return false if some were still in flight after {@code millis}
   */
  boolean awaitPlacements(long millis) throws InterruptedException {
    Set<String> placed;
    synchronized (placeLock) { // no placement half done
      synchronized (this) {
        placed = new HashSet<>(inFlight.byId.keySet());
      }
    }
    long until = System.nanoTime() + millis * 1_000_000;
    synchronized (this) {
      while (placed.stream().anyMatch(inFlight.byId::containsKey)) {
        long left = (until - System.nanoTime()) / 1_000_000;
        if (left <= 0) return false;
        wait(Math.min(left, 50));
      }
    }
    return true;
  }

  /** Forgets an article {@link #place placed} whose update failed. */
  synchronized void abandoned(String id) {
    inFlight.remove(id);
    notifyAll(); // awaitPlacements
  }

  private String storyOf(String id) throws IOException {
    synchronized (this) {
      Pending.Kept pending = inFlight.byId.get(id);
      if (pending == null) pending = current.byId.get(id);
      if (pending == null) pending = old.byId.get(id);
      if (pending != null) return pending.candidate().story();
    }
    return searchers.withSearcher(
        searcher -> {
          ScoreDoc[] hits = searcher.search(new TermQuery(Schema.idTerm(id)), 1).scoreDocs;
          if (hits.length == 0) return null;
          return searcher
              .storedFields()
              .document(hits[0].doc, Set.of(Schema.STORY))
              .get(Schema.STORY);
        });
  }

  private List<Candidate> candidates(
      String self, StorySignature signature, List<BytesRef> known, int max) throws IOException {
    List<BytesRef> keys = known != null ? known : Pending.keys(signature);
    BytesRef exact = keys.get(0);
    // Pending and indexed candidates compete on one scale: shared band keys, an exact copy first.
    Map<String, Scored> found = new HashMap<>();
    Set<String> flying;
    synchronized (this) {
      flying = new HashSet<>(inFlight.byId.keySet());
      // Newest last, so that the newer version of an id wins.
      Map<BytesRef, Integer> read = new HashMap<>(); // per key, across the three
      for (Pending p : List.of(old, current, inFlight)) {
        Map<Candidate, Integer> shared = new HashMap<>();
        for (BytesRef key : keys) {
          int weight = key.equals(exact) ? EXACT : 1;
          Candidate alone = p.alone.get(key);
          if (alone != null) {
            if (read.merge(key, 1, Integer::sum) <= POSTINGS_PER_KEY)
              shared.merge(alone, weight, Integer::sum);
            continue;
          }
          Set<Candidate> crowd = p.crowded.get(key);
          if (crowd == null) continue;
          for (Candidate c : crowd) {
            if (read.merge(key, 1, Integer::sum) > POSTINGS_PER_KEY) break;
            shared.merge(c, weight, Integer::sum);
          }
        }
        shared.forEach((c, n) -> found.put(c.id(), new Scored(c, n, PENDING, null)));
      }
    }
    found.remove(self);
    List<BytesRef> wanted = keys.stream().sorted().toList(); // one forward pass of each segment
    return searchers.withSearcher(
        searcher -> {
          Map<Integer, Integer> shared = new HashMap<>();
          int[] read = new int[wanted.size()]; // per key, across the segments
          IndexReader reader = searcher.getIndexReader();
          for (LeafReaderContext leaf : reader.leaves()) {
            TermsEnum te = keyTerms.of(reader, leaf);
            if (te == null) continue;
            Bits live = leaf.reader().getLiveDocs();
            PostingsEnum postings = null;
            for (int k = 0; k < wanted.size(); k++) {
              BytesRef key = wanted.get(k);
              if (read[k] >= POSTINGS_PER_KEY || !te.seekExact(key)) continue;
              postings = te.postings(postings, PostingsEnum.NONE);
              int weight = key.equals(exact) ? EXACT : 1;
              for (int d = postings.nextDoc();
                  d != DocIdSetIterator.NO_MORE_DOCS && read[k]++ < POSTINGS_PER_KEY;
                  d = postings.nextDoc()) {
                if (live == null || live.get(d))
                  shared.merge(leaf.docBase + d, weight, Integer::sum);
              }
            }
          }
          dropUnlikely(searcher.getIndexReader(), shared, signature.sketch());
          var stored = searcher.storedFields();
          List<Map.Entry<Integer, Integer>> best =
              shared.entrySet().stream()
                  .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
                  .limit(max + 1L)
                  .toList();
          // In document order, and each read once: neighbours share a compressed block, which
          // the reader then decompresses once (a crowded key's articles are neighbours).
          for (Map.Entry<Integer, Integer> e :
              best.stream().sorted(Map.Entry.comparingByKey()).toList()) {
            // An exact copy's body is not read (see below).
            Document doc =
                stored.document(
                    e.getKey(), e.getValue() >= EXACT ? CANDIDATE_FIELDS : WITH_BODY_FIELDS);
            String id = doc.get(Schema.ID);
            String story = doc.get(Schema.STORY);
            // A pending version of the id is newer than the searcher's.
            if (id.equals(self) || story == null || found.containsKey(id)) continue;
            String body = doc.get(Schema.BODY);
            // A large body is read again if chosen: a few of 20 MB held at once are a heap.
            found.put(
                id,
                new Scored(
                    new Candidate(id, story, null),
                    e.getValue(),
                    e.getKey(),
                    body != null && body.length() <= KEPT_BODY_CHARS ? body : null));
          }
          // A kept article deleted since it was written joins nothing (one in flight cannot have
          // been: its writer holds the id's lock, and the index does not know the id yet).
          // Asked of the best only: a crowded key brings many.
          List<Scored> top =
              found.values().stream()
                  .sorted(java.util.Comparator.comparingInt(Scored::shared).reversed())
                  .filter(
                      c ->
                          c.doc() != PENDING
                              || flying.contains(c.candidate().id())
                              || exists(c.candidate().id()))
                  .limit(max)
                  .toList();
          List<Candidate> out = new ArrayList<>(top.size());
          long charsRead = 0;
          for (Scored c : top) {
            Candidate k = c.candidate();
            if (c.doc() == PENDING) {
              out.add(k);
            } else if (c.shared() >= EXACT) {
              // The same words as the article's (its body hash): the same signature, unread.
              // Reading every exact copy of a 20 MB article to re-shingle it held them all at
              // once, and the 18th copy ran a 1 GB heap out of memory (an outside hunt).
              out.add(new Candidate(k.id(), k.story(), signature));
            } else if (charsRead < MAX_CANDIDATE_CHARS) {
              // The body of the few chosen only, one at a time: re-shingled to confirm exactly.
              String body =
                  c.body() != null
                      ? c.body()
                      : stored.document(c.doc(), BODY_FIELD).get(Schema.BODY);
              if (body == null) continue;
              charsRead += body.length();
              out.add(new Candidate(k.id(), k.story(), StorySignature.forComparison(body)));
            }
          }
          return out;
        });
  }

  /**
   * Articles read per band key (and per body hash) at most, from the kept ones and from the
   * index, oldest first. A key shared by more is a template (the same short sentence with a
   * number changed, a boilerplate body), not a story: reading all of its articles made each
   * placement cost as much as the index is large (20,000 such articles took 35 s to index, 60,000
   * took 162 s; without stories 7 s). A real copy still shares the rarer keys of its story, and an
   * exact copy is found among the first articles of its body hash; far more than {@link
   * StoryDetector#MAX_CANDIDATES}, so the cut only ever meets crowds.
   */
  static final int POSTINGS_PER_KEY = 128;

  /** What an exact copy (same body hash) counts for, against one per shared band key. */
  private static final int EXACT = 1_000;

  /**
   * Removes from {@code shared} (top-level document → weight) the candidates whose {@link
   * Schema#STORY_SKETCH} says their body is unlike the article's ({@link
   * StoryDetector#MIN_ESTIMATED_JACCARD}): a band key shared by chance, most often through
   * phrases common to many articles. Reading and re-shingling their bodies to turn them down was,
   * at 100,000 articles, as much CPU as all the keys' indexing. Exact copies and candidates
   * without a sketch stay.
   */
  private static void dropUnlikely(IndexReader reader, Map<Integer, Integer> shared, byte[] own)
      throws IOException {
    if (own.length == 0 || shared.isEmpty()) return;
    int[] docs = shared.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    List<LeafReaderContext> leaves = reader.leaves();
    BinaryDocValues sketches = null;
    int leafOrd = -1;
    for (int doc : docs) {
      if (shared.get(doc) >= EXACT) continue;
      int ord = ReaderUtil.subIndex(doc, leaves);
      if (ord != leafOrd) { // documents in order: each leaf's values read forward once
        leafOrd = ord;
        sketches = leaves.get(ord).reader().getBinaryDocValues(Schema.STORY_SKETCH);
      }
      if (sketches == null || !sketches.advanceExact(doc - leaves.get(ord).docBase)) continue;
      BytesRef value = sketches.binaryValue();
      double estimate =
          StorySignature.estimatedJaccard(own, value.bytes, value.offset, value.length);
      if (estimate >= 0 && estimate < StoryDetector.MIN_ESTIMATED_JACCARD) shared.remove(doc);
    }
  }

  private static final Set<String> CANDIDATE_FIELDS = Set.of(Schema.ID, Schema.STORY);

  private static final Set<String> BODY_FIELD = Set.of(Schema.BODY);

  private static final Set<String> WITH_BODY_FIELDS = Set.of(Schema.ID, Schema.STORY, Schema.BODY);

  /**
   * A candidate's body longer than this is not kept from the first reading, in document order
   * (which decompresses each block of neighbours once), but read again if chosen.
   */
  private static final int KEPT_BODY_CHARS = 200_000;

  /** {@link Scored#doc} of a candidate kept in memory, not read from the index. */
  private static final int PENDING = -1;

  /**
   * Characters of candidates' bodies read to confirm one placement, at most (the best candidates
   * first; the first is always read): a bound on the memory and time one write costs when its
   * near-copies are huge. A news article is a few thousand characters; this is one of the largest
   * articles accepted.
   */
  static final long MAX_CANDIDATE_CHARS = 20_000_000;

  /**
   * A candidate, the keys it shares, and, when it was read from the index, its document ({@link
   * #PENDING} for one kept here, whose signature the candidate holds already) and its body if
   * read and kept ({@link #KEPT_BODY_CHARS}; else null).
   */
  private record Scored(Candidate candidate, int shared, int doc, String body) {}

  private boolean exists(String id) {
    try {
      return searchers.exists(id);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String newStory(String id) throws IOException {
    String story = id;
    for (int n = 2; taken(story); n++) story = id + "~" + n;
    return story;
  }

  /** Whether any article has, or had, this story (a deleted one's too: ids are never reused). */
  private boolean taken(String story) throws IOException {
    if (aliases.isAlias(story)) return true;
    synchronized (this) {
      for (Pending p : List.of(old, current, inFlight)) {
        if (p.stories.contains(story)) return true;
      }
    }
    BytesRef term = new BytesRef(story);
    return searchers.withSearcher(
        searcher -> {
          IndexReader reader = searcher.getIndexReader();
          for (LeafReaderContext leaf : reader.leaves()) {
            TermsEnum te = storyTerms.of(reader, leaf);
            if (te != null && te.seekExact(term)) return true;
          }
          return false;
        });
  }

  @Override
  public synchronized void beforeRefresh() {
    old = current;
    current = new Pending();
  }

  @Override
  public synchronized void afterRefresh(boolean didRefresh) {
    old = new Pending();
  }

  /**
   * Articles kept until a searcher shows them (written in one refresh window, or in flight), by
   * id, by story key and by story. {@link #stories} may keep a story whose article was removed:
   * only {@link #taken} reads it, and a story once given stays taken.
   */
  private static final class Pending {
    /** A kept article and its {@link #keys}, made once for its stay here. */
    record Kept(Candidate candidate, List<BytesRef> keys) {}

    final Map<String, Kept> byId = new HashMap<>();

    /**
     * The one article kept with a key, for the keys that have one: almost every band key. A set
     * for each of them was about a third of what placement allocated in a bulk load (twenty-two
     * keys an article, kept until a refresh: up to ten seconds' worth when nobody searches).
     */
    final Map<BytesRef, Candidate> alone = new HashMap<>();

    /**
     * The articles of a key kept with two or more, in the order added; a set, so that removing
     * one of a crowded key's many is cheap. A key is in this map or in {@link #alone}, not both.
     */
    final Map<BytesRef, Set<Candidate>> crowded = new HashMap<>();

    final Set<String> stories = new HashSet<>();

    /** Keeps {@code c}, whose signature's {@link #keys} are {@code keys}. */
    void add(Candidate c, List<BytesRef> keys) {
      remove(c.id()); // a newer version of the id replaces the older
      byId.put(c.id(), new Kept(c, keys));
      stories.add(c.story());
      for (BytesRef key : keys) {
        Set<Candidate> crowd = crowded.get(key);
        if (crowd != null) {
          crowd.add(c);
          continue;
        }
        Candidate first = alone.putIfAbsent(key, c);
        if (first != null && !first.equals(c)) { // a second article with the key
          alone.remove(key);
          crowd = new LinkedHashSet<>();
          crowd.add(first);
          crowd.add(c);
          crowded.put(key, crowd);
        }
      }
    }

    /**
     * Removes the id's article, if kept (a look at each of its keys), and returns it, or null.
     */
    Kept remove(String id) {
      Kept k = byId.remove(id);
      if (k == null) return null;
      for (BytesRef key : k.keys()) {
        if (alone.remove(key, k.candidate())) continue;
        Set<Candidate> crowd = crowded.get(key);
        if (crowd == null) continue;
        crowd.remove(k.candidate());
        if (crowd.isEmpty()) crowded.remove(key);
      }
      return k;
    }

    /** The terms {@link Schema#STORY_KEYS} holds for a signature: the body hash's first. */
    static List<BytesRef> keys(StorySignature signature) {
      long[] bands = signature.bandKeys();
      List<BytesRef> keys = new ArrayList<>(bands.length + 1);
      keys.add(Schema.bodyHashTerm(signature.bodyHash()).bytes());
      for (long band : bands) keys.add(Schema.bandTerm(band).bytes());
      return keys;
    }
  }
}
