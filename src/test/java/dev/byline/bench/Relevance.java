package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.bench.JudgedCollection.Scores;
import dev.byline.config.Limits;
import dev.byline.embed.Embedder;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.ingest.Ingest;
import dev.byline.ingest.NdjsonReader;
import dev.byline.ingest.RawItem;
import dev.byline.search.ArticleSearch;
import dev.byline.search.Ranking;
import dev.byline.search.SearchRequest;
import dev.byline.search.SearchResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The relevance kit: loads each judged collection into a fresh Byline index through the real
 * ingest path, runs every judged query through {@link ArticleSearch} as the search box sends it
 * (simple syntax, the text as given), and scores the ranked lists (nDCG@10, MAP@100, P@10,
 * Recall@100, MRR, queries with no result) beside a raw Lucene 10.6 reference run in the same
 * process: BM25, {@link EnglishAnalyzer}, title and body as one field, the query's words OR-ed.
 * Writes {@code relevance.md}. Run with {@code bin/bench relevance [collections-folder]
 * [ranking…]}: each further argument is a {@link Ranking} variant ({@code title=2,phrase=0}) run
 * on the same index, summarised beside the default, to choose settings by measurement.
 */
public final class Relevance {
  static final int DEPTH = 100;

  /** One collection's result: Byline's and the reference's scores per query, in query order. */
  record Run(
      JudgedCollection collection,
      Map<String, Scores> byline,
      Map<String, Scores> reference,
      int articles,
      Map<String, Scores> variants,
      String notes) {
    Scores bylineMean() {
      return Scores.average(new ArrayList<>(byline.values()));
    }

    Scores referenceMean() {
      return Scores.average(new ArrayList<>(reference.values()));
    }

    long bylineEmpty() {
      return byline.values().stream().filter(Scores::empty).count();
    }

    long referenceEmpty() {
      return reference.values().stream().filter(Scores::empty).count();
    }

    /** Queries Byline answers with nothing while the reference finds something. */
    long emptyWhereReferenceFinds() {
      return byline.entrySet().stream()
          .filter(e -> e.getValue().empty() && !reference.get(e.getKey()).empty())
          .count();
    }
  }

  private Relevance() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : "../shared/relevance");
    if (!Files.isDirectory(folder)) {
      System.err.println(
          "relevance: no collections at "
              + folder.toAbsolutePath()
              + " (give the folder as the argument)");
      System.exit(2);
    }
    Path out = Path.of("target/bench");
    Map<String, Ranking> variants = new LinkedHashMap<>();
    boolean semantic = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("semantic")) semantic = true;
      else variants.put(args[i], Ranking.parse(args[i]));
    }
    List<Run> runs = new ArrayList<>();
    try (var dirs = Files.list(folder)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.exists(dir.resolve("qrels"))) {
          runs.add(run(JudgedCollection.read(dir), variants, semantic));
        }
      }
    }
    Files.createDirectories(out);
    String md = report(runs);
    Files.writeString(out.resolve("relevance.md"), md, StandardCharsets.UTF_8);
    System.out.println(summary(runs));
    for (Run run : runs) if (!run.notes().isEmpty()) System.out.println(run.notes());
    System.out.println("per-query tables: " + out.resolve("relevance.md"));
  }

  /** Loads, searches and scores one collection on both sides. */
  static Run run(JudgedCollection collection, Map<String, Ranking> variants) throws IOException {
    return run(collection, variants, false);
  }

  /**
   * As {@link #run(JudgedCollection, Map)}; with {@code semantic}, the articles are then embedded
   * with the model that ships with Byline (timed: the embedding throughput) and every query runs in
   * {@code mode=semantic} and {@code mode=hybrid} too, as rows beside keyword's.
   */
  static Run run(JudgedCollection collection, Map<String, Ranking> variants, boolean semantic)
      throws IOException {
    Path dir = Files.createTempDirectory("byline-relevance-");
    try {
      Map<String, Scores> byline;
      Map<String, Scores> variantMeans = new LinkedHashMap<>();
      int articles;
      String notes = "";
      try (ArticleIndex index = ArticleIndex.open(dir.resolve("index"))) {
        articles = load(collection.docs(), index);
        long keywordStart = System.nanoTime();
        byline = scores(collection, new ArticleSearch(index));
        double keywordMs = msPerQuery(keywordStart, collection);
        if (semantic) notes = semanticRows(collection, index, variantMeans, keywordMs);
        for (Map.Entry<String, Ranking> v : variants.entrySet()) {
          Map<String, Scores> each =
              scores(
                  collection,
                  new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS, v.getValue()));
          variantMeans.put(v.getKey(), Scores.average(new ArrayList<>(each.values())));
        }
      }
      Map<String, Scores> reference = reference(collection);
      return new Run(collection, byline, reference, articles, variantMeans, notes);
    } finally {
      deleteTree(dir);
    }
  }

  private static Map<String, Scores> scores(JudgedCollection collection, ArticleSearch search)
      throws IOException {
    return scores(collection, search, null);
  }

  /** Scores with {@code extra} parameters ({@code mode=semantic&semantic_ratio=0.3}; null: none). */
  private static Map<String, Scores> scores(
      JudgedCollection collection, ArticleSearch search, String extra) throws IOException {
    Map<String, Scores> scores = new LinkedHashMap<>();
    for (Map.Entry<String, String> q : collection.queries().entrySet()) {
      scores.put(q.getKey(), collection.score(q.getKey(), bylineIds(search, q.getValue(), extra)));
    }
    return scores;
  }

  private static Scores mean(Map<String, Scores> perQuery) {
    return Scores.average(new ArrayList<>(perQuery.values()));
  }

  private static double msPerQuery(long startNanos, JudgedCollection collection) {
    return (System.nanoTime() - startNanos) / 1e6 / Math.max(1, collection.queries().size());
  }

  /**
   * Embeds the index's articles (timed), then scores semantic and hybrid search into {@code
   * rows}; returns what was measured, as a line for the report.
   */
  private static String semanticRows(
      JudgedCollection collection, ArticleIndex index, Map<String, Scores> rows, double keywordMs)
      throws IOException {
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    Embedder embedder = BenchModel.load();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    index.embedWith(embedder);
    long articles = index.embeddingStatus().backlog();
    try {
      while (index.embeddingStatus().backlog() > 0) Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while embedding", e);
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    ArticleSearch search =
        new ArticleSearch(index, Clock.systemUTC(), Limits.DEFAULTS, Ranking.DEFAULT, embedder);
    long t = System.nanoTime();
    rows.put("mode=semantic", mean(scores(collection, search, "mode=semantic")));
    double semanticMs = msPerQuery(t, collection);
    t = System.nanoTime();
    rows.put("mode=hybrid", mean(scores(collection, search, "mode=hybrid")));
    double hybridMs = msPerQuery(t, collection);
    for (String ratio : List.of("0.3", "0.7")) {
      String extra = "mode=hybrid&semantic_ratio=" + ratio;
      rows.put(extra, mean(scores(collection, search, extra)));
    }
    return String.format(
        Locale.ROOT,
        "%s: embedded %d articles in %.1f s (%.1f/s; %.1f CPU-s, %.1f per CPU-second; load average %.1f at the end);"
            + " mean ms per query, one client, top %d without facets or snippets: keyword %.1f, semantic %.1f, hybrid %.1f"
            + " (query embedding included)",
        collection.name(),
        articles,
        wall,
        articles / wall,
        cpu,
        articles / cpu,
        os.getSystemLoadAverage(),
        DEPTH,
        keywordMs,
        semanticMs,
        hybridMs);
  }

  private static int load(Path docs, ArticleIndex index) throws IOException {
    int written = 0;
    try (InputStream in = Files.newInputStream(docs);
        NdjsonReader reader = new NdjsonReader(in, new ObjectMapper())) {
      for (List<RawItem> chunk = reader.next(500); !chunk.isEmpty(); chunk = reader.next(500)) {
        written +=
            (int)
                Ingest.validateAndWrite(chunk, index::write).stream()
                    .filter(r -> !r.failed())
                    .count();
      }
    }
    return written;
  }

  /** The ids Byline ranks for a query typed in the search box, best first. */
  static List<String> bylineIds(ArticleSearch search, String text) throws IOException {
    return bylineIds(search, text, null);
  }

  /**
   * As {@link #bylineIds(ArticleSearch, String)} with {@code extra} parameters ({@code
   * mode=hybrid&semantic_ratio=0.3}; null: none).
   */
  static List<String> bylineIds(ArticleSearch search, String text, String extra)
      throws IOException {
    try {
      Map<String, List<String>> params = new LinkedHashMap<>();
      params.put("q", List.of(text));
      params.put("size", List.of(Integer.toString(DEPTH)));
      params.put("facets", List.of("false"));
      params.put("snippets", List.of("false"));
      if (extra != null) {
        for (String pair : extra.split("&")) {
          String[] kv = pair.split("=", 2);
          params.put(kv[0], List.of(kv[1]));
        }
      }
      SearchRequest request = SearchRequest.fromParams(params);
      SearchResponse response = search.search(request);
      return response.hits().stream().map(SearchResponse.Hit::id).toList();
    } catch (InvalidRequestException e) {
      return List.of();
    }
  }

  /** The raw Lucene reference: BM25, EnglishAnalyzer, title + body as one field, words OR-ed. */
  static Map<String, Scores> reference(JudgedCollection collection) throws IOException {
    ObjectMapper json = new ObjectMapper();
    EnglishAnalyzer analyzer = new EnglishAnalyzer();
    Map<String, Scores> scores = new LinkedHashMap<>();
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
          var lines = Files.lines(collection.docs(), StandardCharsets.UTF_8)) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isBlank()) continue;
          var node = json.readTree(line);
          Document doc = new Document();
          doc.add(new StringField("id", node.path("id").asText(), Field.Store.YES));
          doc.add(
              new TextField(
                  "text",
                  node.path("title").asText("") + "\n" + node.path("body").asText(""),
                  Field.Store.NO));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        StoredFields stored = searcher.storedFields();
        QueryParser parser = new QueryParser("text", analyzer);
        for (Map.Entry<String, String> q : collection.queries().entrySet()) {
          List<String> ids = new ArrayList<>();
          try {
            for (ScoreDoc hit :
                searcher.search(parser.parse(QueryParser.escape(q.getValue())), DEPTH).scoreDocs) {
              ids.add(stored.document(hit.doc).get("id"));
            }
          } catch (ParseException | IndexSearcher.TooManyClauses e) {
            // scored as a query with no result
          }
          scores.put(q.getKey(), collection.score(q.getKey(), ids));
        }
      }
    }
    return scores;
  }

  static String summary(List<Run> runs) {
    StringBuilder s = new StringBuilder();
    s.append("| collection | system | nDCG@10 | MAP@100 | P@10 | R@100 | MRR | no result |\n");
    s.append("|---|---|---|---|---|---|---|---|\n");
    for (Run run : runs) {
      int n = run.collection().queries().size();
      row(s, run.collection().name(), "Byline", run.bylineMean(), run.bylineEmpty() + " of " + n);
      row(
          s,
          run.collection().name(),
          "raw Lucene reference",
          run.referenceMean(),
          run.referenceEmpty() + " of " + n);
      Scores b = run.bylineMean();
      Scores r = run.referenceMean();
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | Byline ÷ reference | %s | %s | %s | %s | %s | |%n",
              run.collection().name(),
              ratio(b.ndcg10(), r.ndcg10()),
              ratio(b.map100(), r.map100()),
              ratio(b.p10(), r.p10()),
              ratio(b.recall100(), r.recall100()),
              ratio(b.rr(), r.rr())));
      for (Map.Entry<String, Scores> v : run.variants().entrySet()) {
        row(s, run.collection().name(), "variant " + v.getKey(), v.getValue(), "");
      }
    }
    return s.toString();
  }

  private static void row(
      StringBuilder s, String collection, String system, Scores m, String empty) {
    s.append(
        String.format(
            Locale.ROOT,
            "| %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %s |%n",
            collection,
            system,
            m.ndcg10(),
            m.map100(),
            m.p10(),
            m.recall100(),
            m.rr(),
            empty));
  }

  private static String ratio(double a, double b) {
    return b == 0 ? "–" : String.format(Locale.ROOT, "%.3f", a / b);
  }

  static String report(List<Run> runs) {
    StringBuilder md = new StringBuilder("# Relevance\n\n");
    md.append(
            "Every judged query typed into Byline's search box (simple syntax, the text as given, top ")
        .append(DEPTH)
        .append(
            ") beside a raw Lucene 10.6 reference in the same run (BM25, EnglishAnalyzer, title + body as one field, words OR-ed).\n\n");
    md.append(summary(runs)).append('\n');
    for (Run run : runs) if (!run.notes().isEmpty()) md.append(run.notes()).append("\n\n");
    for (Run run : runs) {
      md.append("## ")
          .append(run.collection().name())
          .append(" (")
          .append(run.articles())
          .append(" articles, ")
          .append(run.collection().queries().size())
          .append(" judged queries)\n\n");
      md.append("Queries Byline answers with nothing where the reference finds something: ")
          .append(run.emptyWhereReferenceFinds())
          .append(".\n\n");
      md.append(
          "| query | nDCG@10 Byline | reference | Δ | AP Byline | reference | text |\n|---|---|---|---|---|---|---|\n");
      for (Map.Entry<String, String> q : run.collection().queries().entrySet()) {
        Scores b = run.byline().get(q.getKey());
        Scores r = run.reference().get(q.getKey());
        String text =
            q.getValue().length() > 70 ? q.getValue().substring(0, 70) + "…" : q.getValue();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %.3f%s | %.3f | %+.3f | %.3f | %.3f | %s |%n",
                q.getKey(),
                b.ndcg10(),
                b.empty() ? " (none)" : "",
                r.ndcg10(),
                b.ndcg10() - r.ndcg10(),
                b.map100(),
                r.map100(),
                text.replace("|", "\\|")));
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
        Files.deleteIfExists(p);
    }
  }
}
