package dev.byline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import dev.byline.config.StorySettings;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import dev.byline.index.StoryRecluster;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code byline stories}: groups the index's articles into stories again (see {@link
 * StoryRecluster}), through a running server or on the data directory when none runs.
 */
@Command(
    name = "stories",
    mixinStandardHelpOptions = true,
    description = {
      "Group the index's articles into stories again with the story threshold (--story-threshold,"
          + " or the configured one): stories that turn out to be one are merged (the earliest"
          + " article's story keeps its id, the others become aliases of it that still resolve),"
          + " articles without a story get one; no story is split and no id changes. Works through"
          + " a running server (which keeps serving) or on the data directory with it stopped.",
    })
public final class StoriesCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  /** The threshold; {@code --stories} is not used (reclustering finds stories whatever it says). */
  @Mixin StoryOptions stories;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key of a running server that requires one (env BYLINE_API_KEY).")
  String apiKey;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path dataDir = data.get();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Optional<URI> server = RunningServer.find(dataDir, http);
    StepProgress progress = new StepProgress(System.err, Terminal.interactive());
    if (server.isPresent()) return throughServer(http, server.get(), progress);
    Path live = DataDir.of(dataDir).liveIndex();
    if (!Files.isDirectory(live)) {
      throw new InvalidRequestException("not_found", "no index at " + live);
    }
    double threshold = stories.settings().threshold();
    StoryRecluster.Result result;
    try (ArticleIndex index = ArticleIndex.open(live, new StorySettings(true, threshold))) {
      result = index.recluster(threshold, progress);
    }
    progress.finish();
    System.out.printf(
        Locale.ROOT,
        "stories at threshold %s: %,d articles, %,d stories before, %,d after; %,d merged into"
            + " others (their ids are aliases now), %,d articles moved%n",
        threshold,
        result.articles(),
        result.storiesBefore(),
        result.storiesAfter(),
        result.aliases().size(),
        result.moved());
    return 0;
  }

  /** Asks the running server, and follows its task until it ends. */
  private int throughServer(HttpClient http, URI base, StepProgress progress) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream out = System.out;
    // The server's own threshold (as it was started or configured) unless one was typed.
    boolean given = spec.commandLine().getParseResult().hasMatchedOption("--story-threshold");
    String path =
        "/api/stories/recluster" + (given ? "?threshold=" + stories.settings().threshold() : "");
    HttpResponse<String> started = send(http, base, "POST", path);
    JsonNode answer = json.readTree(started.body());
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
    String id = answer.get("id").asText();
    while (true) {
      Thread.sleep(200);
      JsonNode task = json.readTree(send(http, base, "GET", "/api/tasks/" + id).body());
      if (task.hasNonNull("step") && !task.path("step").asText().equals("starting")) {
        progress.step(task.path("step").asText(), task.path("total").asLong(-1));
        progress.done(task.path("done").asLong());
      }
      String state = task.path("state").asText();
      if (state.equals("succeeded")) {
        progress.finish();
        out.printf(
            Locale.ROOT,
            "stories at threshold %s (through the server): %,d articles, %,d stories before, %,d"
                + " after; %,d merged into others (their ids are aliases now), %,d articles moved%n",
            task.path("threshold").asText(),
            task.path("articles").asLong(),
            task.path("stories_before").asLong(),
            task.path("stories_after").asLong(),
            task.path("merged").asLong(),
            task.path("moved").asLong());
        return 0;
      }
      if (state.equals("failed")) {
        progress.finish();
        System.err.println("byline: reclustering failed: " + task.path("error").asText());
        return 1;
      }
    }
  }

  private HttpResponse<String> send(HttpClient http, URI base, String method, String path)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
