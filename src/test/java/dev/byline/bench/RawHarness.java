package dev.byline.bench;

import dev.byline.index.Schema;
import dev.byline.search.Ranking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

/**
 * The independent raw Lucene harness of {@link HttpBench}, run in a JVM of its own from its first
 * query on: parse (classic syntax, the same fields, boosts and AND as Byline's {@code
 * syntax=lucene}), top 10 with their stored fields, string facets on the four keyword fields (the
 * filtered fields counted sideways, as Byline does), and the unified highlighter on title and body
 * <b>with Lucene's defaults</b>: sentence passages of the first 10,000 characters, the default
 * rewrite of prefixes and fuzzy terms, no whole-title passage, no passage-length goal. That is what
 * a user of Lucene writes. {@link Bench}'s in-process raw side is this class too; it used to copy
 * Byline's snippet settings (the whole title as a passage, sentence passages grown to 200
 * characters, the whole body read), so both of its sides paid for them.
 *
 * <p>{@code main(index folder, queries file, seconds, threads)} prints one {@code window <i> <qps>}
 * line per {@value LoadGenerator#WINDOW_SECONDS} s window: its QPS and the CPU seconds this JVM used in it.
 */
public final class RawHarness {
  private static final String[] FACET_FIELDS = {
    Schema.AUTHOR, Schema.SOURCE, Schema.CATEGORY, Schema.YEAR
  };

  private final IndexSearcher searcher;
  private final Analyzer analyzer = Schema.analyzer();
  private final Map<String, StringDocValuesReaderState> states = new LinkedHashMap<>();
  private final UnifiedHighlighter highlighter;

  RawHarness(DirectoryReader reader) throws java.io.IOException {
    searcher = new IndexSearcher(reader);
    for (String f : FACET_FIELDS) states.put(f, new StringDocValuesReaderState(reader, f));
    highlighter = UnifiedHighlighter.builder(searcher, analyzer).build();
  }

  public static void main(String[] args) throws Exception {
    Path index = Path.of(args[0]);
    List<QuerySet.Query> queries = readQueries(Path.of(args[1]));
    int seconds = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    // "bare": top 10 with their stored fields only, no facets or snippets (Bench's bare mode).
    boolean bare = args.length > 4 && "bare".equals(args[4]);
    try (FSDirectory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      RawHarness raw = new RawHarness(reader);
      int windows = Math.max(1, seconds / LoadGenerator.WINDOW_SECONDS);
      AtomicLongArray counts = new AtomicLongArray(windows);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long windowNanos = TimeUnit.SECONDS.toNanos(LoadGenerator.WINDOW_SECONDS);
      long start = System.nanoTime();
      long end = start + windows * windowNanos;
      List<Thread> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * queries.size() / threads;
        running.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        for (int i = offset; ; i++) {
                          raw.search(queries.get(i % queries.size()), !bare, !bare);
                          long now = System.nanoTime();
                          if (now >= end) return;
                          counts.incrementAndGet((int) ((now - start) / windowNanos));
                        }
                      } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                      }
                    }));
      }
      // This JVM's CPU per window (the searches, the JIT, the GC), read at each window's end.
      var os =
          (com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      double[] cpu = new double[windows];
      long last = os.getProcessCpuTime();
      for (int w = 0; w < windows; w++) {
        long boundary = start + (w + 1) * windowNanos;
        for (long now = System.nanoTime(); now < boundary; now = System.nanoTime())
          Thread.sleep(Math.max(1, (boundary - now) / 1_000_000));
        long current = os.getProcessCpuTime();
        cpu[w] = (current - last) / 1e9;
        last = current;
      }
      for (Thread t : running) t.join();
      if (failure.get() != null) throw new IllegalStateException(failure.get());
      for (int w = 0; w < windows; w++) {
        System.out.printf(
            Locale.ROOT,
            "window %d %.1f %.2f%n",
            w,
            counts.get(w) / (double) LoadGenerator.WINDOW_SECONDS,
            cpu[w]);
      }
    }
  }

  /** One query, all of the work, as the outside harness does it. */
  void search(QuerySet.Query q) throws Exception {
    search(q, true, true);
  }

  /**
   * One query: top 10 with stored fields, and facets and snippets when asked ({@link Bench}'s
   * bare, facets and full modes).
   */
  void search(QuerySet.Query q, boolean facets, boolean snippets) throws Exception {
    MultiFieldQueryParser parser =
        new MultiFieldQueryParser(
            new String[] {Schema.TITLE, Schema.BODY, Schema.AUTHOR_TEXT},
            analyzer,
            Map.of(
                Schema.TITLE,
                Ranking.DEFAULT.title(),
                Schema.BODY,
                Ranking.DEFAULT.body(),
                Schema.AUTHOR_TEXT,
                Ranking.DEFAULT.author()));
    parser.setDefaultOperator(QueryParser.Operator.AND);
    Query text = parser.parse(q.q());
    Query query = text;
    Query category = null;
    Query dates = null;
    if (q.category() != null) {
      long from =
          java.time.LocalDate.parse(q.from())
              .atStartOfDay(java.time.ZoneOffset.UTC)
              .toInstant()
              .toEpochMilli();
      long to =
          java.time.LocalDate.parse(q.to())
                  .plusDays(1)
                  .atStartOfDay(java.time.ZoneOffset.UTC)
                  .toInstant()
                  .toEpochMilli()
              - 1;
      category = new TermQuery(new Term(Schema.CATEGORY, q.category()));
      dates = LongPoint.newRangeQuery(Schema.DATE, from, to);
      query =
          new BooleanQuery.Builder()
              .add(text, Occur.MUST)
              .add(category, Occur.FILTER)
              .add(dates, Occur.FILTER)
              .build();
    }
    if (!facets) {
      TopDocs top = searcher.search(query, 10);
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc d : top.scoreDocs) stored.document(d.doc);
      if (snippets && top.scoreDocs.length > 0) highlight(text, top);
      return;
    }
    Object[] both =
        searcher.search(
            query,
            new MultiCollectorManager(
                new TopScoreDocCollectorManager(10, Integer.MAX_VALUE),
                new FacetsCollectorManager()));
    TopDocs top = (TopDocs) both[0];
    FacetsCollector fc = (FacetsCollector) both[1];
    for (String f : FACET_FIELDS) {
      FacetsCollector over = fc;
      if (category != null && (f.equals(Schema.CATEGORY) || f.equals(Schema.YEAR))) {
        Query others =
            new BooleanQuery.Builder()
                .add(text, Occur.MUST)
                .add(f.equals(Schema.CATEGORY) ? dates : category, Occur.FILTER)
                .build();
        over = searcher.search(others, new FacetsCollectorManager());
      }
      new StringValueFacetCounts(states.get(f), over).getTopChildren(10, f);
    }
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc d : top.scoreDocs) stored.document(d.doc);
    if (snippets && top.scoreDocs.length > 0) highlight(text, top);
  }

  private void highlight(Query text, TopDocs top) throws java.io.IOException {
    highlighter.highlightFields(
        new String[] {Schema.TITLE, Schema.BODY}, text, top, new int[] {1, 3});
  }

  /** The queries as {@link #writeQueries} wrote them. */
  static List<QuerySet.Query> readQueries(Path file) throws java.io.IOException {
    List<QuerySet.Query> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      out.add(new QuerySet.Query(f[0], f[1], nul(f[2]), nul(f[3]), nul(f[4])));
    }
    return out;
  }

  static void writeQueries(List<QuerySet.Query> queries, Path file) throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    for (QuerySet.Query q : queries) {
      lines.add(
          String.join(
              "\t",
              q.kind(),
              q.q(),
              String.valueOf(q.from()),
              String.valueOf(q.to()),
              String.valueOf(q.category())));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String nul(String s) {
    return s.equals("null") ? null : s;
  }
}
