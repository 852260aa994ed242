package dev.byline.bench;

import dev.byline.article.Article;
import dev.byline.article.PublicationDate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic news: N articles from a seed, with a Zipf-distributed vocabulary of tens
 * of thousands of made-up words, sentences and paragraphs of varied length (150-1,500 words an
 * article), ~300 authors and ~40 sources with skewed shares, ~20 categories, dates over 25 years,
 * and ~3% syndicated near-copies (same body, another source, a slightly changed title).
 */
public final class CorpusGenerator {
  static final int VOCABULARY = 30_000;
  private static final String[] SYLLABLES = {
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "sa", "te",
    "vi", "wo", "xa", "ze", "bar", "cen", "dor", "fal", "gim", "hol", "jun", "kes", "lor", "mat",
    "nor", "pel", "ran", "sil", "tor", "val", "wen", "yor"
  };

  final String[] words;
  private final double[] cumulative; // Zipf over the vocabulary, for inverse-CDF sampling
  private final String[] authors;
  private final String[] sources;
  private final String[] categories;
  private final long seed;

  public CorpusGenerator(long seed) {
    this.seed = seed;
    Random random = new Random(seed);
    java.util.LinkedHashSet<String> vocabulary = new java.util.LinkedHashSet<>();
    while (vocabulary.size() < VOCABULARY) {
      int syllables = 1 + random.nextInt(4);
      StringBuilder w = new StringBuilder();
      for (int i = 0; i < syllables; i++) w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      vocabulary.add(w.toString());
    }
    words = vocabulary.toArray(String[]::new);
    cumulative = new double[words.length];
    double sum = 0;
    for (int i = 0; i < words.length; i++) {
      sum += 1.0 / Math.pow(i + 1, 1.07);
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) cumulative[i] /= sum;
    authors = names(random, 300, 2);
    sources = names(random, 40, 2);
    categories = names(random, 20, 1);
  }

  private String[] names(Random random, int n, int parts) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      StringBuilder name = new StringBuilder();
      for (int p = 0; p < parts; p++) {
        String w = words[500 + random.nextInt(20_000)];
        if (p > 0) name.append(' ');
        name.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
      }
      out[i] = name.toString();
    }
    return out;
  }

  String word(Random random) {
    int i = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
    return words[i < 0 ? Math.min(words.length - 1, -i - 1) : i];
  }

  /** A skewed pick: low indexes far more often (a few prolific authors, big sources). */
  private static String skewed(Random random, String[] values) {
    double u = random.nextDouble();
    return values[(int) Math.min(values.length - 1, Math.floor(values.length * u * u * u))];
  }

  /** Article {@code i} of the corpus: the same every time for the same seed. */
  public Article article(int i) {
    Random random = new Random(seed * 1_000_003L + i);
    if (i > 10 && random.nextDouble() < 0.03) { // a syndicated near-copy of an earlier article
      Article original = article(random.nextInt(i));
      return new Article(
          "gen-" + i,
          null,
          original.title() + " (" + word(random) + ")",
          original.body(),
          original.author(),
          original.date(),
          skewed(random, sources),
          original.category(),
          "en");
    }
    int length = 150 + random.nextInt(1_351);
    StringBuilder body = new StringBuilder();
    int written = 0;
    while (written < length) {
      int sentences = 2 + random.nextInt(5);
      for (int s = 0; s < sentences && written < length; s++) {
        int n = 5 + random.nextInt(21);
        for (int k = 0; k < n; k++) {
          String w = word(random);
          if (k == 0) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
          body.append(w).append(k == n - 1 ? ". " : " ");
        }
        written += n;
      }
      body.append("\n\n");
    }
    StringBuilder title = new StringBuilder();
    int titleWords = 4 + random.nextInt(8);
    for (int k = 0; k < titleWords; k++) title.append(k == 0 ? "" : " ").append(word(random));
    List<String> byline = new ArrayList<>(List.of(skewed(random, authors)));
    if (random.nextDouble() < 0.15) byline.add(skewed(random, authors));
    LocalDate date = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(25 * 365));
    return new Article(
        "gen-" + i,
        null,
        title.toString(),
        body.toString().strip(),
        byline,
        PublicationDate.ofDay(date),
        skewed(random, sources),
        List.of(skewed(random, categories)),
        "en");
  }

  public String[] categories() {
    return categories;
  }
}
