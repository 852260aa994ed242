package dev.byline.cli;

import dev.byline.config.DataDir;
import dev.byline.http.Json;
import dev.byline.index.ArticleIndex;
import dev.byline.search.ArticleSearch;
import dev.byline.search.SearchRequest;
import dev.byline.search.SearchResponse;
import dev.byline.search.SearchResponse.Hit;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code byline search}: the same search as {@code GET /api/search}, read from the last commit of
 * the index (so it works while a server is running on it).
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = "Search the index and print ranked results with snippets.")
public final class SearchCommand implements Callable<Integer> {
  private static final String BOLD = "\033[1;33m";
  private static final String DIM = "\033[2m";
  private static final String RESET = "\033[0m";

  @Mixin DataDirOption data;

  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "Words, \"phrases\", -exclusions, OR, prefix*; empty lists newest first.")
  String query;

  @Option(names = "--author", description = "Only these authors (repeatable).")
  List<String> authors = new ArrayList<>();

  @Option(names = "--source", description = "Only these sources (repeatable).")
  List<String> sources = new ArrayList<>();

  @Option(names = "--category", description = "Only these categories (repeatable).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--from", description = "Published on or after (e.g. 2020-01-01).")
  String from;

  @Option(names = "--to", description = "Published on or before.")
  String to;

  @Option(names = "--sort", description = "relevance (default), newest or oldest.")
  String sort;

  @Option(names = "--syntax", description = "simple (default) or lucene.")
  String syntax;

  @Option(names = "--size", description = "Hits to show (default 10, at most 100).")
  String size;

  @Option(names = "--page", description = "Page number, from 1.")
  String page;

  @Option(names = "--json", description = "Print the API's JSON response instead.")
  boolean asJson;

  @Option(
      names = "--exact",
      description =
          "Search the words as typed even when they find nothing and \"did you mean\" has a"
              + " respelling (the API's autocorrect=false).")
  boolean exact;

  @Override
  public Integer call() throws Exception {
    Map<String, List<String>> params = new LinkedHashMap<>();
    put(params, "q", query);
    put(params, "syntax", syntax);
    put(params, "sort", sort);
    put(params, "size", size);
    put(params, "page", page);
    put(params, "from", from);
    put(params, "to", to);
    if (exact) put(params, "autocorrect", "false");
    if (!authors.isEmpty()) params.put("author", authors);
    if (!sources.isEmpty()) params.put("source", sources);
    if (!categories.isEmpty()) params.put("category", categories);
    SearchRequest request = SearchRequest.fromParams(params);

    SearchResponse response;
    try (ArticleIndex index = ArticleIndex.openReadOnly(DataDir.of(data.get()).liveIndex())) {
      response = new ArticleSearch(index).search(request);
    }
    PrintStream out = System.out;
    if (asJson) {
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(response));
      return 0;
    }
    print(out, response, request, Terminal.interactive(), dataOption());
    return 0;
  }

  private static void put(Map<String, List<String>> params, String name, String value) {
    if (value != null) {
      params.put(name, List.of(value));
    }
  }

  /** Prints the results; {@code dataOption} ends any command a note suggests (see {@link #dataOption}). */
  static void print(
      PrintStream out,
      SearchResponse response,
      SearchRequest request,
      boolean ansi,
      String dataOption) {
    out.printf(
        Locale.ROOT,
        "%d result%s%s (%d ms)%n",
        response.total(),
        response.total() == 1 ? "" : "s",
        response.totalRelation().equals("eq") ? "" : " or more",
        response.tookMs());
    for (String note : notes(response, dataOption)) out.println(note);
    int rank = (request.page() - 1) * request.size();
    for (Hit hit : response.hits()) {
      rank++;
      out.println();
      String title = hit.titleHtml() == null ? hit.title() : fromHtml(hit.titleHtml(), ansi);
      out.printf(Locale.ROOT, "%d. %s%n", rank, title);
      List<String> meta = new ArrayList<>();
      if (hit.date() != null) meta.add(hit.date());
      if (hit.source() != null) meta.add(hit.source());
      if (!hit.author().isEmpty()) meta.add(String.join(", ", hit.author()));
      if (!hit.category().isEmpty()) meta.add(String.join(", ", hit.category()));
      meta.add("id " + hit.id());
      String line = String.join(" · ", meta);
      out.println("   " + (ansi ? DIM + line + RESET : line));
      for (String snippet : hit.snippets()) {
        out.println("   " + fromHtml(snippet, ansi));
      }
    }
    if (response.nextCursor() != null) {
      out.println();
      out.println("more: --page " + (request.page() + 1));
    }
  }

  /**
   * The {@code --data} option a suggested command needs to run on the same data: none for the
   * default folder.
   */
  private String dataOption() {
    java.nio.file.Path dir = data.get();
    if (dir.equals(java.nio.file.Path.of("index-data"))) return "";
    String text = dir.toString();
    return " --data "
        + (text.matches("[\\w./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'");
  }

  /**
   * What the page says above the results: how the query was read, and what else to try; a
   * suggested command ends with {@code dataOption}.
   */
  static List<String> notes(SearchResponse response, String dataOption) {
    List<String> notes = new ArrayList<>();
    Map<String, Object> understood = response.understood();
    if (understood != null) {
      Object from = understood.get("from");
      Object to = understood.get("to");
      notes.add(
          "dates: \""
              + understood.get("text")
              + "\" read as "
              + (from == null ? "…" : from)
              + " to "
              + (to == null ? "…" : to));
      if (understood.get("total_without_date") != null) {
        notes.add(
            "nothing "
                + understood.get("text")
                + "; "
                + understood.get("total_without_date")
                + " at any date: byline search \""
                + understood.get("query")
                + "\""
                + dataOption);
      }
    }
    if (response.showingResultsFor() != null) {
      notes.add(
          "nothing as typed; showing results for: "
              + response.showingResultsFor()
              + " (--exact searches the words as typed)");
    }
    if (response.relaxed())
      notes.add("no article has all of these words; showing articles with some of them");
    if (response.suggestion() != null) notes.add("did you mean: " + response.suggestion());
    return notes;
  }

  /** Our snippet HTML back to text: marks become bold on a terminal, entities become characters. */
  static String fromHtml(String html, boolean ansi) {
    return html.replace("<mark>", ansi ? BOLD : "")
        .replace("</mark>", ansi ? RESET : "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
