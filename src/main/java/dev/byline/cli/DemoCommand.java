package dev.byline.cli;

import dev.byline.config.DataDir;
import dev.byline.config.ServerConfig;
import dev.byline.http.BylineServer;
import dev.byline.ingest.DemoCollection;
import dev.byline.ingest.Ingest;
import dev.byline.ingest.ItemResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code byline demo}: a server with the demo collection, on a throwaway data directory. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the server with the demo collection indexed, in a temporary data directory"
            + " (deleted on exit) unless --data is given.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Option(names = "--data", paramLabel = "DIR", description = "Keep the demo index here.")
  Path dataDir;

  @Option(
      names = "--port",
      description =
          "Port (default: " + ServerConfig.DEFAULT_PORT + ", or a free one if that is taken).")
  Integer port;

  @Override
  public Integer call() throws Exception {
    boolean throwaway = dataDir == null;
    Path data = throwaway ? Files.createTempDirectory("byline-demo-") : dataDir;
    int chosenPort =
        port != null ? port : (isFree(ServerConfig.DEFAULT_PORT) ? ServerConfig.DEFAULT_PORT : 0);
    BylineServer running = startWithDemo(server.config(data, chosenPort));
    Servers.runUntilStopped(
        running,
        "Byline demo: "
            + running.index().stats().articles()
            + " articles at "
            + running.url()
            + "\n  try: curl '"
            + running.url()
            + "api/search?q=election'\n  Ctrl-C to stop.",
        () -> {
          if (throwaway) {
            deleteTree(data);
          }
        });
    return 0;
  }

  /** Starts a server and indexes the demo collection into it (what the README's demo runs). */
  public static BylineServer startWithDemo(ServerConfig config) throws IOException {
    BylineServer running = BylineServer.start(config);
    List<ItemResult> results =
        Ingest.validateAndWrite(DemoCollection.read(), running.index()::write);
    long failed = results.stream().filter(ItemResult::failed).count();
    if (failed > 0) {
      running.close();
      throw new IllegalStateException(failed + " demo articles were rejected: " + results);
    }
    return running;
  }

  @SuppressWarnings("try") // the socket is only opened, to see whether the port is free
  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    try {
      DataDir.deleteTree(root);
    } catch (IOException | RuntimeException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
