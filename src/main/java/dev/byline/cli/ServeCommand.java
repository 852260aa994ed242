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
    String open = openWritesWarning(config);
    if (open != null) System.err.println(open);
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

  /**
   * What to tell the operator when anyone who can reach the server may write to it: no API key
   * (none given, or an empty one: an unset variable in a compose file reads as empty) and an
   * address other than this machine's own. Null when writes need a key or stay on this machine.
   */
  static String openWritesWarning(ServerConfig config) {
    if (config.apiKey() != null) return null;
    String host = config.host();
    if (host.equals("localhost") || host.equals("::1") || host.startsWith("127.")) return null;
    return "Warning: no API key is set and Byline listens on "
        + host
        + ": anyone who can reach it can write and delete articles. Set --api-key (or"
        + " BYLINE_API_KEY) to require a key.";
  }
}
