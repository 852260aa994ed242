package dev.byline.cli;

import dev.byline.config.DataDir;
import dev.byline.errors.InvalidRequestException;
import dev.byline.index.Snapshots;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code byline restore DIR}: puts a snapshot back as the index (the server must be stopped). */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Make the snapshot in DIR the live index, as a new index generation; the replaced one is"
            + " kept (reindex --rollback brings it back). Stop the server first.")
public final class RestoreCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Parameters(paramLabel = "DIR", description = "A folder written by `byline snapshot`.")
  Path snapshot;

  @Override
  public Integer call() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    if (RunningServer.find(data.get(), http).isPresent()) {
      throw new InvalidRequestException(
          409, "conflict", "a server is running on " + data.get() + ": stop it before restoring");
    }
    Snapshots.Restored restored = Snapshots.restore(snapshot, DataDir.of(data.get()));
    System.out.println(
        "restored "
            + restored.articles()
            + " articles from "
            + snapshot
            + " into "
            + restored.generation()
            + (restored.replaced() == null
                ? ""
                : "; the replaced index ("
                    + restored.replaced()
                    + ") is kept: bin/byline reindex --rollback brings it back"));
    return 0;
  }
}
