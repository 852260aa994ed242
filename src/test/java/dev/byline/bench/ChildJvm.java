package dev.byline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Byline as operators run it: in a JVM of its own, started the way {@code bin/byline} starts it
 * (same main class, same modules), so start-up, memory and the command line's own costs are in
 * what is measured.
 */
final class ChildJvm {
  private ChildJvm() {}

  /** What a server costs: seconds from launch to a healthy answer, and memory after warm-up. */
  record ServeCost(double startSeconds, long heapBytes, long rssBytes) {}

  /** {@code byline index FILE} into an empty data directory: articles per second, start-up included. */
  static double indexWithCli(Path file, Path dataDir, int articles) throws Exception {
    long start = System.nanoTime();
    Process p =
        launch(
            List.of("index", file.toString(), "--data", dataDir.toString()),
            dataDir.resolveSibling("cli.log"));
    if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "byline index failed: " + Files.readString(dataDir.resolveSibling("cli.log")));
    }
    return articles / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * Starts {@code byline serve} on an existing data directory, times it to its first healthy
   * answer, runs {@code warmUp} searches, and reads the heap after a full GC and the process RSS.
   */
  static ServeCost serve(Path dataDir, List<String> warmUpUrls) throws Exception {
    return serve(dataDir, List.of(), warmUpUrls);
  }

  /** As {@link #serve(Path, List)}, with more options for {@code byline serve} ({@code extra}). */
  static ServeCost serve(Path dataDir, List<String> extra, List<String> warmUpUrls)
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    long start = System.nanoTime();
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--data", dataDir.toString(), "--port", String.valueOf(port)));
    // Start-up and memory are measured: the warm-up (on by default) would hold /health at 503.
    args.addAll(List.of("--warmup-ms", "0"));
    args.addAll(extra);
    Process p = launch(args, dataDir.resolveSibling("serve.log"));
    try {
      String base = "http://127.0.0.1:" + port;
      double startSeconds;
      while (true) {
        if (!p.isAlive())
          throw new IllegalStateException(
              "byline serve exited: " + Files.readString(dataDir.resolveSibling("serve.log")));
        try {
          Bench.get(base + "/health");
          startSeconds = (System.nanoTime() - start) / 1e9;
          break;
        } catch (IOException notYet) {
          Thread.sleep(20);
        }
      }
      for (String url : warmUpUrls) Bench.get(base + url);
      Process gc =
          new ProcessBuilder(jdkTool("jcmd"), String.valueOf(p.pid()), "GC.run")
              .redirectErrorStream(true)
              .start();
      gc.getInputStream().readAllBytes();
      gc.waitFor(1, TimeUnit.MINUTES);
      long heap = 0;
      for (String line : Bench.get(base + "/metrics").split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
      return new ServeCost(startSeconds, heap, rss);
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  private static Process launch(List<String> args, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(jdkTool("java"));
    // As bin/byline runs it, but from the class path (the jar may not be built yet), so without the
    // class-data archive, which cannot be made from directories: start-up is measured cold. The
    // heap is as large as the benchmark's own, so indexing compares fairly.
    command.addAll(
        List.of(
            "-Xmx8g",
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-DBYLINE_LOG_LEVEL=WARN",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.byline.Byline"));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }
}
