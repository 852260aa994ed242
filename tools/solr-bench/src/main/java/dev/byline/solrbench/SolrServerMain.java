package dev.byline.solrbench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.Utils;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import sun.misc.Signal;

/**
 * Runs a real Solr 9 node in this JVM (Jetty, over HTTP) loaded with a corpus of articles, for
 * benchmarking Byline against Solr.
 *
 * <p>Usage: {@code SolrServerMain <corpus.jsonl> <work dir> <port>}.
 *
 * <ol>
 *   <li>Writes a Solr home into {@code <work dir>}: {@code solr.xml} and one core, {@code
 *       articles}, with the {@code solrconfig.xml} and classic {@code schema.xml} kept as
 *       resources beside this class. An index left in the work dir by an earlier run is deleted
 *       first: every run indexes the corpus afresh.
 *   <li>Starts Solr at {@code http://127.0.0.1:<port>/solr} (port 0: any free port).
 *   <li>Indexes the corpus (JSON Lines, one article a line: {@code id, url, title, body, author,
 *       date, source, category, language}) over HTTP in batches of {@value #BATCH}, then
 *       hard-commits once. No optimise.
 *   <li>Prints exactly one line to stdout, {@code ready <port> <numDocs>}, and flushes it.
 *   <li>Serves until its stdin reaches end of file or it gets SIGTERM or SIGINT, then stops Jetty
 *       (which closes the core) and exits 0.
 * </ol>
 *
 * <p>Nothing else goes to stdout: logs (WARN and above) and the indexing summary go to stderr. Any
 * failure prints its cause to stderr and exits 1; wrong arguments exit 2.
 */
public final class SolrServerMain {
  /** The one core, as in {@code /solr/articles/select}. */
  public static final String CORE = "articles";

  /** Documents a request when indexing. */
  static final int BATCH = 1000;

  /**
   * java.util.logging loggers configured here. Held strongly: JUL keeps only weak references, and a
   * collected logger would come back with its level forgotten.
   */
  private static final List<java.util.logging.Logger> JUL_LOGGERS = new ArrayList<>();

  private SolrServerMain() {}

  /**
   * Quiets what does not go through log4j2.xml, before any Solr class loads. Lucene and Jersey log
   * through java.util.logging: its root goes to WARNING (drops Lucene's INFO on MMapDirectory),
   * and Jersey to SEVERE (it warns about an optional jakarta.activation provider Solr never uses).
   * Solr checks for solr.log.dir at startup and logs an ERROR without it, and warns without
   * solr.install.dir; neither is used for anything here (logs go to stderr, no modules or shared
   * lib are loaded), so both default to the work dir. A -D on the command line still wins.
   */
  private static void quietLogging(Path home) {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(java.util.logging.Level.WARNING);
    java.util.logging.Logger jersey = java.util.logging.Logger.getLogger("org.glassfish.jersey");
    jersey.setLevel(java.util.logging.Level.SEVERE);
    JUL_LOGGERS.add(root);
    JUL_LOGGERS.add(jersey);
    if (System.getProperty("solr.log.dir") == null) {
      System.setProperty("solr.log.dir", home.toString());
    }
    if (System.getProperty("solr.install.dir") == null) {
      System.setProperty("solr.install.dir", home.toString());
    }
  }

  public static void main(String[] args) {
    // The ready line is the caller's only signal; anything Solr, Jetty or a library prints to
    // System.out would corrupt it, so stdout is kept for that line alone.
    PrintStream ready = System.out;
    System.setOut(System.err);
    if (args.length != 3) {
      System.err.println("usage: SolrServerMain <corpus.jsonl> <work dir> <port>");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    Path home = Path.of(args[1]).toAbsolutePath();
    int port;
    try {
      port = Integer.parseInt(args[2]);
    } catch (NumberFormatException e) {
      System.err.println("port is not a number: " + args[2]);
      System.exit(2);
      return;
    }

    quietLogging(home);

    CountDownLatch stop = new CountDownLatch(1);
    // Handling the signals ourselves (instead of letting the JVM run shutdown hooks) keeps one
    // orderly path for every way of stopping, and lets SIGTERM end with status 0.
    Signal.handle(new Signal("TERM"), s -> stop.countDown());
    Signal.handle(new Signal("INT"), s -> stop.countDown());

    int status = 0;
    JettySolrRunner jetty = null;
    try {
      writeSolrHome(home);
      jetty =
          new JettySolrRunner(
              home.toString(),
              JettyConfig.builder()
                  .setContext("/solr")
                  .setPort(port)
                  .stopAtShutdown(false) // we stop it ourselves, see above
                  .withPortRetryTime(0) // a taken port is an error, not a reason to wait
                  .build());
      jetty.start();
      String baseUrl = jetty.getBaseUrl().toString();
      long numDocs;
      try (SolrClient client = new Http2SolrClient.Builder(baseUrl).build()) {
        long start = System.nanoTime();
        long sent = index(client, corpus);
        numDocs = client.query(CORE, new SolrQuery("*:*").setRows(0)).getResults().getNumFound();
        System.err.printf(
            "indexed %d articles (%d in the index) in %d ms%n",
            sent, numDocs, (System.nanoTime() - start) / 1_000_000);
      }
      ready.println("ready " + jetty.getLocalPort() + " " + numDocs);
      ready.flush();
      watchStdin(stop);
      stop.await();
    } catch (Exception e) {
      System.err.println("solr-bench: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      if (jetty != null) {
        try {
          jetty.stop();
        } catch (Exception e) {
          System.err.println("solr-bench: stopping Jetty failed: " + e);
          status = 1;
        }
      }
    }
    // Solr can leave non-daemon executor threads behind; they must not keep the JVM alive.
    System.exit(status);
  }

  /** Counts {@code stop} down when stdin reaches end of file: the caller closed its end. */
  private static void watchStdin(CountDownLatch stop) {
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // the input itself means nothing; only its end does
                }
              } catch (IOException e) {
                // an unreadable stdin is as good as a closed one
              }
              stop.countDown();
            },
            "stdin-eof");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Writes solr.xml and the articles core into {@code home}, removing an earlier index. */
  static void writeSolrHome(Path home) throws IOException {
    Path core = home.resolve(CORE);
    Path conf = core.resolve("conf");
    Files.createDirectories(conf);
    deleteRecursively(core.resolve("data"));
    copyResource("solr.xml", home.resolve("solr.xml"));
    copyResource("solrconfig.xml", conf.resolve("solrconfig.xml"));
    copyResource("schema.xml", conf.resolve("schema.xml"));
    Files.writeString(core.resolve("core.properties"), "name=" + CORE + "\n");
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = SolrServerMain.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("resource missing from the jar: " + name);
      Files.write(target, in.readAllBytes());
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Sends every article of the corpus in batches, then hard-commits; returns the count sent. */
  static long index(SolrClient client, Path corpus) throws Exception {
    long sent = 0;
    int lineNo = 0;
    List<SolrInputDocument> batch = new ArrayList<>(BATCH);
    try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      for (String line; (line = reader.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) continue;
        try {
          batch.add(toDocument(line));
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(corpus + ":" + lineNo + ": " + e.getMessage(), e);
        }
        if (batch.size() == BATCH) {
          client.add(CORE, batch);
          sent += batch.size();
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      client.add(CORE, batch);
      sent += batch.size();
    }
    client.commit(CORE); // hard commit, waits for the new searcher
    return sent;
  }

  /** One JSON line to the Solr document described in schema.xml. */
  @SuppressWarnings("unchecked")
  static SolrInputDocument toDocument(String json) {
    Map<String, Object> a = (Map<String, Object>) Utils.fromJSONString(json);
    SolrInputDocument doc = new SolrInputDocument();
    Object id = a.get("id");
    if (id == null || id.toString().isBlank()) throw new IllegalArgumentException("no id");
    doc.addField("id", id.toString());
    for (String field : List.of("url", "title", "body", "source", "language")) {
      Object value = a.get(field);
      if (value != null) doc.addField(field, value.toString());
    }
    // author and category: an array, or (as Byline also accepts) a single string.
    // author_text is filled by the schema's copyField.
    for (String field : List.of("author", "category")) {
      Object value = a.get(field);
      if (value instanceof List<?> values) {
        for (Object v : values) if (v != null) doc.addField(field, v.toString());
      } else if (value != null) {
        doc.addField(field, value.toString());
      }
    }
    Object date = a.get("date");
    if (date != null && !date.toString().isBlank()) {
      OffsetDateTime when = parseDate(date.toString().strip());
      doc.addField("date", Date.from(when.toInstant()));
      // The year of the day as written (its own offset), as Byline's year facet counts it.
      doc.addField("year", Integer.toString(when.getYear()));
    }
    return doc;
  }

  /**
   * The date forms Byline's DateParser reads, less the written English day: an ISO day (taken at
   * midnight UTC, as Byline does), an ISO date-time with offset, or RFC 1123.
   */
  static OffsetDateTime parseDate(String text) {
    try {
      if (text.length() == 10) return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      try {
        return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "date '" + text + "' is not an ISO day, an ISO date-time with offset or RFC 1123");
      }
    }
  }
}
