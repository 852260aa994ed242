package dev.byline.cli;

import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code byline serve}: runs the server until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the search server.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin ServerOptions server;
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--port",
      defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--print-config",
      description = "Print the settings in effect, as JSON, and exit.")
  boolean printConfig;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = server.config(data.get(), port);
    dev.byline.config.ClusterSettings clusterSettings = cluster.settings();
    if (printConfig) {
      var mapper = dev.byline.http.Json.mapper();
      com.fasterxml.jackson.databind.node.ObjectNode printed =
          mapper.valueToTree(
              config
                  .withApiKey(config.apiKey() == null ? null : "(set)")
                  .withReadKey(config.readKey() == null ? null : "(set)"));
      if (clusterSettings != null) printed.set("cluster", mapper.valueToTree(clusterSettings));
      System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(printed));
      return 0;
    }
    BylineServer running = BylineServer.start(config, clusterSettings);
    Servers.runUntilStopped(
        running,
        "Byline serving "
            + running.index().stats().articles()
            + " articles from "
            + data.get().toAbsolutePath()
            + " at "
            + running.url());
    return 0;
  }
}
