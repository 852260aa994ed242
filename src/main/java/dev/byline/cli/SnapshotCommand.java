package dev.byline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.ArticleIndex;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code byline snapshot DIR}: a consistent point-in-time copy of the index, taken through the
 * running server (which keeps serving and ingesting) or straight from the index when none runs.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description =
        "Write a consistent copy of the index to DIR (which must not exist), while the server keeps serving.")
public final class SnapshotCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Parameters(paramLabel = "DIR", description = "Where to write the snapshot.")
  Path target;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key of a running server that requires one (env BYLINE_API_KEY).")
  String apiKey;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(target)) {
      throw new InvalidRequestException(
          "invalid_parameter", target + " already exists: name a new folder");
    }
    // The data directory's folders belong to the server: a generation's is deleted once a later
    // reindex retires it, and a backup inside it with it. Its snapshots folder is for snapshots.
    Path where = target.toAbsolutePath().normalize();
    Path home = data.get().toAbsolutePath().normalize();
    if (where.startsWith(home) && !where.startsWith(DataDir.of(home).snapshots())) {
      throw new InvalidRequestException(
          "invalid_parameter",
          target
              + " is inside the data directory, whose folders a reindex may delete: name a folder"
              + " elsewhere (another disk, for a backup), or under "
              + DataDir.of(home).snapshots());
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Optional<URI> server = RunningServer.find(data.get(), http);
    long articles;
    if (server.isPresent()) {
      String name = "cli-" + System.currentTimeMillis();
      HttpRequest.Builder request =
          HttpRequest.newBuilder(server.get().resolve("/api/snapshots"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}"));
      if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = new ObjectMapper().readTree(response.body());
      if (response.statusCode() != 201) {
        throw new InvalidRequestException(
            response.statusCode(),
            answer.path("error").asText("error"),
            "the server at "
                + server.get()
                + " answered "
                + response.statusCode()
                + ": "
                + answer.path("message").asText());
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      // The server answers with the snapshot's place in the data directory, which is ours too.
      moveFolder(data.get().resolve(answer.get("path").asText()), target, Files::move);
      articles = answer.get("articles").asLong();
    } else {
      try (ArticleIndex index = ArticleIndex.open(DataDir.of(data.get()).liveIndex())) {
        Files.createDirectories(target.toAbsolutePath().getParent());
        articles = index.snapshot(target).articles();
      }
    }
    System.out.println("snapshot of " + articles + " articles in " + target);
    return 0;
  }

  /** How a folder is renamed: {@link Files#move}, or a test's stand-in. */
  interface Rename {
    void move(Path from, Path to, java.nio.file.CopyOption... options) throws IOException;
  }

  /**
   * Moves the folder {@code from} to {@code to}: renamed on one volume; across volumes (where a
   * folder that is not empty cannot be renamed: {@code byline snapshot /backup/disk/…} while a
   * server runs, an outside hunt's "byline: …/snapshots/cli-…", exit 2, the copy left behind)
   * copied to {@code to}'s name with {@code .partial} after it, renamed into place whole, and then
   * the original removed.
   */
  static void moveFolder(Path from, Path to, Rename rename) throws IOException {
    try {
      rename.move(from, to);
      return;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw e;
    } catch (IOException e) {
      // another volume: copied below
    }
    if (Files.exists(to)) throw new java.nio.file.FileAlreadyExistsException(to.toString());
    Path partial = to.resolveSibling(to.getFileName() + ".partial");
    if (Files.exists(partial)) DataDir.deleteTree(partial);
    java.util.List<Path> folders = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path copy = partial.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
          folders.add(copy);
        } else {
          Files.copy(source, copy);
          try (java.nio.channels.FileChannel written =
              java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.WRITE)) {
            written.force(true); // on disk before the rename says it is whole
          }
        }
      }
    }
    for (Path folder : folders.reversed()) org.apache.lucene.util.IOUtils.fsync(folder, true);
    Files.move(partial, to);
    org.apache.lucene.util.IOUtils.fsync(to.toAbsolutePath().getParent(), true);
    DataDir.deleteTree(from);
  }
}
