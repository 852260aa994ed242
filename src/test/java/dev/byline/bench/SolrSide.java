package dev.byline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The third side of {@link HttpBench} ({@code BENCH_SOLR=1}): Solr 9.10.1 over HTTP, run in a JVM
 * of its own by {@code tools/solr-bench} (a Maven project apart from Byline's, so that Solr's
 * Lucene 9 never meets Byline's Lucene 10 on a class path), on the same articles, replayed with
 * the same queries ({@link SolrRequests}), connections and windows as Byline, after an untimed
 * warm-up with the same replay (its own indexing and commit before that).
 */
final class SolrSide {
  private static final Path PROJECT = Path.of("tools/solr-bench");

  private SolrSide() {}

  /** Builds the Solr runner and its class path (Maven, from Maven Central the first time). */
  static String classPath() throws IOException, InterruptedException {
    Path cpFile = PROJECT.resolve("target/classpath.txt").toAbsolutePath();
    Process build =
        new ProcessBuilder(
                "mvn",
                "-q",
                "-B",
                "-ntp",
                "-f",
                PROJECT.resolve("pom.xml").toString(),
                "compile",
                "dependency:build-classpath",
                "-Dmdep.outputFile=" + cpFile)
            .redirectErrorStream(true)
            .start();
    String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (build.waitFor() != 0) throw new IllegalStateException("building tools/solr-bench: " + out);
    return PROJECT.resolve("target/classes").toAbsolutePath()
        + ":"
        + Files.readString(cpFile).strip();
  }

  /** Starts Solr on {@code corpus}, replays {@code paths} at it, stops it. */
  static HttpBench.Side run(HttpBench.Config config, Path corpus, Path work, List<String> paths)
      throws Exception {
    String cp = classPath();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(
        System.getenv()
            .getOrDefault(
                "BENCH_SOLR_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.add("-Xmx1g"); // as bin/byline gives Byline
    for (String flag : Files.readAllLines(PROJECT.resolve("jvm-flags.txt")))
      if (!flag.isBlank() && !flag.startsWith("#")) command.add(flag.strip());
    command.addAll(
        List.of(
            "-cp",
            cp,
            "dev.byline.solrbench.SolrServerMain",
            corpus.toAbsolutePath().toString(),
            work.resolve("solr").toAbsolutePath().toString(),
            String.valueOf(port)));
    Path log = work.resolve("solr.log");
    long launched = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("ready ")) {
        // only the ready line is written to standard output
      }
      if (line == null) throw new IllegalStateException("Solr did not start: " + tail(log));
      double ready = (System.nanoTime() - launched) / 1e9;
      long pid = p.pid();
      // Solr has no warm-up of its own, and its JIT needs minutes: as the issue measured it, the
      // same replay first runs untimed (BENCH_SOLR_WARMUP_S, default 120 s).
      int warmUp = Integer.parseInt(System.getenv().getOrDefault("BENCH_SOLR_WARMUP_S", "120"));
      if (warmUp > 0)
        LoadGenerator.run(
            port,
            paths,
            HttpBench.CONNECTIONS,
            warmUp,
            config.useWrk(),
            () -> LoadGenerator.processCpuSeconds(pid));
      Map<String, Double> before = HttpBench.threadCpu(pid);
      LoadGenerator.Windows w =
          LoadGenerator.run(
              port,
              paths,
              HttpBench.CONNECTIONS,
              config.seconds(),
              config.useWrk(),
              () -> LoadGenerator.processCpuSeconds(pid));
      Map<String, Double> after = HttpBench.threadCpu(pid);
      return new HttpBench.Side(
          "Solr", w.qps(), w.cpu(), ready, HttpBench.cpuSummary(before, after));
    } finally {
      p.getOutputStream().close(); // end of input: the runner stops Jetty and exits
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
    }
  }

  private static String tail(Path log) throws IOException {
    String all = Files.exists(log) ? Files.readString(log) : "";
    return all.substring(Math.max(0, all.length() - 4000));
  }
}
