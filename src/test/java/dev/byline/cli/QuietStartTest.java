package dev.byline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first start with semantic search on says what it does and nothing alarming: the
 * model's libraries warned about a missing CUDA driver (Byline runs on the CPU) and a tokenizer
 * length the model sets itself, three WARN lines on every start.
 */
class QuietStartTest {
  @TempDir Path dir;

  @Test
  void serve_with_semantic_search_starts_without_warnings() throws Exception {
    Process server =
        new ProcessBuilder(dev.byline.ServeCommands.serve(dir, List.of(), "--semantic"))
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.startsWith("Byline serving")) break;
      }
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("Byline serving"));
    assertThat(lines).anyMatch(l -> l.contains("semantic search on"));
    assertThat(lines).as(String.join("\n", lines)).noneMatch(l -> l.contains(" WARN "));
  }
}
