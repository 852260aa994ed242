package dev.byline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The extraction speed kit on our own five HTML pages and two small generated pages: it times and reports. */
class ExtractBenchSmokeTest {
  @Test
  void the_kit_times_every_page_and_the_big_one() throws Exception {
    ExtractBench.Result run =
        ExtractBench.run(Path.of("src/test/resources/pages"), 2, 1, 200_000, 1);
    assertThat(run.pages()).hasSize(5);
    assertThat(run.failures()).isZero();
    assertThat(run.big()).hasSize(2);
    assertThat(run.big().get(0).bodyChars()).isGreaterThan(100_000);
    assertThat(run.big().get(1).bodyChars()).isGreaterThan(100_000); // 10,000 lines, all kept
    String md = ExtractBench.report(run);
    assertThat(md)
        .contains("5 pages from src/test/resources/pages")
        .contains("| page | KB | median ms | max ms |")
        .containsPattern("\\| wall clock \\| 5 \\| \\d+\\.\\d \\| \\d+\\.\\d \\|")
        .contains("| thread CPU | 5 |")
        .contains("A generated page of 0.2 MB (one `<article>` of ordinary paragraphs")
        .contains("(10,000 one-line paragraphs that are not sentences");
  }

  @Test
  void without_the_folder_only_the_big_page_runs() throws Exception {
    String md = ExtractBench.report(ExtractBench.run(Path.of("no/such/folder"), 2, 1, 50_000, 1));
    assertThat(md)
        .contains("no pages found at no/such/folder")
        .doesNotContain("Slowest pages")
        .contains("1 runs: ");
  }

  @Test
  void quantiles_are_nearest_rank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(ExtractBench.quantile(sorted, 0.5)).isEqualTo(5);
    assertThat(ExtractBench.quantile(sorted, 0.9)).isEqualTo(9);
    assertThat(ExtractBench.quantile(sorted, 0.99)).isEqualTo(10);
  }
}
