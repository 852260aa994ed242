package dev.byline.bench;

import dev.byline.article.Article;
import dev.byline.index.ArticleIndex;
import dev.byline.story.StoryDetector;
import dev.byline.story.StoryEvaluation;
import dev.byline.story.StoryEvaluation.Item;
import dev.byline.story.StoryEvaluation.Scores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench stories [topics=150] [articles=6000] [seed]}: the evaluation of story
 * detection (issue 16). Part 1 scores the detector on the labelled data set of {@link
 * StoryEvaluation} across thresholds: pair precision and recall, the recall of variants keeping at
 * least 60% of the text, cluster purity, and the share of same-topic different-story pairs merged.
 * Part 2 writes the data set through a real index at the default threshold and scores what the
 * index assigned. Part 3 measures ingest throughput with detection on and off (alternating runs
 * over the same articles, the better of two each), in one JVM.
 */
public final class StoryBench {
  private static final double[] THRESHOLDS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

  public static void main(String[] args) throws Exception {
    int topics = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int articles = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 16;
    List<Item> items = StoryEvaluation.dataSet(seed, topics);
    long variants = items.stream().filter(i -> !i.original()).count();
    long kept60 = items.stream().filter(i -> !i.original() && i.kept() >= 0.6).count();
    System.out.printf(
        "data set (seed %d): %d articles, %d stories on %d topics, %d variants (%d keep >= 60%%)%n%n",
        seed, items.size(), items.size() - variants, topics, variants, kept60);
    System.out.println(
        "| threshold | pair precision | pair recall | variant recall (>=60%) | purity | same-topic merged | stories (true) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (double t : THRESHOLDS) {
      print(
          StoryEvaluation.score(items, StoryEvaluation.assign(items, t), t),
          t == StoryDetector.DEFAULT_THRESHOLD);
    }

    Path brown = Path.of("../shared/corpora/brown.jsonl");
    if (Files.isRegularFile(brown)) {
      List<Item> real = StoryEvaluation.fromJsonLines(brown, seed);
      long realVariants = real.stream().filter(i -> !i.original()).count();
      System.out.printf(
          "%nBrown corpus (%s): %d articles, %d variants (%d keep >= 60%%), %d same-genre stories with another's names%n%n",
          brown,
          real.size(),
          realVariants,
          real.stream().filter(i -> !i.original() && i.kept() >= 0.6).count(),
          real.stream().filter(i -> i.id().endsWith("-neg")).count());
      System.out.println(
          "| threshold | pair precision | pair recall | variant recall (>=60%) | purity | same-topic merged | stories (true) |");
      System.out.println("|---|---|---|---|---|---|---|");
      for (double t : THRESHOLDS) {
        print(
            StoryEvaluation.score(real, StoryEvaluation.assign(real, t), t),
            t == StoryDetector.DEFAULT_THRESHOLD);
      }
    }

    Path tmp = Files.createTempDirectory("byline-stories");
    try {
      System.out.printf(
          "%nthrough the index (default threshold %.2f):%n", StoryDetector.DEFAULT_THRESHOLD);
      try (ArticleIndex index = ArticleIndex.open(tmp.resolve("eval"))) {
        List<Article> batch = new ArrayList<>();
        for (Item item : items) {
          batch.add(
              new Article(
                  item.id(),
                  null,
                  item.title(),
                  item.body(),
                  List.of(),
                  null,
                  null,
                  List.of(),
                  "en"));
          if (batch.size() == 50) {
            index.write(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) index.write(batch);
        Map<String, Integer> label = new HashMap<>();
        int[] predicted = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
          String story = index.get(items.get(i).id()).orElseThrow().story();
          predicted[i] = label.computeIfAbsent(story, s -> label.size());
        }
        print(StoryEvaluation.score(items, predicted, StoryDetector.DEFAULT_THRESHOLD), true);
      }

      CorpusGenerator corpus = new CorpusGenerator(seed);
      List<Article> docs = new ArrayList<>(articles);
      for (int i = 0; i < articles; i++) docs.add(corpus.article(i));
      System.out.printf(
          "%ningest of %d generated articles (batches of 100), articles/s:%n", articles);
      // Alternating rounds on a shared, loaded machine: medians of wall-clock rates, and of the
      // process's CPU time per article, which other processes' load disturbs less.
      List<double[]> off = new ArrayList<>();
      List<double[]> on = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        off.add(ingest(tmp.resolve("off" + round), docs, false));
        on.add(ingest(tmp.resolve("on" + round), docs, true));
      }
      double offRate = median(off, 0), onRate = median(on, 0);
      double offCpu = median(off, 1), onCpu = median(on, 1);
      System.out.printf(
          "medians of %d rounds: detection off %.0f/s, on %.0f/s: ratio %.3f; CPU per article off %.3f ms, on %.3f ms: throughput ratio by CPU %.3f%n",
          ROUNDS, offRate, onRate, onRate / offRate, offCpu, onCpu, offCpu / onCpu);
    } finally {
      dev.byline.config.DataDir.deleteTree(tmp);
    }
  }

  private static final int ROUNDS = 4;

  private static double median(List<double[]> runs, int i) {
    double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Articles per second and process CPU milliseconds per article. */
  private static double[] ingest(Path dir, List<Article> docs, boolean detect) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    {
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      var settings =
          detect ? dev.byline.config.StorySettings.DEFAULTS : dev.byline.config.StorySettings.OFF;
      try (ArticleIndex index = ArticleIndex.open(dir, settings)) {
        for (int i = 0; i < docs.size(); i += 100) {
          index.write(docs.subList(i, Math.min(docs.size(), i + 100)));
        }
      }
      double perSecond = docs.size() / ((System.nanoTime() - start) / 1e9);
      double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6 / docs.size();
      System.out.printf(
          "  detection %s: %.0f/s, %.3f ms CPU per article%n",
          detect ? "on " : "off", perSecond, cpuMs);
      return new double[] {perSecond, cpuMs};
    }
  }

  private static void print(Scores s, boolean chosen) {
    System.out.printf(
        "| %.2f%s | %.4f | %.4f | %.4f | %.4f | %.4f | %d (%d) |%n",
        s.threshold(),
        chosen ? " (default)" : "",
        s.pairPrecision(),
        s.pairRecall(),
        s.variantRecall60(),
        s.purity(),
        s.sameTopicMerged(),
        s.predictedStories(),
        s.trueStories());
  }
}
