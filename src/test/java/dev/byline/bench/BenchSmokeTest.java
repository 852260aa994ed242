package dev.byline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark kit at a tiny size: it runs end to end and writes its table and chart. */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class BenchSmokeTest {
  @Test
  void the_kit_runs_at_tiny_n_and_writes_its_table_and_chart(@TempDir Path dir) throws Exception {
    Path out = Bench.run(new Bench.Config(new int[] {300}, 1, new int[] {1, 2}, dir, 7, 100));
    String md = Files.readString(out.resolve("results.md"));
    assertThat(md)
        .contains("### Indexing")
        .contains("bulk API")
        .contains("raw IndexWriter loop on two threads")
        .contains("`byline index corpus.jsonl`")
        .contains("### Search");
    // Each indexing row with the CPU it took per 1,000 articles and the cores it kept busy.
    assertThat(md)
        .containsPattern(
            "\\| bulk API with `refresh=false` \\(answered once durable\\) \\| \\d+ \\| [\\d.]+ \\|"
                + " \\d+\\.\\d\\d \\| [1-9]\\d* \\| \\d\\.\\d\\d \\|");
    // Raw Lucene searches every article the server holds, not its last background commit.
    assertThat(md).contains("Raw Lucene searches a snapshot of the server's index: 300 articles.");
    assertThat(md)
        .contains("| full | 2 |")
        .contains("| search box | 2 |")
        .contains("| Phrase |")
        .contains("Cost over the bare search")
        .contains("Raw Lucene, measured the same way: facets");
    // The same searches without HTTP, one row per mode.
    assertThat(md)
        .contains("#### Without HTTP")
        .containsPattern(
            "\\| full \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\| \\d+\\.\\d\\d \\|\n");
    // The Zipf replay through raw Lucene and Byline with the result cache off and on.
    assertThat(md)
        .contains("### Repeated queries (Zipf, s = 1.0")
        .contains("| raw Lucene |")
        .containsPattern("\\| Byline, result cache off \\| \\d+ \\|.*\\| - \\|\n")
        .containsPattern("\\| Byline, result cache 64 MB \\| \\d+ \\|.*\\| [1-9]\\d*\\.\\d%");
    // Every batch of the near-real-time probe was searchable once acknowledged.
    assertThat(md).contains("batches acknowledged but not yet found: 0.");
    assertThat(md)
        .containsPattern(
            "healthy \\d+\\.\\d s after launch; heap [1-9]\\d* MB after a full GC; RSS [1-9]\\d* MB");
    assertThat(md).contains("## Scale").containsPattern("\\| 300 \\| [1-9][\\d,]* \\|");
    assertThat(Files.readString(out.resolve("chart.svg"))).startsWith("<svg").contains("indexing");
  }

  @Test
  void the_generator_is_deterministic_and_skewed() {
    CorpusGenerator a = new CorpusGenerator(1);
    CorpusGenerator b = new CorpusGenerator(1);
    assertThat(a.article(123)).isEqualTo(b.article(123));
    int words = a.article(5).body().split("\\s+").length;
    assertThat(words).isBetween(150, 1_600);
    java.util.Map<String, Integer> authors = new java.util.HashMap<>();
    for (int i = 0; i < 2_000; i++) authors.merge(a.article(i).author().get(0), 1, Integer::sum);
    int top = authors.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertThat(top).isGreaterThan(2_000 / 300 * 5); // a few prolific authors
  }
}
