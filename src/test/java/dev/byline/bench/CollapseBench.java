package dev.byline.bench;

import dev.byline.article.Article;
import dev.byline.config.Limits;
import dev.byline.index.ArticleIndex;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench collapse [articles=100000] [rounds=5] [seed=16]}: what {@code collapse=story}
 * costs a search (issue 16). The bench corpus ({@link CorpusGenerator}: about 3% of its articles
 * are syndicated copies of earlier ones) is indexed with story detection on; the query set of
 * {@code bin/bench search} (11 classes) runs in-process, one thread, result cache off, each query
 * with and without collapsing back to back (the order alternating by round), as the page asks
 * (facets and snippets) and bare (neither). Reports p50 and p90 per mode and their ratios.
 *
 * <p>A fourth argument names a folder to keep the index in and reuse when run again with the same
 * articles and seed (to compare code changes without indexing again; the default is a temporary
 * folder, deleted afterwards).
 */
public final class CollapseBench {
  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 16;
    CorpusGenerator corpus = new CorpusGenerator(seed);
    Path kept = args.length > 3 ? Path.of(args[3]) : null;
    Path tmp = kept != null ? kept : Files.createTempDirectory("byline-collapse");
    boolean reuse = kept != null && Files.isDirectory(kept.resolve("index"));
    try (ArticleIndex index = ArticleIndex.open(tmp.resolve("index"))) {
      long start = System.nanoTime();
      if (reuse) articles = 0; // the sample below is rebuilt from the generator

      List<Article> sample = new ArrayList<>();
      List<Article> batch = new ArrayList<>();
      for (int i = 0; i < articles; i++) {
        Article a = corpus.article(i);
        if (i % Math.max(1, articles / 5_000) == 0) sample.add(a);
        batch.add(a);
        if (batch.size() == 500) {
          index.write(batch);
          batch.clear();
        }
        if ((i + 1) % 20_000 == 0) {
          System.out.printf(
              Locale.ROOT, "  indexed %d (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
        }
      }
      if (!batch.isEmpty()) index.write(batch);
      if (reuse) {
        articles = Integer.parseInt(args[0]);
        for (int i = 0; i < articles; i += Math.max(1, articles / 5_000)) {
          sample.add(corpus.article(i));
        }
      }
      System.out.printf(
          Locale.ROOT,
          reuse
              ? "reused the index of %d articles in " + tmp + " (%.0f s)%n"
              : "indexed %d articles with story detection in %.0f s%n",
          articles,
          (System.nanoTime() - start) / 1e9);
      ArticleSearch search =
          new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS.withResultCacheBytes(0));
      List<QuerySet.Query> queries = QuerySet.build(sample, corpus.categories(), 10, seed);
      System.out.printf(
          Locale.ROOT,
          "%d queries, %d rounds (the first a warm-up), load average before: %.2f%n",
          queries.size(),
          rounds + 1,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println(
          "| mode | p50 none ms | p50 story ms | p50 ratio | p90 none ms | p90 story ms | p90 ratio | stories ÷ articles matched (mean, exact totals only) |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (boolean page : new boolean[] {true, false}) {
        List<Double> none = new ArrayList<>();
        List<Double> story = new ArrayList<>();
        Map<String, List<Double>> noneByKind = new java.util.TreeMap<>();
        Map<String, List<Double>> storyByKind = new java.util.TreeMap<>();
        double foldedShare = 0;
        int counted = 0;
        for (int round = 0; round <= rounds; round++) {
          for (QuerySet.Query q : queries) {
            Map<String, List<String>> plain = Bench.request(q, page, page);
            Map<String, List<String>> collapsed = new java.util.LinkedHashMap<>(plain);
            collapsed.put("collapse", List.of("story"));
            boolean storyFirst = round % 2 == 1;
            for (int k = 0; k < 2; k++) {
              boolean isStory = (k == 0) == storyFirst;
              SearchRequest r = SearchRequest.fromParams(isStory ? collapsed : plain);
              long t = System.nanoTime();
              var response = search.search(r);
              double ms = (System.nanoTime() - t) / 1e6;
              if (round == 0) continue;
              (isStory ? story : none).add(ms);
              (isStory ? storyByKind : noneByKind)
                  .computeIfAbsent(q.kind(), x -> new ArrayList<>())
                  .add(ms);
              if (isStory
                  && "eq".equals(response.totalRelation())
                  && response.totalArticles() != null
                  && response.totalArticles() > 0) {
                foldedShare += (double) response.total() / response.totalArticles();
                counted++;
              }
            }
          }
        }
        double n50 = pct(none, 0.5), s50 = pct(story, 0.5);
        double n90 = pct(none, 0.9), s90 = pct(story, 0.9);
        System.out.printf(
            Locale.ROOT,
            "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f |%n",
            page ? "page (facets, snippets)" : "bare (no facets, no snippets)",
            n50,
            s50,
            s50 / n50,
            n90,
            s90,
            s90 / n90,
            counted == 0 ? 0 : foldedShare / counted);
        StringBuilder perKind = new StringBuilder("    p50 ratio by class:");
        for (String kind : noneByKind.keySet()) {
          perKind.append(
              String.format(
                  Locale.ROOT,
                  " %s %.2f/%.2f=%.2f",
                  kind,
                  pct(noneByKind.get(kind), 0.5),
                  pct(storyByKind.get(kind), 0.5),
                  pct(storyByKind.get(kind), 0.5) / pct(noneByKind.get(kind), 0.5)));
        }
        System.out.println(perKind);
      }
      System.out.printf(
          Locale.ROOT,
          "load average after: %.2f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      if (kept == null) dev.byline.config.DataDir.deleteTree(tmp);
    }
  }

  private static double pct(List<Double> values, double p) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(p * v.length))];
  }
}
