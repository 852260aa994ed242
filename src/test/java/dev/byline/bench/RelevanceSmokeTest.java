package dev.byline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byline.search.Ranking;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The relevance kit on a tiny judged collection of our own: it loads, searches, scores and reports. */
class RelevanceSmokeTest {
  @Test
  void the_kit_scores_byline_beside_the_reference_and_writes_its_tables() throws Exception {
    JudgedCollection tiny = JudgedCollection.read(Path.of("src/test/resources/relevance/tiny"));
    assertThat(tiny.queries()).hasSize(5);
    Relevance.Run run = Relevance.run(tiny, Map.of("title=1", Ranking.parse("title=1")));
    assertThat(run.articles()).isEqualTo(10);
    assertThat(run.bylineEmpty()).as("every query finds something").isZero();
    assertThat(run.referenceMean().ndcg10()).isGreaterThan(0.5);
    assertThat(run.bylineMean().ndcg10()).isGreaterThan(0.8);
    String md = Relevance.report(List.of(run));
    assertThat(md)
        .contains("| tiny | Byline |")
        .contains("| tiny | raw Lucene reference |")
        .contains("| tiny | variant title=1 |")
        .contains("## tiny (10 articles, 5 judged queries)")
        .containsPattern("\\| 3 \\| \\d\\.\\d{3} \\| \\d\\.\\d{3} \\|");
  }

  @Test
  void measures_follow_their_definitions() {
    JudgedCollection c =
        new JudgedCollection(
            "t", Path.of("x"), Map.of("q", "x"), Map.of("q", Map.of("a", 3, "b", 1)));
    JudgedCollection.Scores s = c.score("q", List.of("b", "x", "a"));
    assertThat(s.p10()).isEqualTo(0.2);
    assertThat(s.recall100()).isEqualTo(1.0);
    assertThat(s.rr()).isEqualTo(1.0);
    assertThat(s.map100()).isEqualTo((1.0 + 2.0 / 3) / 2);
    double dcg = 1 + 3 / (Math.log(4) / Math.log(2));
    double idcg = 3 + 1 / (Math.log(3) / Math.log(2));
    assertThat(s.ndcg10()).isCloseTo(dcg / idcg, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(c.score("q", List.of()).empty()).isTrue();
  }

  @Test
  void the_search_box_replay_times_every_query_class() throws Exception {
    Path tiny = Path.of("src/test/resources/relevance/tiny");
    String table =
        SearchBoxReplay.run(tiny.resolve("docs.jsonl"), tiny.resolve("searchbox-queries.tsv"), 2);
    assertThat(table)
        .contains("| Phrase |")
        .contains("| Fuzzy |")
        .containsPattern("\\| all \\| \\d+\\.\\d\\d \\|")
        .contains("10 searches in");
  }
}
