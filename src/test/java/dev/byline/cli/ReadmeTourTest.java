package dev.byline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's five-minute tour runs as written, on the files in examples/, and says what it promises. */
class ReadmeTourTest {
  @TempDir Path dir;

  /** The {@code bin/byline} lines of the README's tour block, as argument lists. */
  static List<List<String>> tour(Path readme) throws Exception {
    return block(readme, "## A five-minute tour");
  }

  /** The {@code bin/byline} lines of the first shell block after a heading. */
  static List<List<String>> block(Path readme, String heading) throws Exception {
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf(heading);
    assertThat(start).as("the README has %s", heading).isPositive();
    List<List<String>> commands = new ArrayList<>();
    boolean inBlock = false;
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("```")) {
        if (inBlock) break;
        inBlock = true;
        continue;
      }
      if (inBlock && line.startsWith("bin/byline "))
        commands.add(words(line.substring("bin/byline ".length())));
    }
    return commands;
  }

  /** Splits a shell line into words, honouring double quotes (all the tour uses). */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ' ' && !quoted) {
        if (!word.isEmpty()) out.add(word.toString());
        word.setLength(0);
      } else word.append(c);
    }
    if (!word.isEmpty()) out.add(word.toString());
    return out;
  }

  @Test
  void every_tour_command_runs_and_says_what_the_readme_promises() throws Exception {
    List<List<String>> commands = tour(Path.of("README.md"));
    assertThat(commands).hasSize(6);
    List<String> outputs = new ArrayList<>();
    for (List<String> command : commands) {
      if (command.get(0).equals("serve"))
        continue; // runs until stopped; the server is tested elsewhere
      List<String> args =
          command.stream()
              .map(a -> a.replace("/tmp/byline-tour", dir.resolve("tour").toString()))
              .toList();
      CliTest.Run run = CliTest.run(args.toArray(String[]::new));
      assertThat(run.status()).as("bin/byline %s: %s", String.join(" ", command), run).isZero();
      outputs.add(run.out());
    }
    assertThat(outputs.get(0)).contains("created 5");
    assertThat(outputs.get(1)).contains("1. The Who play the harbour festival");
    assertThat(outputs.get(2))
        .contains("dates: \"last week\"")
        .contains("at any date: byline search \"ferry fares\"")
        .doesNotContain("some of them");
    assertThat(outputs.get(3))
        .contains("Glacier treaty talks stall over meltwater rights")
        .doesNotContain("Lottery winner");
    assertThat(outputs.get(4))
        .contains("\"title\"")
        .contains("Night trains return to the mountain line")
        .contains("\"extracted\"");
  }

  @Test
  void the_command_line_examples_run_too() throws Exception {
    List<List<String>> commands = block(Path.of("README.md"), "## Command line");
    assertThat(commands).isNotEmpty();
    Path data = dir.resolve("cli");
    int ran = 0;
    for (List<String> command : commands) {
      if (command.get(0).equals("serve")) continue;
      List<String> args = new ArrayList<>(command);
      // the README uses the default data directory; the test keeps the repository's untouched
      if (!command.get(0).equals("extract")) args.addAll(List.of("--data", data.toString()));
      CliTest.Run run = CliTest.run(args.toArray(String[]::new));
      assertThat(run.status()).as("bin/byline %s: %s", String.join(" ", command), run).isZero();
      assertThat(run.out()).as("bin/byline %s", String.join(" ", command)).isNotBlank();
      ran++;
    }
    assertThat(ran).isGreaterThanOrEqualTo(3);
  }
}
