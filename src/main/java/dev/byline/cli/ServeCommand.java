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

  @Option(
      names = "--port",
      defaultValue = "${env:BYLINE_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one; env BYLINE_PORT).")
  int port;

  @Override
  public Integer call() throws Exception {
    BylineServer running = BylineServer.start(server.config(data.get(), port));
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
