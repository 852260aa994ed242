package dev.byline.search;

import dev.byline.index.ArticleIndex;
import dev.byline.index.ArticleSearcher;
import dev.byline.index.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm-up searches on a freshly opened index before the server takes requests, as Solr's
 * firstSearcher listener runs them: a fresh JVM runs Byline's search code interpreted until the JIT
 * has compiled it. The searches are made from the index's own words (the most frequent body
 * terms): single words, AND and OR pairs, a phrase, a prefix, a misspelling, a filtered search, each
 * in Lucene syntax and the search box's, with facets and snippets, as a page asks for them; they
 * run on every core (up to 4) for at most the budget given.
 *
 * <p>Off by default: measured from the first request on a shared 2-core machine, a 10 s or 30 s
 * warm-up did not make a fresh server's first 30 s measurably faster (README, Benchmarks), and it
 * delays the start by its budget. {@code serve --warmup-ms} (or {@code BYLINE_WARMUP_MS}) sets a
 * budget. An index of fewer than {@value #MIN_ARTICLES} articles is not warmed: it
 * answers quickly even before the JIT has compiled anything. A search that fails is logged and
 * skipped; the warm-up never stops the server from starting.
 */
public final class Warmup {
  private static final Logger log = LoggerFactory.getLogger(Warmup.class);

  /** Indexes smaller than this are not warmed. */
  static final int MIN_ARTICLES = 1_000;

  private Warmup() {}

  /** How many searches ran, how many failed, and for how long. */
  public record Result(int searches, int failures, long millis) {}

  /**
   * Warms {@code search} up on {@code index} before a server serves it, for at most {@code budget}
   * ms (none when 0); never throws.
   */
  public static Result beforeServing(ArticleIndex index, ArticleSearch search, long budget) {
    if (budget <= 0) return new Result(0, 0, 0);
    try {
      int articles = index.withSearcher(s -> s.getIndexReader().numDocs());
      if (articles < MIN_ARTICLES) return new Result(0, 0, 0);
      List<Map<String, List<String>>> requests = index.withSearcher(Warmup::requests);
      int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
      Result r = run(search, requests, budget, threads);
      log.info(
          "warmed up with {} searches ({} failed) in {} ms",
          r.searches(),
          r.failures(),
          r.millis());
      return r;
    } catch (IOException | RuntimeException e) {
      log.warn("warm-up skipped: {}", e.toString());
      return new Result(0, 0, 0);
    }
  }

  /**
   * Runs {@code requests} round-robin on {@code threads} threads until {@code budgetMillis} has
   * passed (each thread stops after the search it is in); a failed search counts and is skipped.
   */
  static Result run(
      ArticleSearch search,
      List<Map<String, List<String>>> requests,
      long budgetMillis,
      int threads) {
    long start = System.nanoTime();
    if (requests.isEmpty()) return new Result(0, 0, 0);
    long end = start + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
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
                    for (int i = offset; System.nanoTime() < end; i++) {
                      Map<String, List<String>> params = requests.get(i % requests.size());
                      searches.incrementAndGet();
                      try {
                        search.search(SearchRequest.fromParams(params));
                      } catch (Exception e) {
                        if (failures.incrementAndGet() == 1)
                          log.debug("warm-up search {} failed: {}", params, e.toString());
                      }
                    }
                  }));
    }
    for (Thread t : running) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Result(
        searches.get(), failures.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /** The warm-up searches, made from the most frequent body words of {@code searcher}'s view. */
  static List<Map<String, List<String>>> requests(ArticleSearcher searcher) throws IOException {
    List<String> words = frequentWords(searcher, Schema.BODY, 40);
    List<String> categories = frequentWords(searcher, Schema.CATEGORY, 3);
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
    }
    return out;
  }

  private static Map<String, List<String>> params(String q, String syntax, String category) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("q", List.of(q));
    if (syntax != null) p.put("syntax", List.of(syntax));
    p.put("facets", List.of("true"));
    p.put("snippets", List.of("true"));
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
    LeafReaderContext largest = null;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      if (largest == null || leaf.reader().maxDoc() > largest.reader().maxDoc()) largest = leaf;
    }
    List<String> out = new ArrayList<>();
    if (largest == null) return out;
    Terms terms = largest.reader().terms(field);
    if (terms == null) return out;
    record Counted(String term, int df) {}
    PriorityQueue<Counted> top = new PriorityQueue<>(Comparator.comparingInt(Counted::df));
    TermsEnum it = terms.iterator();
    for (BytesRef t = it.next(); t != null; t = it.next()) {
      String term = t.utf8ToString();
      // Words a reader types: letters only, long enough for a prefix.
      if (term.length() < 3 || !term.chars().allMatch(Character::isLetter)) continue;
      top.add(new Counted(term, it.docFreq()));
      if (top.size() > n) top.poll();
    }
    List<Counted> sorted = new ArrayList<>(top);
    sorted.sort(Comparator.comparingInt(Counted::df).reversed().thenComparing(Counted::term));
    for (Counted c : sorted) out.add(c.term());
    return out;
  }
}
