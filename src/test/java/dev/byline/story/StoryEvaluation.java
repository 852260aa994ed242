package dev.byline.story;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The labelled evaluation of story detection: a data set of stories with syndicated variants and
 * same-topic different stories ({@link SyndicationGenerator}), and the scores of an assignment of
 * stories to it. {@link #assign} runs {@link StoryDetector} over it in ingest order with an
 * in-memory LSH lookup that works as the index's does, so thresholds can be compared in seconds;
 * the benchmark checks the index's own assignment against it.
 */
public final class StoryEvaluation {
  /** One article of the data set and its labels. */
  public record Item(
      String id, String title, String body, int story, int topic, boolean original, double kept) {}

  /** Pair and cluster scores of one assignment. */
  public record Scores(
      double threshold,
      double pairPrecision,
      double pairRecall,
      double variantRecall60,
      double purity,
      double sameTopicMerged,
      int predictedStories,
      int trueStories) {}

  private StoryEvaluation() {}

  /**
   * {@code topics} topics of 2-5 stories each, each story with 0-4 variants, in a shuffled ingest
   * order (a variant may come before its original, as feeds do).
   */
  public static List<Item> dataSet(long seed, int topics) {
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    Random random = new Random(seed);
    String[] sources = {"Meridian", "Harbour", "Northern", "Capital", "Valley", "Coast", "Union"};
    List<Item> items = new ArrayList<>();
    int story = 0;
    for (int t = 0; t < topics; t++) {
      SyndicationGenerator.Topic topic = gen.topic(random);
      for (int s = 0, n = 2 + random.nextInt(4); s < n; s++, story++) {
        SyndicationGenerator.Story original = gen.story(topic, random);
        items.add(new Item("s" + story, original.title(), original.body(), story, t, true, 1.0));
        for (int v = 0, m = random.nextInt(5); v < m; v++) {
          SyndicationGenerator.Variant variant =
              gen.variant(original, topic, sources[random.nextInt(sources.length)], random, 0.6);
          items.add(
              new Item(
                  "s" + story + "-v" + v,
                  variant.title(),
                  variant.body(),
                  story,
                  t,
                  false,
                  variant.kept()));
        }
      }
    }
    Collections.shuffle(items, random);
    return items;
  }

  /**
   * The same kind of data set from real text: the articles of a JSON Lines file (the Brown corpus,
   * {@code ../shared/corpora/brown.jsonl}: a benchmark may read it, a test must not), the topic of
   * each its Brown genre (the two letters after {@code brown-}). Every other article is a story
   * with 0-4 syndicated variants; with probability 1/2 it also gets a hard negative: one of the
   * articles left out, of its genre, with its capitalised words (the names) replaced by the
   * story's, as a different story about the same people would have.
   */
  public static List<Item> fromJsonLines(java.nio.file.Path file, long seed)
      throws java.io.IOException {
    SyndicationGenerator gen = new SyndicationGenerator(seed);
    Random random = new Random(seed);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String[]> articles = new ArrayList<>(); // id, title, body
    for (String line : java.nio.file.Files.readAllLines(file)) {
      if (line.isBlank()) continue;
      var node = json.readTree(line);
      articles.add(
          new String[] {
            node.get("id").asText(), node.get("title").asText(), node.get("body").asText()
          });
    }
    String[] sources = {"Meridian", "Harbour", "Northern", "Capital", "Valley", "Coast", "Union"};
    Map<String, Integer> topics = new HashMap<>();
    List<Item> items = new ArrayList<>();
    // Even lines are the stories; odd lines are only ever the text of a hard negative, so that a
    // negative is not itself a copy of a story in the set.
    List<String[]> spare = new ArrayList<>();
    for (int i = 1; i < articles.size(); i += 2) spare.add(articles.get(i));
    int story = 0;
    for (int i = 0; i < articles.size(); i += 2) {
      String[] a = articles.get(i);
      int topic = topics.computeIfAbsent(genre(a[0]), g -> topics.size());
      SyndicationGenerator.Story original = SyndicationGenerator.Story.of(a[1], a[2]);
      int own = story++;
      items.add(new Item(a[0], a[1], a[2], own, topic, true, 1.0));
      var filler = gen.topic(random);
      for (int v = 0, m = random.nextInt(5); v < m; v++) {
        var variant =
            gen.variant(original, filler, sources[random.nextInt(sources.length)], random, 0.6);
        items.add(
            new Item(
                a[0] + "-v" + v,
                variant.title(),
                variant.body(),
                own,
                topic,
                false,
                variant.kept()));
      }
      String[] b =
          spare.stream().filter(x -> genre(x[0]).equals(genre(a[0]))).findFirst().orElse(null);
      if (b != null && random.nextBoolean()) {
        spare.remove(b);
        items.add(
            new Item(a[0] + "-neg", b[1], withNames(b[2], names(a[2])), story++, topic, true, 1.0));
      }
    }
    Collections.shuffle(items, random);
    return items;
  }

  private static String genre(String id) {
    return id.length() > 8 ? id.substring(6, 8) : id;
  }

  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("(?<=[a-z,;] )[A-Z][a-z]+");

  private static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    var m = NAME.matcher(text);
    while (m.find()) if (!out.contains(m.group())) out.add(m.group());
    return out;
  }

  private static String withNames(String text, List<String> names) {
    if (names.isEmpty()) return text;
    Map<String, String> swap = new HashMap<>();
    var m = NAME.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = swap.computeIfAbsent(m.group(), k -> names.get(swap.size() % names.size()));
      m.appendReplacement(out, name);
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The story of each item (by index) as the detector gives them in ingest order: the story of
   * the best confirmed candidate, else its own index.
   */
  public static int[] assign(List<Item> items, double threshold) throws java.io.IOException {
    StoryDetector detector = new StoryDetector(threshold);
    Map<String, List<Integer>> byKey = new HashMap<>();
    List<StorySignature> signatures = new ArrayList<>();
    int[] story = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      StorySignature sig = StorySignature.of(items.get(i).body());
      signatures.add(sig);
      List<String> keys = new ArrayList<>();
      for (long band : sig.bandKeys()) keys.add(Long.toHexString(band));
      keys.add("h:" + sig.bodyHash());
      StoryDetector.Match match =
          detector.detect(
              sig,
              (s, max) -> {
                Map<Integer, Integer> shared = new HashMap<>();
                for (String key : keys) {
                  for (int j : byKey.getOrDefault(key, List.of())) {
                    shared.merge(j, key.startsWith("h:") ? 1_000 : 1, Integer::sum);
                  }
                }
                return shared.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
                    .limit(max)
                    .map(
                        e ->
                            new StoryDetector.Candidate(
                                Integer.toString(e.getKey()),
                                Integer.toString(story[e.getKey()]),
                                signatures.get(e.getKey())))
                    .toList();
              });
      story[i] = match == null ? i : Integer.parseInt(match.candidate().story());
      for (String key : keys) byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    return story;
  }

  /** How an assignment ({@code predicted[i]}: a story label of item i) scores on the labels. */
  public static Scores score(List<Item> items, int[] predicted, double threshold) {
    long truePairs = 0, predictedPairs = 0, both = 0, sameTopic = 0, sameTopicMerged = 0;
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        boolean same = items.get(i).story() == items.get(j).story();
        boolean together = predicted[i] == predicted[j];
        if (same) truePairs++;
        if (together) predictedPairs++;
        if (same && together) both++;
        if (!same && items.get(i).topic() == items.get(j).topic()) {
          sameTopic++;
          if (together) sameTopicMerged++;
        }
      }
    }
    // Variant recall: variants keeping >= 60% of their original's words that share its story.
    Map<Integer, Integer> originalOf = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).original()) originalOf.put(items.get(i).story(), i);
    }
    int variants = 0, joined = 0;
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      if (item.original() || item.kept() < 0.6) continue;
      variants++;
      if (predicted[i] == predicted[originalOf.get(item.story())]) joined++;
    }
    // Purity: each predicted story counts its most common true story.
    Map<Integer, Map<Integer, Integer>> clusters = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      clusters
          .computeIfAbsent(predicted[i], k -> new HashMap<>())
          .merge(items.get(i).story(), 1, Integer::sum);
    }
    long pure = 0;
    for (Map<Integer, Integer> c : clusters.values()) pure += Collections.max(c.values());
    long trueStories = items.stream().mapToInt(Item::story).distinct().count();
    return new Scores(
        threshold,
        predictedPairs == 0 ? 1.0 : (double) both / predictedPairs,
        truePairs == 0 ? 1.0 : (double) both / truePairs,
        variants == 0 ? 1.0 : (double) joined / variants,
        (double) pure / items.size(),
        sameTopic == 0 ? 0.0 : (double) sameTopicMerged / sameTopic,
        clusters.size(),
        (int) trueStories);
  }
}
