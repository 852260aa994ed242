package dev.byline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outside measurement at a tiny size: a server process, the Java load, the raw harness. */
@org.junit.jupiter.api.Tag("slow") // bin/test --all and CI run it; bin/test does not
class HttpBenchSmokeTest {
  @Test
  void it_runs_at_tiny_n_and_reports_windows_steady_states_and_the_ratio(@TempDir Path dir)
      throws Exception {
    String md = HttpBench.run(new HttpBench.Config(300, 10, 2, 7, false, false, "", dir));
    assertThat(md).contains("Java sockets").contains("from the class path");
    // Two 5 s windows from the first request, both sides answering.
    assertThat(md).containsPattern("\\| 0-5 \\| [1-9]\\d* \\| \\d+\\.\\d\\d \\| \\d+\\.\\d \\|");
    assertThat(md).containsPattern("\\| 5-10 \\| [1-9]\\d* \\|");
    assertThat(md)
        .containsPattern(
            "Steady state .*: Byline [1-9]\\d* QPS, raw Lucene [1-9]\\d* QPS, ratio \\d")
        .contains("Time to peak, Byline: first 10 s");
    assertThat(Files.readString(dir.resolve("http.md"))).isEqualTo(md);
  }

  @Test
  void the_java_load_generator_reads_whole_answers_over_kept_alive_connections(@TempDir Path dir)
      throws Exception {
    try (var server = dev.byline.TestServer.start(dir)) {
      int port = server.server.port();
      LoadGenerator.Windows w =
          LoadGenerator.javaLoad(
              port, java.util.List.of("/health", "/api/search?q=x"), 2, 5, () -> 0);
      assertThat(w.qps()).hasSize(1);
      assertThat(w.qps()[0]).isPositive();
    }
  }
}
