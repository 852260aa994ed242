package dev.byline.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * Fuses the keyword list and the vector list of a hybrid search by reciprocal rank: a document at
 * rank r (from 1) of a list earns 1/(k + r) from it. The blend weighs the two lists: {@code
 * semanticRatio} 0.5 weighs them equally (Lucene's {@link TopDocs#rrf}, which is what runs then),
 * 0 is keyword alone, 1 is vectors alone; in between each list's share is scaled by {@code
 * 2·(1 − ratio)} and {@code 2·ratio}, so that 0.5 gives Lucene's scores exactly.
 */
final class RankFusion {
  /** Reciprocal rank fusion's constant: a hit at rank r counts 1/(60 + r), as in its paper. */
  static final int RRF_K = 60;

  static final double EQUAL = 0.5;

  private RankFusion() {}

  /** The best {@code topN} of both lists, fused; each list's documents must be of one reader. */
  static TopDocs fuse(TopDocs words, TopDocs meaning, int topN, double semanticRatio) {
    if (semanticRatio == EQUAL) return TopDocs.rrf(topN, RRF_K, new TopDocs[] {words, meaning});
    return weighted(words, meaning, topN, semanticRatio);
  }

  /** The weighted fusion, whatever the ratio (at 0.5 it scores as {@link TopDocs#rrf} does). */
  static TopDocs weighted(TopDocs words, TopDocs meaning, int topN, double semanticRatio) {
    Map<Integer, ScoreDoc> fused = new HashMap<>();
    add(fused, words, 2 * (1 - semanticRatio));
    add(fused, meaning, 2 * semanticRatio);
    List<ScoreDoc> all = new ArrayList<>(fused.values());
    all.removeIf(d -> d.score <= 0);
    all.sort(
        (a, b) ->
            a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.doc, b.doc));
    ScoreDoc[] top = all.subList(0, Math.min(topN, all.size())).toArray(ScoreDoc[]::new);
    return new TopDocs(new TotalHits(all.size(), TotalHits.Relation.EQUAL_TO), top);
  }

  private static void add(Map<Integer, ScoreDoc> fused, TopDocs list, double weight) {
    ScoreDoc[] docs = list.scoreDocs;
    for (int rank = 1; rank <= docs.length; rank++) {
      ScoreDoc d = docs[rank - 1];
      float share = (float) (weight / (RRF_K + rank));
      fused.computeIfAbsent(d.doc, doc -> new ScoreDoc(doc, 0f)).score += share;
    }
  }
}
