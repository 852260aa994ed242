package dev.byline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search-box probe on a corpus and queries of our own: it counts what it says it counts. */
class BoxProbeSmokeTest {
  @TempDir Path dir;

  @Test
  void counts_queries_finding_nothing_and_right_texts_in_the_top_three() throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(
        corpus,
        """
        {"id": "t-aa01", "title": "Harbour wall repaired", "body": "The harbour wall was repaired in spring."}
        {"id": "t-aa02", "title": "Glacier retreats", "body": "The glacier lost a third of its ice."}
        """);
    Path queries = dir.resolve("queries.tsv");
    Files.writeString(queries, "harbour wall\taa01\nglacier\taa01\nxyzzyqq\tNONE\nthe ice\t\n");
    String table = BoxProbe.run(corpus, queries);
    assertThat(table).contains("| 4 | 1 |").contains("| 1 of 2 |");
    assertThat(table).contains("finding nothing: xyzzyqq").contains("top 3: glacier");
  }

  @Test
  void judges_a_three_column_file_by_the_texts_that_hold_a_form() throws Exception {
    Path corpus = dir.resolve("corpus.jsonl");
    Files.writeString(
        corpus,
        """
        {"id": "t-aa01", "title": "Teen-age dances", "body": "Teen-agers filled the hall."}
        {"id": "t-aa02", "title": "Glacier retreats", "body": "The glacier lost a third of its ice."}
        {"id": "t-aa03", "title": "Harbour wall", "body": "The wall held."}
        """);
    Path queries = dir.resolve("forms.tsv");
    Files.writeString(
        queries,
        """
        hyphen\tteenage\tre:(?i)teen-?age
        ids\tglacier\tids:aa02
        ids\tice\tids:aa03
        none\tquartz\tre:quartz
        """);
    String table = BoxProbe.run(corpus, queries);
    // teenage finds aa01 (the form), glacier aa02; ice is judged wrong; quartz is judged NONE.
    assertThat(table).contains("| 4 | 1 |").contains("| 2 of 3 |");
    assertThat(table).contains("top 3: ice");
  }
}
