package dev.byline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training run of JDK 25's ahead-of-time cache (JEP 483, 514, 515): {@code byline serve} from
 * the jar, started with {@code -XX:AOTCacheOutput}, bulk-loads a small generated corpus through the
 * API and answers the bench's query mix (Lucene syntax and the search box's, with facets and
 * snippets) over 8 connections; when it stops, the JVM writes the cache: the classes it loaded and
 * linked, and the method profiles it gathered, so that a server started with {@code -XX:AOTCache}
 * skips that work and compiles its hot code sooner.
 *
 * <p>{@code main(jar, cache, [articles=2000], [seconds=20], [java flags of the served JVM...])}. The
 * server's class path must be the one it will run with ({@code -jar} that same jar path): the JVM
 * ignores a cache made for another class path or another JVM build, and starts without it.
 */
public final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    Path cache = Path.of(args[1]).toAbsolutePath();
    int articles = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    List<String> flags = new ArrayList<>();
    for (int i = 4; i < args.length; i++) flags.add(args[i]);
    if (flags.isEmpty()) flags.add("-Xmx1g");
    long start = System.nanoTime();
    train(jar, cache, articles, seconds, flags);
    System.out.printf(
        java.util.Locale.ROOT,
        "AOT cache %s: %.0f MB, trained in %.0f s%n",
        cache,
        Files.size(cache) / 1e6,
        (System.nanoTime() - start) / 1e9);
    System.exit(0);
  }

  static void train(Path jar, Path cache, int articles, int seconds, List<String> flags)
      throws Exception {
    Path work = Files.createTempDirectory("byline-aot-training-");
    Path partial = cache.resolveSibling(cache.getFileName() + ".training");
    Files.deleteIfExists(partial);
    try {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-XX:AOTCacheOutput=" + partial);
      command.addAll(
          List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"));
      command.addAll(flags);
      command.addAll(
          List.of(
              "-DBYLINE_LOG_LEVEL=WARN",
              "-jar",
              jar.toString(),
              "serve",
              "--data",
              work.resolve("data").toString(),
              "--port",
              String.valueOf(port),
              // The training replay below is the warm-up: none of the server's own.
              "--warmup-ms",
              "0"));
      Path log = work.resolve("training.log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        String base = "http://127.0.0.1:" + port;
        while (true) {
          if (!p.isAlive())
            throw new IllegalStateException("server exited: " + Files.readString(log));
          try {
            Bench.get(base + "/health");
            break;
          } catch (IOException notYet) {
            Thread.sleep(20);
          }
        }
        CorpusGenerator generator = new CorpusGenerator(7);
        List<Article> corpus = new ArrayList<>();
        for (int i = 0; i < articles; i++) corpus.add(generator.article(i));
        load(base, corpus);
        List<String> paths = new ArrayList<>();
        for (QuerySet.Query q : QuerySet.build(corpus, generator.categories(), 20, 7)) {
          paths.add("/api/search?" + Bench.queryString(Bench.request(q, true, true)));
          // The search box's form of the same words: simple syntax, its defaults.
          paths.add(
              "/api/search?q="
                  + java.net.URLEncoder.encode(
                      q.q().replace(" AND ", " ").replace(" OR ", " "),
                      java.nio.charset.StandardCharsets.UTF_8));
        }
        LoadGenerator.javaLoad(port, paths, HttpBench.CONNECTIONS, seconds, () -> 0);
      } finally {
        p.destroy(); // SIGTERM: Byline closes its index, then the JVM writes the cache as it exits
        if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly();
      }
      if (!Files.isRegularFile(partial) || Files.size(partial) == 0)
        throw new IllegalStateException("no AOT cache written: " + Files.readString(log));
      Files.move(
          partial,
          cache,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
      try (var files = Files.walk(work)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList())
          Files.deleteIfExists(f);
      }
    }
  }

  /** The corpus through {@code POST /api/articles}, 500 articles a request. */
  private static void load(String base, List<Article> corpus) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    for (int from = 0; from < corpus.size(); from += 500) {
      StringBuilder body = new StringBuilder();
      for (Article a : corpus.subList(from, Math.min(corpus.size(), from + 500)))
        body.append(json.writeValueAsString(ArticleJson.write(a))).append('\n');
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/articles"))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2)
        throw new IllegalStateException("bulk load -> " + r.statusCode() + " " + r.body());
    }
  }
}
