package dev.byline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.article.Article;
import dev.byline.article.ArticleJson;
import dev.byline.article.InvalidArticleException;
import dev.byline.config.DataDir;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.Reindexer;
import dev.byline.ingest.JsonDocumentReader;
import dev.byline.ingest.NdjsonReader;
import dev.byline.ingest.PageReader;
import dev.byline.ingest.RawItem;
import dev.byline.ingest.RawItemReader;
import dev.byline.ingest.extract.Extractor;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code byline reindex}: rebuilds the index with the current schema and analyzers, from the
 * articles stored in it or ({@code --from}) from raw sources; checks the new index, swaps it in
 * atomically and keeps the previous one for {@code --rollback}.
 */
@Command(
    name = "reindex",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild the index beside the live one (from the articles stored in it, or --from sources), check it"
          + " (count, canary articles, Lucene's CheckIndex), swap it in atomically and keep the previous"
          + " index for --rollback. Works through a running server (which keeps serving; writes made"
          + " meanwhile reach the new index) or with it stopped; --from needs it stopped.",
    })
public final class ReindexCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  /** Used when this command writes the index itself; a running server uses its own. */
  @Mixin StoryOptions stories;

  @Option(
      names = "--from",
      paramLabel = "PATH",
      arity = "1..*",
      description =
          "Rebuild from these files or folders (as `index` reads them) instead of the stored articles.")
  List<Path> from;

  @Option(names = "--rollback", description = "Bring back the index the last reindex replaced.")
  boolean rollback;

  @Option(
      names = "--keep",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Earlier index generations to keep besides the live one (default: ${DEFAULT-VALUE}).")
  int keep;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key of a running server that requires one (env BYLINE_API_KEY).")
  String apiKey;

  @Override
  public Integer call() throws Exception {
    Path dataDir = data.get();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    java.util.Optional<java.net.URI> server = RunningServer.find(dataDir, http);
    if (server.isPresent()) {
      if (from != null) {
        throw new InvalidRequestException(
            409,
            "conflict",
            "a server is running on "
                + dataDir
                + ": --from needs it stopped (a reindex from the stored articles works while it runs)");
      }
      return throughServer(http, server.get());
    }
    Path live = DataDir.of(dataDir).liveIndex();
    Reindexer.requireNotInUse(live);
    PrintStream out = System.out;
    if (rollback) {
      Path now = Reindexer.rollback(dataDir);
      out.println("rolled back: the live index is " + now.getFileName() + " again");
      return 0;
    }
    if (keep < 1) {
      throw new InvalidRequestException(
          "invalid_parameter", "--keep must be 1 or more (got: " + keep + ")");
    }
    Progress progress = new Progress(System.err, Terminal.interactive(), 1, 1);
    Reindexer.Result result;
    if (from != null) {
      List<Article> articles = readSources(out);
      result =
          Reindexer.rebuild(
              dataDir,
              articles.iterator(),
              articles.size(),
              keep,
              n -> progress.articles(n, articles.size()),
              stories.settings());
    } else {
      if (!Files.isDirectory(live)) {
        throw new InvalidRequestException(
            "not_found", "no index at " + live + " to rebuild (use --from to build from sources)");
      }
      try (Reindexer.StoredArticles stored = new Reindexer.StoredArticles(live)) {
        long count = stored.count();
        result =
            Reindexer.rebuild(
                dataDir, stored, count, keep, n -> progress.articles(n, count), stories.settings());
      }
    }
    progress.done();
    out.printf(
        Locale.ROOT,
        "reindexed %d articles into %s (checks: %s); the previous index (%s) is kept for --rollback%n",
        result.articles(),
        result.generation().getFileName(),
        String.join(", ", result.checks()),
        live.getFileName());
    return 0;
  }

  /** Reindex (or roll back) through the running server, following its task until it ends. */
  private int throughServer(HttpClient http, java.net.URI base) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream out = System.out;
    java.net.http.HttpResponse<String> started =
        send(http, base, "POST", rollback ? "/api/reindex/rollback" : "/api/reindex?keep=" + keep);
    com.fasterxml.jackson.databind.JsonNode answer = json.readTree(started.body());
    if (started.statusCode() >= 400) {
      throw new InvalidRequestException(
          started.statusCode(),
          answer.path("error").asText("error"),
          "the server at "
              + base
              + " answered "
              + started.statusCode()
              + ": "
              + answer.path("message").asText());
    }
    if (rollback) {
      out.println("rolled back: the live index is " + answer.get("live").asText() + " again");
      return 0;
    }
    String id = answer.get("id").asText();
    Progress progress = new Progress(System.err, Terminal.interactive(), 1, 1);
    while (true) {
      Thread.sleep(200);
      com.fasterxml.jackson.databind.JsonNode task =
          json.readTree(send(http, base, "GET", "/api/tasks/" + id).body());
      progress.articles(task.path("done").asLong(), task.path("total").asLong(-1));
      String state = task.path("state").asText();
      if (state.equals("succeeded")) {
        progress.done();
        List<String> checks = new ArrayList<>();
        task.path("checks").forEach(c -> checks.add(c.asText()));
        out.printf(
            Locale.ROOT,
            "reindexed %d articles into %s through the server (checks: %s); the previous index is kept for --rollback%n",
            task.path("articles").asLong(),
            task.path("generation").asText(),
            String.join(", ", checks));
        return 0;
      }
      if (state.equals("failed")) {
        progress.done();
        System.err.println(
            "byline: reindex failed, the live index is unchanged: " + task.path("error").asText());
        return 1;
      }
    }
  }

  private java.net.http.HttpResponse<String> send(
      HttpClient http, java.net.URI base, String method, String path) throws Exception {
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(base.resolve(path))
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
    if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
    return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Articles from the --from sources; bad ones are reported and left out. */
  private List<Article> readSources(PrintStream out) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Article> articles = new ArrayList<>();
    int rejected = 0;
    for (Path path : from) {
      List<Path> files;
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
      } else {
        files = List.of(path);
      }
      for (Path file : files) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Extractor.Format page = Extractor.Format.ofFileName(name);
        if (page == null
            && !name.endsWith(".json")
            && !name.endsWith(".jsonl")
            && !name.endsWith(".ndjson")) continue;
        try (InputStream in = Files.newInputStream(file);
            RawItemReader reader =
                page != null
                    ? new PageReader(in.readAllBytes(), page, null)
                    : name.endsWith(".json")
                        ? new JsonDocumentReader(in, json)
                        : new NdjsonReader(in, json)) {
          for (List<RawItem> chunk = reader.next(1_000);
              !chunk.isEmpty();
              chunk = reader.next(1_000)) {
            for (RawItem item : chunk) {
              try {
                if (item.error() != null) throw new InvalidArticleException(null, item.error());
                articles.add(ArticleJson.read(item.json()));
              } catch (InvalidArticleException e) {
                rejected++;
                out.println(
                    "  rejected "
                        + file
                        + (item.line() > 0 ? ":" + item.line() : "")
                        + ": "
                        + e.getMessage());
              }
            }
          }
        } catch (InvalidRequestException e) {
          rejected++;
          out.println("  rejected " + file + ": " + e.getMessage());
        }
      }
    }
    if (articles.isEmpty()) {
      throw new InvalidRequestException(
          "invalid_parameter", "the --from sources hold no articles; the live index is unchanged");
    }
    if (rejected > 0) out.println("read " + articles.size() + " articles, rejected " + rejected);
    return articles;
  }
}
