package dev.byline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judged IR test collection in the layout of {@code shared/relevance/<name>/}: {@code docs.jsonl}
 * (Byline articles), {@code queries.tsv} ({@code id<TAB>text}) and {@code qrels} (TREC: {@code
 * query 0 doc gain}). Queries without a judgment are dropped, as trec_eval does.
 *
 * @param queries query id to its text, in file order, judged queries only
 * @param judgments query id to (doc id to gain); only gains above 0 are kept
 */
record JudgedCollection(
    String name,
    Path docs,
    Map<String, String> queries,
    Map<String, Map<String, Integer>> judgments) {

  static JudgedCollection read(Path folder) throws IOException {
    Map<String, Map<String, Integer>> judgments = new HashMap<>();
    for (String line : Files.readAllLines(folder.resolve("qrels"), StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4) continue;
      int gain = Integer.parseInt(f[3]);
      if (gain > 0) judgments.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[2], gain);
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(folder.resolve("queries.tsv"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      if (tab < 0) continue;
      String id = line.substring(0, tab).strip();
      if (judgments.containsKey(id)) queries.put(id, line.substring(tab + 1).strip());
    }
    return new JudgedCollection(
        folder.getFileName().toString(), folder.resolve("docs.jsonl"), queries, judgments);
  }

  /** The usual measures of one ranked list against one query's judgments. */
  record Scores(
      double ndcg10, double map100, double p10, double recall100, double rr, boolean empty) {
    static final Scores ZERO = new Scores(0, 0, 0, 0, 0, true);

    static Scores average(List<Scores> all) {
      int n = all.size();
      if (n == 0) return ZERO;
      return new Scores(
          all.stream().mapToDouble(Scores::ndcg10).sum() / n,
          all.stream().mapToDouble(Scores::map100).sum() / n,
          all.stream().mapToDouble(Scores::p10).sum() / n,
          all.stream().mapToDouble(Scores::recall100).sum() / n,
          all.stream().mapToDouble(Scores::rr).sum() / n,
          false);
    }
  }

  /**
   * nDCG@10 (gain as judged, log2 discount), average precision over the top 100 (divided by every
   * relevant document, as trec_eval does), P@10, recall@100 and reciprocal rank of the first
   * relevant hit in the top 100.
   */
  Scores score(String queryId, List<String> ranked) {
    Map<String, Integer> relevant = judgments.getOrDefault(queryId, Map.of());
    if (ranked.isEmpty() || relevant.isEmpty()) return Scores.ZERO;
    double dcg = 0;
    for (int i = 0; i < Math.min(10, ranked.size()); i++) {
      dcg += relevant.getOrDefault(ranked.get(i), 0) / log2(i + 2);
    }
    List<Integer> ideal = relevant.values().stream().sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(10, ideal.size()); i++) idcg += ideal.get(i) / log2(i + 2);
    int found = 0;
    int foundIn10 = 0;
    double precisionSum = 0;
    double rr = 0;
    for (int i = 0; i < Math.min(100, ranked.size()); i++) {
      if (relevant.containsKey(ranked.get(i))) {
        found++;
        if (i < 10) foundIn10++;
        precisionSum += (double) found / (i + 1);
        if (rr == 0) rr = 1.0 / (i + 1);
      }
    }
    return new Scores(
        idcg == 0 ? 0 : dcg / idcg,
        precisionSum / relevant.size(),
        foundIn10 / 10.0,
        (double) found / relevant.size(),
        rr,
        false);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
