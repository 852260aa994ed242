package dev.byline.cli;

import dev.byline.config.DataDir;
import dev.byline.http.Json;
import dev.byline.index.ArticleIndex;
import dev.byline.index.IndexStats;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code byline stats}: what is in the index (read-only; works while a server runs). */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Show index statistics.")
public final class StatsCommand implements Callable<Integer> {
  @Mixin DataDirOption data;

  @Option(names = "--json", description = "Print JSON, as GET /api/stats does.")
  boolean asJson;

  @Override
  public Integer call() throws Exception {
    IndexStats stats;
    try (ArticleIndex index = ArticleIndex.openReadOnly(DataDir.of(data.get()).liveIndex())) {
      stats = index.stats();
    }
    if (asJson) {
      System.out.println(Json.mapper().writeValueAsString(stats.toJson()));
    } else {
      System.out.printf(
          Locale.ROOT,
          "articles:       %,d%nindex size:     %,d bytes%nsegments:       %d%n"
              + "schema version: %d%nlast commit:    %s%n",
          stats.articles(),
          stats.indexBytes(),
          stats.segments(),
          stats.schemaVersion(),
          stats.lastCommit() == null ? "never" : stats.lastCommit());
    }
    return 0;
  }
}
