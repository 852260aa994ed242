package dev.byline.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.byline.config.DataDir;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Byline server in cluster mode, as its own process ({@code bin/byline serve --kafka …}, with
 * this JVM's classpath, as DurabilityTest starts one), spoken to over HTTP.
 */
final class BylineNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Path data;
  final String nodeId;
  private final Process process;
  private final URI base;

  private BylineNode(Path data, String nodeId, Process process, URI base) {
    this.data = data;
    this.nodeId = nodeId;
    this.process = process;
    this.base = base;
  }

  /** Starts a node on {@code data} and waits until it answers HTTP (not until it caught up). */
  static BylineNode start(Path data, String kafka, String topic, String nodeId, String... extra)
      throws Exception {
    return start(-1, data, kafka, topic, nodeId, extra);
  }

  /** As above, the node's JVM pinned to CPU {@code cpu} with {@code taskset} (none when -1). */
  static BylineNode start(
      int cpu, Path data, String kafka, String topic, String nodeId, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of("--kafka", kafka, "--topic", topic, "--node-id", nodeId));
    args.addAll(List.of(extra));
    return launch(cpu, data, nodeId, args);
  }

  /**
   * A single-node server (no Kafka, its own write-ahead log) pinned as a node would be, to compare
   * the cluster's figures with; named {@code nodeId} in its log's name only.
   */
  static BylineNode startSingle(int cpu, Path data, String nodeId, String... extra)
      throws Exception {
    return launch(cpu, data, nodeId, List.of(extra));
  }

  private static BylineNode launch(int cpu, Path data, String nodeId, List<String> args)
      throws Exception {
    Files.createDirectories(data);
    Files.deleteIfExists(DataDir.of(data).serverFile()); // a killed node leaves its own behind
    List<String> command =
        new ArrayList<>(
            dev.byline.ServeCommands.serve(data, List.of("-Xmx384m"), args.toArray(String[]::new)));
    if (cpu >= 0) command.addAll(0, List.of("taskset", "-c", Integer.toString(cpu)));
    Path log = data.resolveSibling(data.getFileName() + "-" + nodeId + ".log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Path file = DataDir.of(data).serverFile();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "node " + nodeId + " exited (" + process.exitValue() + "): " + Files.readString(log));
      }
      if (Files.exists(file)) {
        try {
          URI base = URI.create(JSON.readTree(file.toFile()).get("url").asText());
          return new BylineNode(data, nodeId, process, base);
        } catch (IOException | RuntimeException partial) {
          // written as we read it: try again
        }
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError("node " + nodeId + " did not start: " + Files.readString(log));
  }

  record Response(int status, JsonNode json, String body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Response get(String pathAndQuery) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
  }

  Response post(String json) throws Exception {
    return post("/api/articles", json);
  }

  Response post(String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  /** A raw page, extracted by the node that receives it. */
  Response postPage(String text, String url) throws Exception {
    return send(
        HttpRequest.newBuilder(
                base.resolve("/api/articles?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));
  }

  Response delete(String id) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve("/api/articles/" + id)).DELETE());
  }

  /** {@code /api/search?q=words&…extra}. */
  Response search(String words, String extra) throws Exception {
    return get(
        "/api/search?q="
            + URLEncoder.encode(words, StandardCharsets.UTF_8)
            + (extra.isEmpty() ? "" : "&" + extra));
  }

  long articles() throws Exception {
    return get("/api/stats").json().get("articles").asLong();
  }

  /**
   * Waits until {@code /health} is 200 and the node has no lag at all; fails after {@code max}.
   * Returns every status {@code /health} said meanwhile.
   */
  java.util.Set<String> awaitCaughtUp(Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    Response last = null;
    java.util.Set<String> said = new java.util.TreeSet<>();
    while (System.nanoTime() < deadline) {
      last = get("/health");
      said.add(last.json() == null ? "(not json)" : last.json().path("status").asText());
      if (last.status() == 200 && last.json().path("cluster").path("lag").asLong(-1) == 0) {
        return said;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("node " + nodeId + " did not catch up within " + max + ": " + last);
  }

  private Response send(HttpRequest.Builder request) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    try {
      json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException notJson) {
      // left null: the test asserts on the body
    }
    return new Response(r.statusCode(), json, r.body());
  }

  /** SIGKILL: no shutdown hook, no last commit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and waits for the clean stop. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
