package dev.byline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.ingest.extract.Extractor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every page in {@code src/test/resources/pages} (our own pages, one per layout) through
 * extraction and checks each field against its {@code .expected.json}: title, author, date,
 * source, category, url, where the body starts and ends, and that no noise word leaks into it.
 * Prints a report of field accuracy (also written to {@code target/extraction-report.md}).
 */
class ExtractionFixturesTest {
  static final Path PAGES = Path.of("src/test/resources/pages");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of(
          "title",
          "author",
          "date",
          "source",
          "category",
          "url",
          "body start",
          "body end",
          "no leaks");

  record Page(String name, Path file, JsonNode expected) {}

  static List<Page> pages() throws Exception {
    List<Page> pages = new ArrayList<>();
    try (Stream<Path> files = Files.list(PAGES)) {
      for (Path expected :
          files.filter(f -> f.toString().endsWith(".expected.json")).sorted().toList()) {
        String name = expected.getFileName().toString().replace(".expected.json", "");
        Path page =
            Files.exists(PAGES.resolve(name + ".html"))
                ? PAGES.resolve(name + ".html")
                : PAGES.resolve(name + ".txt");
        pages.add(new Page(name, page, JSON.readTree(expected.toFile())));
      }
    }
    return pages;
  }

  static JsonNode extract(Page page) throws Exception {
    Extractor.Format format = Extractor.Format.ofFileName(page.file().getFileName().toString());
    RawItem item = PageReader.read(Files.readAllBytes(page.file()), format, null);
    assertThat(item.error()).as(page.name()).isNull();
    return item.json();
  }

  /** Field name → null when right, else what was wrong. */
  static Map<String, String> check(Page page, JsonNode got) {
    JsonNode want = page.expected();
    Map<String, String> result = new LinkedHashMap<>();
    result.put("title", same(want.path("title"), got.path("title")));
    result.put(
        "author",
        same(want.path("author"), got.has("author") ? got.get("author") : JSON.createArrayNode()));
    result.put("date", same(want.path("date"), got.path("date")));
    result.put("source", same(want.path("source"), got.path("source")));
    JsonNode category =
        got.path("category").isArray() && got.get("category").size() > 0
            ? got.get("category").get(0)
            : got.path("category");
    result.put("category", same(want.path("category"), category));
    result.put("url", want.has("url") ? same(want.path("url"), got.path("url")) : null);
    String body = got.path("body").asText("");
    String start = want.path("body_start").asText();
    String end = want.path("body_end").asText();
    result.put("body start", body.startsWith(start) ? null : "starts: " + abbreviate(body, true));
    result.put("body end", body.endsWith(end) ? null : "ends: " + abbreviate(body, false));
    List<String> leaks = new ArrayList<>();
    for (JsonNode noise : want.path("noise")) {
      if (body.toLowerCase(Locale.ROOT).contains(noise.asText().toLowerCase(Locale.ROOT)))
        leaks.add(noise.asText());
    }
    for (JsonNode keep : want.path("keep")) {
      if (!body.contains(keep.asText())) leaks.add("lost '" + keep.asText() + "'");
    }
    result.put("no leaks", leaks.isEmpty() ? null : "leaked " + leaks);
    return result;
  }

  private static String same(JsonNode want, JsonNode got) {
    boolean wantNone = want.isMissingNode() || want.isNull();
    boolean gotNone = got.isMissingNode() || got.isNull();
    if (wantNone && gotNone) return null;
    if (!wantNone && !gotNone && want.equals(got)) return null;
    return "want " + (wantNone ? "none" : want) + ", got " + (gotNone ? "none" : got);
  }

  private static String abbreviate(String body, boolean start) {
    String oneLine = body.replace('\n', ' ');
    if (oneLine.length() <= 80) return oneLine;
    return start ? oneLine.substring(0, 80) + "…" : "…" + oneLine.substring(oneLine.length() - 80);
  }

  @Test
  void every_fixture_page_extracts_every_field_right_with_no_noise_in_the_body() throws Exception {
    List<Page> pages = pages();
    assertThat(pages).hasSizeGreaterThanOrEqualTo(10);
    StringBuilder report =
        new StringBuilder("| page | " + String.join(" | ", FIELDS) + " |\n|---|");
    report.append("---|".repeat(FIELDS.size())).append('\n');
    Map<String, Integer> right = new LinkedHashMap<>();
    Map<String, Integer> counted = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Page page : pages) {
      Map<String, String> result = check(page, extract(page));
      report.append("| ").append(page.name()).append(" |");
      for (String field : FIELDS) {
        boolean applies = !(field.equals("url") && !page.expected().has("url"));
        String problem = result.get(field);
        report.append(applies ? (problem == null ? " ✓ |" : " ✗ |") : " – |");
        if (applies) {
          counted.merge(field, 1, Integer::sum);
          if (problem == null) right.merge(field, 1, Integer::sum);
          else failures.add(page.name() + " " + field + ": " + problem);
        }
      }
      report.append('\n');
    }
    report.append("| **accuracy** |");
    for (String field : FIELDS) {
      report.append(
          String.format(
              Locale.ROOT,
              " %d/%d |",
              right.getOrDefault(field, 0),
              counted.getOrDefault(field, 0)));
    }
    report.append('\n');
    System.out.println(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target/extraction-report.md"),
        report + "\n" + String.join("\n", failures) + "\n",
        StandardCharsets.UTF_8);
    assertThat(failures).as(report.toString()).isEmpty();
  }
}
