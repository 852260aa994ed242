package dev.byline.bench;

import dev.byline.article.Article;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Queries built from the corpus the way Lucene's nightly benchmarks build theirs: terms classed by
 * document frequency (high: top 1%, medium: top 1-10%, low: in 2-3 articles), AND and OR pairs,
 * phrases that occur, 3-letter prefixes, fuzzy misspellings and filtered queries. Lucene syntax.
 */
public final class QuerySet {
  /** One query: its class, its text, and filter parameters (URL query string form, or empty). */
  public record Query(String kind, String q, String from, String to, String category) {}

  public static List<Query> build(
      List<Article> corpus, String[] categories, int perClass, long seed) {
    Map<String, Integer> df = new HashMap<>();
    for (Article a : corpus) {
      Set<String> seen = new HashSet<>();
      for (String w : a.body().toLowerCase(Locale.ROOT).split("[^a-z]+"))
        if (w.length() >= 3) seen.add(w);
      for (String w : seen) df.merge(w, 1, Integer::sum);
    }
    List<String> byDf = new ArrayList<>(df.keySet());
    byDf.sort(Comparator.comparingInt((String w) -> -df.get(w)).thenComparing(w -> w));
    int n = byDf.size();
    List<String> high = byDf.subList(0, Math.max(2, n / 100));
    List<String> medium = byDf.subList(Math.max(2, n / 100), Math.max(4, n / 10));
    List<String> low = byDf.stream().filter(w -> df.get(w) >= 2 && df.get(w) <= 3).toList();
    if (low.isEmpty()) low = byDf.subList(n - Math.min(n, 20), n);
    Random r = new Random(seed);
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      out.add(new Query("TermHigh", pick(r, high), null, null, null));
      out.add(new Query("TermMed", pick(r, medium), null, null, null));
      out.add(new Query("TermLow", pick(r, low), null, null, null));
      out.add(new Query("AndHighHigh", pick(r, high) + " AND " + pick(r, high), null, null, null));
      out.add(new Query("AndHighMed", pick(r, high) + " AND " + pick(r, medium), null, null, null));
      out.add(new Query("OrHighHigh", pick(r, high) + " OR " + pick(r, high), null, null, null));
      out.add(new Query("OrHighMed", pick(r, high) + " OR " + pick(r, medium), null, null, null));
      out.add(new Query("Phrase", "\"" + phrase(r, corpus) + "\"", null, null, null));
      String prefixOf = pick(r, high);
      out.add(new Query("Prefix", prefixOf.substring(0, 3) + "*", null, null, null));
      out.add(new Query("Fuzzy", misspell(r, pick(r, medium)) + "~1", null, null, null));
      int year = 2000 + r.nextInt(20);
      out.add(
          new Query(
              "Filtered",
              pick(r, medium),
              year + "-01-01",
              (year + 5) + "-12-31",
              categories[(int) Math.floor(categories.length * Math.pow(r.nextDouble(), 3))]));
    }
    return out;
  }

  private static String pick(Random r, List<String> words) {
    return words.get(r.nextInt(words.size()));
  }

  private static String phrase(Random r, List<Article> corpus) {
    String[] words =
        corpus.get(r.nextInt(corpus.size())).body().toLowerCase(Locale.ROOT).split("[^a-z]+");
    List<String> usable = Arrays.stream(words).filter(w -> w.length() >= 3).toList();
    int at = r.nextInt(Math.max(1, usable.size() - 1));
    return usable.size() < 2 ? usable.get(0) : usable.get(at) + " " + usable.get(at + 1);
  }

  private static String misspell(Random r, String word) {
    char[] c = word.toCharArray();
    int at = 1 + r.nextInt(Math.max(1, c.length - 1));
    if (at >= c.length) at = c.length - 1;
    c[at] = c[at] == 'x' ? 'q' : 'x';
    return new String(c);
  }
}
