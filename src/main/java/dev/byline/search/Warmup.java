package dev.byline.search;

import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm-up searches for a freshly started server, as Solr's firstSearcher listener runs them: a fresh
 * JVM runs Byline's search code interpreted until the JIT has compiled it. The searches are made
 * from the index's own words (the most frequent body terms): single words, AND and OR pairs, a
 * phrase, a prefix, a misspelling, a filtered search, each in Lucene syntax and the search box's,
 * with facets and snippets, as a page asks for them; in the search box's syntax also a plain
 * misspelling, a rare word (both make "did you mean" look for a correction) and four words; and
 * suggestions of a word's first letters. Searches ask for {@code cache=false}: a warm-up answered
 * from the result cache would warm nothing.
 * They are requests (path and query string): the server sends them to itself over HTTP, so that
 * what gets compiled is the whole path of a request (Jetty, routing, parsing, the search, the
 * JSON), not the search alone.
 *
 * <p>{@link #run} sends them on a few threads until its budget is spent or, sooner, once the JIT
 * compiler has gone quiet: it has spent less than {@value #QUIET_SHARE_PERCENT}% of the last
 * {@value #QUIET_WINDOW_MS} ms compiling (after at least {@value #MIN_MS} ms of warm-up), which
 * is when the code the searches need has been compiled. A request that fails is counted and
 * skipped; the warm-up never throws.
 */
public final class Warmup {
  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  /** Indexes smaller than this are not warmed: they answer quickly before anything is compiled. */
  public static final int MIN_ARTICLES = 1_000;

  /** The window over which the compiler's activity is read. */
  static final long QUIET_WINDOW_MS = 2_000;

  /** Quiet: compiling for less than this share of the window. */
  static final long QUIET_SHARE_PERCENT = 10;

  /** The warm-up runs at least this long before it may end for quiet. */
  static final long MIN_MS = 3_000;

  private Warmup() {}

  /** How many requests ran, how many failed, for how long, and whether it ended for quiet. */
  public record Result(int searches, int failures, long millis, boolean quiet) {
    static final Result NONE = new Result(0, 0, 0, false);
  }

  /** Sends one warm-up request; anything it throws counts as a failure. */
  @FunctionalInterface
  public interface Sender {
    /** Sends {@code pathAndQuery} (e.g. {@code /api/search?q=x}) and reads the whole answer. */
    void send(String pathAndQuery) throws Exception;
  }

  /**
   * Sends {@code requests} round-robin through {@code sender} on {@code threads} threads until
   * {@code budgetMillis} has passed or the compiler has gone quiet (read from {@code
   * compileMillis}, the JVM's total compilation time so far, ms), or the calling thread is
   * interrupted (it returns then without waiting for them); each thread stops after the request it
   * is in. Never throws.
   */
  public static Result run(
      Sender sender,
      List<String> requests,
      long budgetMillis,
      int threads,
      LongSupplier compileMillis) {
    long start = System.nanoTime();
    if (requests.isEmpty() || budgetMillis <= 0) return Result.NONE;
    // Loads the English dictionary (about 0.4 s) and runs its first, slowest respelling now, not
    // in a reader's first misspelled search.
    EnglishWords.respellings("wram");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger searches = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t * requests.size() / threads;
      running.add(
          Thread.ofPlatform()
              .name("byline-warmup-" + t)
              .daemon(true)
              .start(
                  () -> {
                    for (int i = offset; !stop.get(); i++) {
                      String request = requests.get(i % requests.size());
                      searches.incrementAndGet();
                      try {
                        sender.send(request);
                      } catch (Exception e) {
                        if (failures.incrementAndGet() == 1)
                          log.debug("warm-up request {} failed: {}", request, e.toString());
                      }
                    }
                  }));
    }
    boolean quiet = false;
    try {
      quiet = awaitQuietOrBudget(start, budgetMillis, compileMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stop.set(true);
    }
    for (Thread t : running) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Result r =
        new Result(
            searches.get(),
            failures.get(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            quiet);
    log.info(
        "warmed up with {} requests ({} failed) in {} ms ({})",
        r.searches(),
        r.failures(),
        r.millis(),
        quiet ? "the JIT compiler had gone quiet" : "the budget was spent");
    return r;
  }

  /**
   * Waits until {@code budgetMillis} from {@code start} or until the compiler has gone quiet; true
   * for quiet.
   */
  private static boolean awaitQuietOrBudget(
      long start, long budgetMillis, LongSupplier compileMillis) throws InterruptedException {
    long step = 250;
    // Compilation time at each step, the newest last: the window is their first and last.
    java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();
    long stepsPerWindow = QUIET_WINDOW_MS / step;
    while (true) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (elapsed >= budgetMillis) return false;
      window.addLast(compileMillis.getAsLong());
      if (window.size() > stepsPerWindow + 1) window.removeFirst();
      if (elapsed >= MIN_MS
          && window.size() == stepsPerWindow + 1
          && (window.getLast() - window.getFirst()) * 100 < QUIET_SHARE_PERCENT * QUIET_WINDOW_MS)
        return true;
      Thread.sleep(Math.min(step, budgetMillis - elapsed));
    }
  }

  /**
   * The warm-up requests for {@code searcher}'s view (path and query string, encoded), or none for
   * an index of fewer than {@value #MIN_ARTICLES} articles.
   */
  public static List<String> requests(ArticleSearcher searcher) throws IOException {
    if (searcher.getIndexReader().numDocs() < MIN_ARTICLES) return List.of();
    // One pass over the body's dictionary for the frequent words (a large index has millions).
    List<String> frequent = frequentWords(searcher, Schema.BODY, 40);
    List<String> out = new ArrayList<>();
    for (Map<String, List<String>> p : searches(searcher, frequent))
      out.add(path("/api/search", p));
    for (String word : frequent.subList(0, Math.min(8, frequent.size()))) {
      for (int n = 1; n <= Math.min(4, word.length()); n++)
        out.add(path("/api/suggest", Map.of("q", List.of(word.substring(0, n)))));
    }
    return out;
  }

  private static String path(String route, Map<String, List<String>> params) {
    StringBuilder s = new StringBuilder(route);
    char sep = '?';
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      for (String v : e.getValue()) {
        s.append(sep)
            .append(e.getKey())
            .append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return s.toString();
  }

  /** The warm-up searches' parameters, made from {@code words} (the view's most frequent). */
  static List<Map<String, List<String>>> searches(ArticleSearcher searcher, List<String> words)
      throws IOException {
    List<String> categories = frequentWords(searcher, Schema.CATEGORY, 3);
    List<String> rare = rareWords(searcher, Schema.BODY, 10);
    List<Map<String, List<String>>> out = new ArrayList<>();
    if (words.size() < 4) return out;
    for (int i = 0; i + 3 < words.size(); i += 4) {
      String a = words.get(i);
      String b = words.get(i + 1);
      String c = words.get(i + 2);
      String d = words.get(i + 3);
      List<String> queries =
          List.of(
              a,
              b + " AND " + c,
              c + " OR " + d,
              "\"" + a + " " + b + "\"",
              (d.length() > 3 ? d.substring(0, 3) : d) + "*",
              misspell(c) + "~1");
      for (String q : queries) {
        out.add(params(q, "lucene", null));
        out.add(params(q.replace(" AND ", " ").replace(" OR ", " "), null, null));
      }
      if (!categories.isEmpty())
        out.add(params(a, "lucene", categories.get(i / 4 % categories.size())));
      // The search box's own paths: a misspelling and a rare word find few articles, so "did you
      // mean" looks for a correction; four words make it choose which must match.
      out.add(params(misspell(c), null, null));
      if (!rare.isEmpty()) out.add(params(rare.get(i / 4 % rare.size()), null, null));
      out.add(params(a + " " + b + " " + c + " " + d, null, null));
    }
    return out;
  }

  /**
   * Up to {@code n} terms of {@code field} in two or three articles (of the largest segment), spread
   * over the dictionary.
   */
  private static List<String> rareWords(ArticleSearcher searcher, String field, int n)
      throws IOException {
    Terms terms = largestTerms(searcher, field);
    List<String> found = new ArrayList<>();
    if (terms == null) return found;
    TermsEnum it = terms.iterator();
    for (BytesRef t = it.next(); t != null && found.size() < 50 * n; t = it.next()) {
      int df = it.docFreq();
      String term = t.utf8ToString();
      if (df >= 2 && df <= 3 && term.length() >= 4 && term.chars().allMatch(Character::isLetter))
        found.add(term);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && i < found.size(); i++) out.add(found.get(i * found.size() / n));
    return out;
  }

  /** The terms of {@code field} in the view's largest segment, or null. */
  private static Terms largestTerms(ArticleSearcher searcher, String field) throws IOException {
    LeafReaderContext largest = null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      if (largest == null || leaf.reader().maxDoc() > largest.reader().maxDoc()) largest = leaf;
    }
    return largest == null ? null : largest.reader().terms(field);
  }

  private static Map<String, List<String>> params(String q, String syntax, String category) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("q", List.of(q));
    if (syntax != null) p.put("syntax", List.of(syntax));
    p.put("facets", List.of("true"));
    p.put("snippets", List.of("true"));
    // A warm-up answered from the result cache would warm nothing.
    p.put("cache", List.of("false"));
    if (category != null) {
      p.put("category", List.of(category));
      p.put("from", List.of("2000-01-01"));
      p.put("to", List.of("2030-12-31"));
    }
    return p;
  }

  private static String misspell(String word) {
    char[] c = word.toCharArray();
    int at = c.length / 2;
    c[at] = c[at] == 'x' ? 'q' : 'x';
    return new String(c);
  }

  /** The {@code n} terms of {@code field} in the most articles (of the largest segment). */
  private static List<String> frequentWords(ArticleSearcher searcher, String field, int n)
      throws IOException {
    List<String> out = new ArrayList<>();
    Terms terms = largestTerms(searcher, field);
    if (terms == null) return out;
    record Counted(String term, int df) {}
    PriorityQueue<Counted> top = new PriorityQueue<>(Comparator.comparingInt(Counted::df));
    TermsEnum it = terms.iterator();
    for (BytesRef t = it.next(); t != null; t = it.next()) {
      int df = it.docFreq();
      if (top.size() == n && df <= top.peek().df()) continue; // not decoded: it would not be kept
      String term = t.utf8ToString();
      // Words a reader types: letters only, long enough for a prefix.
      if (term.length() < 3 || !term.chars().allMatch(Character::isLetter)) continue;
      top.add(new Counted(term, df));
      if (top.size() > n) top.poll();
    }
    List<Counted> sorted = new ArrayList<>(top);
    sorted.sort(Comparator.comparingInt(Counted::df).reversed().thenComparing(Counted::term));
    for (Counted c : sorted) out.add(c.term());
    return out;
  }
}
