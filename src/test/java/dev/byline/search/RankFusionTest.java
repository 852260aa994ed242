package dev.byline.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.junit.jupiter.api.Test;

class RankFusionTest {
  private static TopDocs list(int... docs) {
    ScoreDoc[] scored = new ScoreDoc[docs.length];
    for (int i = 0; i < docs.length; i++) scored[i] = new ScoreDoc(docs[i], docs.length - i);
    return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), scored);
  }

  private static List<Integer> docs(TopDocs top) {
    return Arrays.stream(top.scoreDocs).map(d -> d.doc).toList();
  }

  @Test
  void equal_weights_score_as_lucenes_rrf_does() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      int[] a = random.ints(20, 0, 60).distinct().toArray();
      int[] b = random.ints(20, 0, 60).distinct().toArray();
      TopDocs lucene = TopDocs.rrf(30, RankFusion.RRF_K, new TopDocs[] {list(a), list(b)});
      TopDocs ours = RankFusion.weighted(list(a), list(b), 30, 0.5);
      assertThat(ours.scoreDocs).as("seed " + seed).hasSameSizeAs(lucene.scoreDocs);
      for (int i = 0; i < ours.scoreDocs.length; i++) {
        assertThat(ours.scoreDocs[i].score)
            .as("seed %d, rank %d", seed, i)
            .isEqualTo(lucene.scoreDocs[i].score, org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void a_ratio_of_0_is_the_keyword_list_and_1_the_vector_list() {
    TopDocs words = list(1, 2, 3);
    TopDocs meaning = list(4, 3, 5);
    assertThat(docs(RankFusion.fuse(words, meaning, 10, 0))).containsExactly(1, 2, 3);
    assertThat(docs(RankFusion.fuse(words, meaning, 10, 1))).containsExactly(4, 3, 5);
    // Equal weights: 3 is in both lists and comes first.
    assertThat(docs(RankFusion.fuse(words, meaning, 10, 0.5))).first().isEqualTo(3);
  }
}
