package dev.byline.story;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * Labelled test material for story detection, from made-up words only (deterministic for a seed):
 * topics, stories on a topic, and syndicated variants of a story.
 *
 * <ul>
 *   <li>A topic has its own words, names and stock phrases; every story on it uses them heavily,
 *       so two stories on one topic are the hard negatives (same subject, same people, different
 *       text).
 *   <li>A variant is what a syndication partner makes of a story: a new headline, a trimmed or
 *       reordered lead, a dateline and boilerplate, paragraphs dropped or added, typos. {@link
 *       Variant#kept} says what share of the original's words it keeps unchanged.
 * </ul>
 */
public final class SyndicationGenerator {
  private static final String[] SYLLABLES = {
    "ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui", "ro", "sa", "te",
    "vi", "wo", "xa", "ze", "bar", "cen", "dor", "fal", "gim", "hol", "jun", "kes", "lor", "mat",
    "nor", "pel", "ran", "sil", "tor", "val", "wen", "yor"
  };

  private final String[] words;
  private final double[] cumulative;

  public SyndicationGenerator(long seed) {
    Random random = new Random(seed);
    LinkedHashSet<String> vocabulary = new LinkedHashSet<>();
    while (vocabulary.size() < 20_000) {
      StringBuilder w = new StringBuilder();
      for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
        w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
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
  }

  /** A subject several stories are about: its words, people and set phrases. */
  public record Topic(List<String> words, List<String> names, List<String> phrases) {}

  /** A story as first published: paragraphs of sentences. */
  public record Story(String title, List<List<String>> paragraphs) {
    /** A story of real text: paragraphs on blank lines, sentences after ". ". */
    public static Story of(String title, String body) {
      List<List<String>> paragraphs = new ArrayList<>();
      for (String p : body.split("\\n\\s*\\n")) {
        if (p.isBlank()) continue;
        List<String> sentences = new ArrayList<>();
        for (String sentence : p.strip().split("(?<=\\.) ")) {
          if (!sentence.isBlank()) sentences.add(sentence.strip());
        }
        if (!sentences.isEmpty()) paragraphs.add(sentences);
      }
      return new Story(title, paragraphs);
    }

    public String body() {
      return join(paragraphs);
    }

    int wordCount() {
      return SyndicationGenerator.wordCount(paragraphs);
    }
  }

  /** A syndicated variant: its text and the share of the original's words it keeps as they were. */
  public record Variant(String title, String body, double kept, List<String> edits) {}

  public Topic topic(Random random) {
    List<String> topicWords = new ArrayList<>();
    for (int i = 0; i < 40; i++) topicWords.add(words[200 + random.nextInt(10_000)]);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++)
      names.add(
          capital(words[500 + random.nextInt(15_000)])
              + " "
              + capital(words[500 + random.nextInt(15_000)]));
    List<String> phrases = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      StringBuilder p = new StringBuilder();
      for (int k = 0, n = 4 + random.nextInt(5); k < n; k++) {
        p.append(k == 0 ? "" : " ")
            .append(random.nextBoolean() ? zipf(random) : pick(random, topicWords));
      }
      phrases.add(p.toString());
    }
    return new Topic(topicWords, names, phrases);
  }

  /** A new story on {@code topic}: 4-12 paragraphs, thick with its words, names and phrases. */
  public Story story(Topic topic, Random random) {
    List<List<String>> paragraphs = new ArrayList<>();
    for (int p = 0, n = 4 + random.nextInt(9); p < n; p++) {
      List<String> sentences = new ArrayList<>();
      for (int s = 0, m = 2 + random.nextInt(4); s < m; s++) sentences.add(sentence(topic, random));
      paragraphs.add(sentences);
    }
    StringBuilder title = new StringBuilder(pick(random, topic.names()));
    for (int k = 0, n = 3 + random.nextInt(6); k < n; k++)
      title.append(' ').append(random.nextInt(3) == 0 ? pick(random, topic.words()) : zipf(random));
    return new Story(title.toString(), paragraphs);
  }

  private String sentence(Topic topic, Random random) {
    StringBuilder s = new StringBuilder();
    for (int k = 0, n = 6 + random.nextInt(17); k < n; k++) {
      double u = random.nextDouble();
      String w;
      if (u < 0.12) w = pick(random, topic.words());
      else if (u < 0.18) w = pick(random, topic.names());
      else if (u < 0.20) w = pick(random, topic.phrases());
      else w = zipf(random);
      s.append(k == 0 ? capital(w) : w).append(k == n - 1 ? "." : " ");
    }
    return s.toString();
  }

  /**
   * A variant of {@code story} made with some of the edits syndication makes, each picked at
   * random; {@code maxDrop} bounds the share of paragraphs dropped.
   */
  public Variant variant(Story story, Topic topic, String source, Random random, double maxDrop) {
    List<List<String>> paragraphs = new ArrayList<>();
    for (List<String> p : story.paragraphs()) paragraphs.add(new ArrayList<>(p));
    List<String> edits = new ArrayList<>();
    int original = story.wordCount();
    int removed = 0;
    if (random.nextDouble() < 0.4 && paragraphs.get(0).size() > 1) {
      removed += words(paragraphs.get(0).remove(0));
      edits.add("trimmed lead");
    }
    if (random.nextDouble() < 0.3 && paragraphs.size() > 2) {
      paragraphs.add(0, paragraphs.remove(1));
      edits.add("reordered lead");
    }
    if (random.nextDouble() < 0.6) {
      int drop = (int) Math.floor(paragraphs.size() * maxDrop * random.nextDouble());
      for (int d = 0; d < drop && paragraphs.size() > 1; d++) {
        removed += wordCount(List.of(paragraphs.remove(1 + random.nextInt(paragraphs.size() - 1))));
      }
      if (drop > 0) edits.add("dropped " + drop + " paragraphs");
    }
    int typos = 0;
    if (random.nextDouble() < 0.5) {
      double rate = 0.02 * random.nextDouble();
      for (List<String> p : paragraphs) {
        for (int s = 0; s < p.size(); s++) {
          String[] ws = p.get(s).split(" ");
          for (int k = 0; k < ws.length; k++) {
            if (ws[k].length() > 3 && random.nextDouble() < rate) {
              ws[k] = typo(ws[k], random);
              typos++;
            }
          }
          p.set(s, String.join(" ", ws));
        }
      }
      if (typos > 0) edits.add(typos + " typos");
    }
    if (random.nextDouble() < 0.3) {
      for (int a = 0, n = 1 + random.nextInt(2); a < n; a++) {
        List<String> added = new ArrayList<>();
        for (int s = 0, m = 2 + random.nextInt(3); s < m; s++) added.add(sentence(topic, random));
        paragraphs.add(1 + random.nextInt(paragraphs.size()), added);
      }
      edits.add("added paragraphs");
    }
    if (random.nextDouble() < 0.6) {
      List<String> first = paragraphs.get(0);
      first.set(
          0,
          source.toUpperCase(java.util.Locale.ROOT) + " (" + source + " Wire) - " + first.get(0));
      paragraphs.add(List.of(boilerplate(source)));
      edits.add("boilerplate");
    }
    String title =
        "Update: "
            + story.title().split(" ")[0]
            + " "
            + zipf(random)
            + " "
            + zipf(random)
            + " "
            + zipf(random);
    double kept = Math.max(0, (double) (original - removed - typos) / original);
    return new Variant(title, join(paragraphs), kept, edits);
  }

  /** What a syndication partner appends to everything it republishes. */
  public static String boilerplate(String source) {
    return "This article was distributed by the "
        + source
        + " Wire service. Copyright "
        + source
        + " Media Group, all rights reserved. It may not be published, broadcast, rewritten or"
        + " redistributed without permission. Subscribe to our newsletter for the day's top stories.";
  }

  private static String typo(String w, Random random) {
    int i = 1 + random.nextInt(w.length() - 2);
    return random.nextBoolean()
        ? w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2)
        : w.substring(0, i) + w.substring(i + 1);
  }

  private String zipf(Random random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    return words[i < 0 ? Math.min(words.length - 1, -i - 1) : i];
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  static int words(String sentence) {
    return sentence.split(" ").length;
  }

  static int wordCount(List<List<String>> paragraphs) {
    int n = 0;
    for (List<String> p : paragraphs) for (String s : p) n += words(s);
    return n;
  }

  static String join(List<List<String>> paragraphs) {
    List<String> out = new ArrayList<>();
    for (List<String> p : paragraphs) out.add(String.join(" ", p));
    return String.join("\n\n", out);
  }
}
