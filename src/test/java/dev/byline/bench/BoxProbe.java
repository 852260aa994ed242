package dev.byline.bench;

import dev.byline.index.ArticleIndex;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import dev.byline.search.SearchResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everyday queries typed as people type them into a news archive's box (keywords, stop words,
 * questions, misspellings, names, half-typed words, punctuation), sent as the page sends them
 * (simple syntax, {@code collapse=story}) to an index of the Brown Corpus in this JVM. Prints how
 * many find nothing (and which), and for the queries whose right texts we noted, how many have
 * one in the top 3. The queries ({@code src/test/resources/bench/searchbox-probe.tsv}: query, then
 * the short ids of the right texts, {@code NONE} when nothing should match, or nothing when not
 * judged) were written for Byline by reading the texts. {@code bin/bench boxprobe [corpus.jsonl]
 * [queries.tsv]}; defaults: {@code ../shared/corpora/brown.jsonl} and that file. A file of three
 * columns (group, query, judgment) judges by {@code re:REGEX}, every text whose title or body
 * matches it being right, or {@code ids:ID ID}: {@code searchbox-forms.tsv}, the forms words take
 * as typed (hyphens, dots, apostrophes, numbers, spellings, accents, words run together).
 */
public final class BoxProbe {
  private BoxProbe() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/brown.jsonl");
    Path queries =
        Path.of(args.length > 1 ? args[1] : "src/test/resources/bench/searchbox-probe.tsv");
    System.out.print(run(corpus, queries));
  }

  /** The corpus's texts by short id ({@code ca01}), title and body. */
  private static Map<String, String> texts(Path corpus) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      if (line.isBlank()) continue;
      com.fasterxml.jackson.databind.JsonNode d = json.readTree(line);
      String id = d.path("id").asText();
      out.put(
          id.substring(id.indexOf('-') + 1),
          d.path("title").asText() + "\n" + d.path("body").asText());
    }
    return out;
  }

  static String run(Path corpus, Path queries) throws Exception {
    List<String[]> set = new ArrayList<>();
    Map<String, String> texts = null; // short id -> title and body, for re: judgments
    for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      if (f.length == 3) {
        // group, query, then re:REGEX (the texts it matches) or ids:ID ID
        String judged = f[2].strip();
        if (judged.startsWith("re:")) {
          if (texts == null) texts = texts(corpus);
          java.util.regex.Pattern form = java.util.regex.Pattern.compile(judged.substring(3));
          List<String> right = new ArrayList<>();
          texts.forEach(
              (id, text) -> {
                if (form.matcher(text).find()) right.add(id);
              });
          judged = right.isEmpty() ? "NONE" : String.join(" ", right);
        } else if (judged.startsWith("ids:")) {
          judged = judged.substring(4).strip();
        }
        set.add(new String[] {f[1], judged});
      } else {
        set.add(new String[] {f[0], f.length > 1 ? f[1].strip() : ""});
      }
    }
    Path dir = Files.createTempDirectory("byline-boxprobe-");
    StringBuilder out = new StringBuilder();
    try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
      SearchBoxReplay.load(index, corpus);
      ArticleSearch search = new ArticleSearch(index);
      List<String> nothing = new ArrayList<>();
      List<String> missed = new ArrayList<>();
      List<String> answeredFor = new ArrayList<>();
      List<String> offered = new ArrayList<>();
      int judged = 0;
      int top3 = 0;
      int respelled = 0;
      int suggested = 0;
      for (String[] q : set) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("q", List.of(q[0]));
        params.put("collapse", List.of("story"));
        params.put("size", List.of("10"));
        SearchResponse r = search.search(SearchRequest.fromParams(params));
        if (r.total() == 0) nothing.add(q[0]);
        if (r.showingResultsFor() != null) {
          respelled++;
          answeredFor.add(q[0] + " → " + r.showingResultsFor());
        }
        if (r.suggestion() != null) {
          suggested++;
          offered.add(q[0] + " → " + r.suggestion());
        }
        if (q[1].isEmpty() || q[1].equals("NONE")) continue;
        judged++;
        List<String> right = Arrays.asList(q[1].split("\\s+"));
        boolean found = false;
        for (int i = 0; i < Math.min(3, r.hits().size()); i++) {
          String id = r.hits().get(i).id();
          found |= right.contains(id.substring(id.indexOf('-') + 1));
        }
        if (found) top3++;
        else missed.add(q[0]);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| queries | finding nothing | answered with a respelling or completion | with a"
                  + " \"did you mean\" | judged: a right text in the top 3 |%n|---|---|---|---|---|%n"
                  + "| %d | %d | %d | %d | %d of %d |%n%n",
              set.size(),
              nothing.size(),
              respelled,
              suggested,
              top3,
              judged));
      out.append("finding nothing: ").append(String.join(" · ", nothing)).append('\n');
      out.append("no right text in the top 3: ").append(String.join(" · ", missed)).append('\n');
      out.append("answered for: ").append(String.join(" · ", answeredFor)).append('\n');
      out.append("did you mean: ").append(String.join(" · ", offered)).append('\n');
    } finally {
      Bench.deleteTree(dir);
    }
    return out.toString();
  }
}
