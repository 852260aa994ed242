package dev.byline.cli;

import static dev.byline.Fixtures.article;
import static dev.byline.Fixtures.json;
import static dev.byline.Fixtures.ndjson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.Byline;
import dev.byline.Fixtures;
import dev.byline.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: index (direct and through a running server), search, stats. */
public class CliTest {
  @TempDir Path dir;

  /** Exit status and what was printed. */
  public record Run(int status, String out, String err) {}

  static Run run(String... args) {
    return run(System.getenv(), args);
  }

  /** Runs the command line in-process with this environment, capturing what it prints. */
  static synchronized Run run(java.util.Map<String, String> env, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Byline.run(env, args);
      return new Run(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path inputs() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        in.resolve("good.jsonl"),
        json(
                article(
                    "g1",
                    "Tide tables printed",
                    "The harbour printed new tide tables.",
                    "author",
                    "Ana Tubić",
                    "date",
                    "2021-01-05"))
            + "\n"
            + json(article("g2", "Ferry timetable", "Winter ferry timetable starts Monday."))
            + "\n"
            + "{\"title\": \"no body\"}\n"
            + json(
                article(
                    "g3",
                    "Lighthouse lamp replaced",
                    "The lighthouse lamp was replaced after fifty years."))
            + "\n");
    Files.writeString(
        in.resolve("array.json"),
        "["
            + json(article("j1", "Bakery anniversary", "The bakery is one hundred years old."))
            + ",\n"
            + json(article("j2", "Choir final", "The choir sings in the national final."))
            + "]");
    Files.writeString(in.resolve("broken.json"), "[{\"title\": \"a\", \"body\": \"b\"},\n{oops");
    Files.writeString(in.resolve("notes.md"), "not an article file");
    return in;
  }

  @Test
  void index_reports_every_rejection_with_file_and_line_and_exits_nonzero() throws Exception {
    Path in = inputs();
    Path data = dir.resolve("data");
    Run r =
        run("index", in.toString(), in.resolve("notes.md").toString(), "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    // broken.json's first element is read before the syntax error, and indexed.
    assertThat(r.out()).contains("read 7, created 6, updated 0, rejected 3");
    assertThat(r.out()).contains("good.jsonl:3: body is required");
    assertThat(r.out()).contains("broken.json: invalid JSON");
    assertThat(r.out()).contains("notes.md: not a .json, .jsonl, .ndjson, .txt or .html file");

    Run again = run("index", in.resolve("good.jsonl").toString(), "--data", data.toString());
    assertThat(again.out()).contains("read 4, created 0, updated 3, rejected 1");

    Run stats = run("stats", "--json", "--data", data.toString());
    assertThat(stats.status()).isZero();
    assertThat(new ObjectMapper().readTree(stats.out()).get("articles").asInt()).isEqualTo(6);
  }

  @Test
  void index_of_clean_files_exits_zero() throws Exception {
    Path file = dir.resolve("clean.ndjson");
    Files.writeString(file, ndjson(Fixtures.archive()));
    Run r = run("index", file.toString(), "--data", dir.resolve("data").toString());
    assertThat(r.status()).as(r.toString()).isZero();
    assertThat(r.out()).contains("read 7, created 7, updated 0, rejected 0");
    assertThat(r.err()).contains("[1/1]"); // plain progress lines when not on a terminal
  }

  @Test
  void search_prints_ranked_results_and_json() throws Exception {
    Path data = dir.resolve("data");
    Path file = dir.resolve("archive.jsonl");
    Files.writeString(file, ndjson(Fixtures.archive()));
    assertThat(run("index", file.toString(), "--data", data.toString()).status()).isZero();

    Run text = run("search", "elections", "--data", data.toString());
    assertThat(text.status()).as(text.toString()).isZero();
    assertThat(text.out()).startsWith("3 results");
    assertThat(text.out()).contains("1. Harbour elections decided by island votes");
    assertThat(text.out()).doesNotContain("<mark>");

    Run filtered =
        run(
            "search",
            "--author",
            "Jonas Müller",
            "--sort",
            "oldest",
            "--json",
            "--data",
            data.toString());
    JsonNode json = new ObjectMapper().readTree(filtered.out());
    assertThat(json.get("total").asInt()).isEqualTo(2);
    assertThat(json.get("hits").get(0).get("id").asText()).isEqualTo("a3");

    Run loose = run("search", "elections zzyzx", "--data", data.toString());
    assertThat(loose.out()).contains("no article has all of these words");
    Run misspelt = run("search", "glaicer", "--data", data.toString());
    assertThat(misspelt.out())
        .contains("nothing as typed; showing results for: glacier")
        .doesNotStartWith("0 results");
    Run exact = run("search", "glaicer", "--exact", "--data", data.toString());
    assertThat(exact.out()).startsWith("0 results").contains("did you mean: glacier");
    Run dated = run("search", "glacier last week", "--data", data.toString());
    assertThat(dated.out())
        .contains("dates: \"last week\" read as")
        // The command it suggests runs on the same data (it was printed without --data).
        .contains("1 at any date: byline search \"glacier\" --data " + data);

    Run bad = run("search", "x", "--size", "1000", "--data", data.toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("size");
  }

  @Test
  void a_serve_option_of_the_wrong_type_is_named_and_the_help_prints_without_a_warning() {
    Run bad = run("serve", "--search-threads", "abc", "--data", dir.resolve("d").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .contains("--search-threads")
        .contains("(default: 5% of the")
        .doesNotContain("picocli WARN");
  }

  @Test
  void index_goes_through_a_running_server_instead_of_failing_on_the_lock() throws Exception {
    Path data = dir.resolve("live");
    try (TestServer server = TestServer.start(data)) {
      // Searched already, so refreshed only every half second: the command's own refresh request
      // (its chunks are sent with refresh=false) is what makes its articles searchable at once.
      assertThat(server.searchFor("nothing", "").status()).isEqualTo(200);
      Path file = dir.resolve("live.jsonl");
      Files.writeString(
          file,
          ndjson(
              List.of(
                  article("l1", "Live one", "Indexed while the server runs."),
                  article("l2", "Live two", "Also indexed while the server runs."))));
      Run r = run("index", file.toString(), "--data", data.toString());
      assertThat(r.status()).as(r.toString()).isZero();
      assertThat(r.out()).contains("created 2").contains("the server at");
      assertThat(server.searchFor("server runs", "").json().get("total").asInt()).isEqualTo(2);

      // Reading commands need no lock either; they read the last commit, at most a second or so
      // behind the server.
      long until = System.nanoTime() + 10_000_000_000L;
      Run search = run("search", "live", "--data", data.toString());
      while (!search.out().startsWith("2 results") && System.nanoTime() < until) {
        Thread.sleep(100);
        search = run("search", "live", "--data", data.toString());
      }
      assertThat(search.out()).startsWith("2 results");
    }
  }

  @Test
  void commands_on_a_missing_index_say_so() {
    Run r = run("stats", "--data", dir.resolve("nothing").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("no Byline index");
  }

  @Test
  void extract_prints_one_json_line_per_page_with_its_file_and_provenance() throws Exception {
    Path pages = Path.of("src/test/resources/pages");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    Run r =
        run(
            "extract",
            pages.resolve("seed-like.txt").toString(),
            pages.resolve("jsonld.html").toString(),
            empty.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(1); // one page could not be read
    String[] lines = r.out().strip().split("\n");
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode seed = json.readTree(lines[0]);
    assertThat(seed.get("file").asText()).endsWith("seed-like.txt");
    assertThat(seed.get("author").get(0).asText()).isEqualTo("Marta Kowalczyk");
    assertThat(seed.get("extracted").get("date").asText()).isEqualTo("byline");
    JsonNode html = json.readTree(lines[1]);
    assertThat(html.get("extracted").get("author").asText()).isEqualTo("json-ld");
    assertThat(json.readTree(lines[2]).get("error").asText()).contains("empty");

    Run pretty = run("extract", "--pretty", pages.resolve("blog-post.txt").toString());
    assertThat(pretty.out()).contains("\n  \"title\" : ");
  }

  @Test
  void index_takes_pages_and_warns_about_missing_dates_and_authors() throws Exception {
    Path pages = Files.createDirectories(dir.resolve("pages"));
    Files.copy(Path.of("src/test/resources/pages/seed-like.txt"), pages.resolve("seed-like.txt"));
    Files.copy(Path.of("src/test/resources/pages/jsonld.html"), pages.resolve("jsonld.html"));
    Files.writeString(
        pages.resolve("bare.txt"),
        "Just a headline\n\nA paragraph of plain text that has no byline and no date at all in it.\n");
    Files.write(pages.resolve("broken.html"), new byte[] {0, 0, 1, 2});
    Path data = dir.resolve("data");
    Run r = run("index", pages.toString(), "--data", data.toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("read 4, created 3, updated 0, rejected 1");
    assertThat(r.out()).contains("bare.txt: no date found, no author found");
    assertThat(r.out()).contains("broken.html: the file is binary");
    Run search = run("search", "ferry timetable", "--data", data.toString());
    assertThat(search.out()).startsWith("1 result");
    Run noise = run("search", "Brickworks", "--data", data.toString());
    assertThat(noise.out()).startsWith("0 results");
  }
}
